import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compareText } from '../../src/shared/compare.js';
import { percent } from '../../src/shared/percent.js';
import { terminalText } from '../../src/shared/sanitise.js';
import { stableJson } from '../../src/shared/stable-json.js';
import { issuePath, zodIssueLines } from '../../src/shared/zod-issues.js';

describe('compareText', () => {
  it('orders by UTF-16 code unit, as sort() without a comparator, never by locale', () => {
    const words = ['b', 'B', 'a', 'é', 'e', 'Z', '10', '9', '', 'a'];
    expect([...words].sort(compareText)).toEqual([...words].sort());
    expect([...words].sort(compareText)).toEqual(['', '10', '9', 'B', 'Z', 'a', 'a', 'b', 'e', 'é']);
    expect(compareText('x', 'x')).toBe(0);
  });
});

describe('percent', () => {
  it.each([
    [0, '0.0%'],
    [0.001, '0.1%'],
    [0.12345, '12.3%'],
    [1, '100.0%'],
  ])('%d is %s', (rate, text) => {
    expect(percent(rate)).toBe(text);
  });
});

describe('terminalText', () => {
  it('shows controls as U+FFFD and line breaks and tabs as spaces', () => {
    expect(terminalText('a\x1b[31mb\nc')).toBe('a\uFFFD[31mb c');
    expect(terminalText('a\r\nb\rc\td\x07e\x9bf\x7f')).toBe('a b c d\uFFFDe\uFFFDf\uFFFD');
    expect(terminalText('APP-1 é ’ 😀')).toBe('APP-1 é ’ 😀');
    expect(terminalText('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
  });
});

describe('stableJson', () => {
  it('gives the same one-line text whatever order the keys came in (fingerprints hash it: this text is fixed)', () => {
    const a = { b: [1, { y: 'q', x: null }], a: 'x"y', n: 2.5 };
    const b = { n: 2.5, a: 'x"y', b: [1, { x: null, y: 'q' }] };
    expect(stableJson(a)).toBe('{"a":"x\\"y","b":[1,{"x":null,"y":"q"}],"n":2.5}');
    expect(stableJson(b)).toBe(stableJson(a));
    expect(stableJson(undefined)).toBe('null');
    expect(stableJson([])).toBe('[]');
  });
});

describe('zodIssueLines', () => {
  const schema = z.strictObject({
    inputs: z.strictObject({ delimiter: z.enum(['auto', ',', '\t']), files: z.array(z.string()) }),
    limit: z.union([z.number(), z.strictObject({ days: z.number() })]),
  });
  const lines = (value: unknown, options?: Parameters<typeof zodIssueLines>[1]): string[] => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error('expected a failure');
    return zodIssueLines(result.error, options);
  };

  it('starts each line with where the problem is', () => {
    expect(lines({ inputs: { delimiter: '|', files: ['a', 2], extra: 1 }, limit: 1 })).toEqual([
      'inputs.delimiter: expected one of "auto", ",", "\\t"',
      'inputs.files[1]: expected string, received number',
      'inputs.extra: unknown key',
    ]);
    expect(lines([])).toEqual(['(top level): expected object, received array']);
  });

  it('reports the alternative of a union that the value came closest to', () => {
    expect(lines({ inputs: { delimiter: ',', files: [] }, limit: { days: 'x' } })).toEqual(['limit.days: expected number, received string']);
  });

  it('puts the place of the value before each path, and names unknown keys as asked', () => {
    expect(lines({ inputs: { delimiter: ',', files: [], typo: 1 }, limit: 1 }, { at: 'rules.x.options', unknownKey: 'option' })).toEqual([
      'rules.x.options.inputs.typo: unknown option',
    ]);
    expect(issuePath([], 'rules.x')).toBe('rules.x');
    expect(issuePath(['a', 0, 'b'])).toBe('a[0].b');
  });
});
