import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvPieces, csvText, guardCell, unguardCell } from '../../src/shared/csv-cell.js';

const SEMICOLON_FORMULA = "x;=cmd|' /C calc'!A0;y";

describe('csvCell (issue 15 item 9)', () => {
  it.each([
    ['plain', 'DV00000255', 'DV00000255'],
    ['comma', 'a,b', '"a,b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['semicolon', 'a;b', '"a;b"'],
    ['tab inside', 'a\tb', '"a\tb"'],
    ['LF', 'a\nb', '"a\nb"'],
    ['CR', 'a\rb', '"a\rb"'],
    ['CRLF', 'a\r\nb', '"a\r\nb"'],
    ['formula', '=1+1', "'=1+1"],
    ['plus', '+1', "'+1"],
    ['minus', '-2', "'-2"],
    ['at', '@SUM(A1)', "'@SUM(A1)"],
    ['leading tab', '\tTAB', `"'\tTAB"`],
    ['leading CR', '\rCR', `"'\rCR"`],
    ['formula after ;', SEMICOLON_FORMULA, `"x;'=cmd|' /C calc'!A0;y"`],
    ['formula after tab', 'x\t=1', `"x\t'=1"`],
    ['formula after ; and tab', 'a;\t=1', `"a;'\t'=1"`],
    ['guard text after ;', "a;'=1", `"a;''=1"`],
    ['empty part', 'a;;b', '"a;;b"'],
    ['space then formula', 'a; =1', '"a; =1"'],
    ['empty', '', ''],
  ])('%s: %j -> %j', (_name, input, written) => {
    expect(csvCell(input)).toBe(written);
  });

  it('no part of a hostile cell reads as a formula in a spreadsheet that splits on ; or tab', () => {
    for (const cell of [SEMICOLON_FORMULA, 'a\t@x', '=a;+b\t-c', "x;'=y"]) {
      const records: string[][] = parse(csvText([[cell]]), { bom: true });
      const read = records[0]?.[0] ?? '';
      for (const part of read.split(/[;\t]/)) expect(part).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('reads back to the same cells through a CSV parser, with a BOM and CRLF', () => {
    const cells = [SEMICOLON_FORMULA, 'a,b', 'q"q', 'l\nf', 'c\rr', 't\tt', '=x', 'plain'];
    const text = csvText([cells, ['1', '2']]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const back: string[][] = parse(text, { bom: true, relax_column_count: true });
    expect(back).toEqual([cells.map(guardCell), ['1', '2']]);
  });

  // As for a whole cell (BRIEF section 6b): text that already reads as the guard (`'` before a
  // formula start, in any part) is the one text that cannot come back as typed.
  it('the per-part guard is reversible: unguard(guard(x)) = x for any text that is not itself guard-shaped', () => {
    expect(unguardCell(guardCell(SEMICOLON_FORMULA))).toBe(SEMICOLON_FORMULA);
    const roundTrips = (text: string): boolean => unguardCell(text) !== text || unguardCell(guardCell(text)) === text;
    const tricky = fc.array(fc.constantFrom(';', '\t', "'", '=', '+', '-', '@', '\r', 'a', ' '), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(fc.property(tricky, roundTrips), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), roundTrips));
  });
});

describe('csvText agrees with csv-stringify', () => {
  // The reports' CSV is written by hand for speed (csv-stringify took 2.6 times as long per row,
  // issue 13), so the library is held here as the reference: the same guard given as its cast,
  // and quoting for `;`, tab and any line break (the library quotes only CRLF), must give the same bytes on any text.
  const cell = fc.string({ unit: fc.constantFrom('a', 'É', ' ', ',', '"', "'", '\r', '\n', ';', '\t', '=', '+', '-', '@', '£'), maxLength: 12 });
  it('on random records rich in what needs quoting or guarding', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (records) => {
        const library = stringify(records, { bom: true, record_delimiter: 'windows', quoted_match: /[;\t\r\n]/, cast: { string: guardCell } });
        expect(csvText(records)).toBe(library);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('csvPieces', () => {
  it('gives the text of csvText in pieces of about 32K characters', () => {
    const records = Array.from({ length: 5000 }, (_, i) => [`id-${i}`, 'a;b', '=1+1', 'plain text of a cell']);
    const pieces = [...csvPieces(records)];
    expect(pieces.join('')).toBe(csvText(records));
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThan((1 << 15) + 200);
    expect([...csvPieces([])]).toEqual(['\uFEFF']);
  });
});
