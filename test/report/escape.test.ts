import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTROL, REPLACEMENT } from '../../src/shared/sanitise.js';
import { codeMd, escapeHtml, escapeMd, escapeXml, escapeXmlAttr, evidenceText, guardCell } from '../../src/report/escape.js';

describe('guardCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', "'\rCR"],
    ['APP-1', 'APP-1'],
    ['', ''],
    [' =1', ' =1'],
  ])('%j -> %j', (input, expected) => expect(guardCell(input)).toBe(expected));
});

describe('escapeXml', () => {
  it('escapes the five entities and drops what XML 1.0 forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\x00b\x01c\x1bd\x0be\tf\ng\rh')).toBe('abcde\tf\ng\rh');
    expect(escapeXml('x\uD800y\uFFFEz')).toBe('xyz');
    expect(escapeXml('emoji \u{1F600} ok')).toBe('emoji \u{1F600} ok');
    expect(escapeXml(']]>')).toBe(']]&gt;');
  });
  it('keeps line breaks in attributes as references', () => {
    expect(escapeXmlAttr('a\nb\tc')).toBe('a&#10;b&#9;c');
  });
});

describe('escapeHtml', () => {
  it('escapes text and attribute breakers and shows controls as U+FFFD', () => {
    expect(escapeHtml(`"><img src=x onerror='a'>&`)).toBe('&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;');
    expect(escapeHtml('a\x00b\x1b[31m')).toBe('a\uFFFDb\uFFFD[31m');
  });
});

describe('escapeMd', () => {
  it('makes markup, Markdown syntax and line breaks inert', () => {
    expect(escapeMd('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMd('*b* _e_ `c` [l](u) ![i](u) | ~~s~~')).toBe('\\*b\\* \\_e\\_ \\`c\\` \\[l\\](u) !\\[i\\](u) \\| \\~\\~s\\~\\~');
    expect(escapeMd('# head')).toBe('\\# head');
    expect(escapeMd('+ item')).toBe('\\+ item');
    expect(escapeMd('+01:00 and a # mid-line')).toBe('+01:00 and a # mid-line');
    expect(escapeMd('2) x')).toBe('2\\) x');
    expect(escapeMd('a\nb\r\nc\td')).toBe('a b c d');
    expect(escapeMd('- x')).toBe('\\- x');
    expect(escapeMd('---')).toBe('\\---');
    expect(escapeMd('-2')).toBe('-2');
    expect(escapeMd('=1')).toBe('\\=1');
    expect(escapeMd('1. x')).toBe('1\\. x');
    expect(escapeMd('0.1.0')).toBe('0.1.0');
    expect(escapeMd('APP-2023-0142')).toBe('APP-2023-0142');
  });
});

describe('evidenceText', () => {
  it('writes key=value pairs in order', () => {
    expect(evidenceText({ b: 1, a: 'x', l: ['p', 'q'], n: null, t: true })).toBe('b=1; a=x; l=p, q; n=; t=true');
  });
});

describe('codeMd', () => {
  it.each([
    ['a plain id', 'DV00000255', false, '`DV00000255`'],
    ['a URL-like id', 'https://x.example/a_b*c', false, '`https://x.example/a_b*c`'],
    ['a www id', 'www.x.example', false, '`www.x.example`'],
    ['a backtick inside', 'DV`1', false, '``DV`1``'],
    ['a double backtick inside', 'a``b`c', false, '```a``b`c```'],
    ['a leading backtick', '`DV1', false, '`` `DV1 ``'],
    ['a trailing backtick', 'DV1`', false, '`` DV1` ``'],
    ['spaces both sides', ' DV1 ', false, '`  DV1  `'],
    ['markup', '<b>x</b>&amp;', false, '`<b>x</b>&amp;`'],
    ['a line break and a tab', 'a\nb\tc', false, '`a b c`'],
    ['a control', 'a\x1bb', false, '`a\uFFFDb`'],
    ['a pipe outside a table', 'a|b', false, '`a|b`'],
    ['a pipe in a table', 'a|b', true, '`a\\|b`'],
    ['empty', '', false, ''],
  ])('%s: %j -> %j', (_name, input, inTable, expected) => expect(codeMd(input, inTable)).toBe(expected));
});

describe('the fast path for plain values changes nothing (issue 13)', () => {
  // The escapes as they were before a plain value was returned at once: the reference.
  const html = (text: string): string =>
    text.replace(CONTROL, REPLACEMENT).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const md = (text: string): string =>
    text
      .replace(/\r\n|[\r\n\t]/g, ' ')
      .replace(CONTROL, REPLACEMENT)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
      .replace(/^([-+](?=\s|$)|-(?=-)|#|=)/, '\\$1')
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  const text = fc.string({ unit: fc.constantFrom('a', '1', ' ', '-', '+', '#', '=', '.', ')', '&', '<', '>', '"', "'", '`', '*', '_', '[', ']', '|', '~', '\\', '\r', '\n', '\t', '\u0007', '\u009b', '\ud800', 'É'), maxLength: 8 });
  it('escapeHtml and escapeMd equal the full escapes on any text', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (t) => {
        expect(escapeHtml(t)).toBe(html(t));
        expect(escapeMd(t)).toBe(md(t));
      }),
      { numRuns: 5000 },
    );
  });
});
