import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compareText } from '../../src/shared/compare.js';
import { percent } from '../../src/shared/percent.js';
import { terminalOutput, terminalText } from '../../src/shared/sanitise.js';
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

  it('shows bidi controls and marks, U+2028/U+2029 and NEL as U+FFFD; keeps ZWJ/ZWNJ and right-to-left text', () => {
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u2028', '\u2029', '\u0085']) {
      expect(terminalText(`a${c}b`), `U+${c.codePointAt(0)!.toString(16)}`).toBe('a\uFFFDb');
    }
    expect(terminalText('\u0645\u062D\u0645\u062F \u0928\u093F\u200D\u0930 👩\u200D💻 \u200C')).toBe('\u0645\u062D\u0645\u062F \u0928\u093F\u200D\u0930 👩\u200D💻 \u200C');
  });
});

describe('terminalOutput', () => {
  const off = { ownSequences: false };
  const on = { ownSequences: true };
  it("keeps the output's own line breaks and tabs, and neutralises the rest as terminalText does", () => {
    expect(terminalOutput('a\nb\r\nc\td\n', off)).toBe('a\nb\r\nc\td\n');
    expect(terminalOutput('x\ry', off)).toBe('x\uFFFDy');
    expect(terminalOutput('\x1b]0;pwned\x07\x1b[2J\u009b31m\u202E\u2028\u2029\u0085', on)).toBe('\uFFFD]0;pwned\uFFFD\uFFFD[2J\uFFFD31m\uFFFD\uFFFD\uFFFD\uFFFD');
  });

  it("keeps the CLI's own colours and progress clear only when asked, and no other escape sequence", () => {
    const own = '\x1b[1m\x1b[31mred\x1b[39m\x1b[22m \x1b[90mgray\x1b[39m \x1b[4mu\x1b[24m';
    expect(terminalOutput(own, on)).toBe(own);
    expect(terminalOutput('\r\x1b[Kreading', on)).toBe('\r\x1b[Kreading');
    expect(terminalOutput(own, off)).not.toContain('\x1b');
    expect(terminalOutput('\r\x1b[Kreading', off)).toBe('\uFFFD\uFFFD[Kreading');
    // Conceal, black on black, cursor moves, another colour form: never the CLI's, never kept.
    for (const seq of ['\x1b[8m', '\x1b[30;40m', '\x1b[2A', '\x1b[38;5;1m', '\x1b[0m', '\x1b[K']) {
      expect(terminalOutput(seq, on), JSON.stringify(seq)).toBe(`\uFFFD${seq.slice(1)}`);
    }
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
