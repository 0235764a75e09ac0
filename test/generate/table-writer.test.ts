/**
 * The generator's own CSV field quoting against csv-stringify (the library the reports use), on
 * random text rich in the characters that need quoting, so the hand-written one cannot drift.
 */
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/generate/table-writer.js';

const field = fc.string({ unit: fc.constantFrom('a', 'É', ' ', ',', '"', "'", '\r', '\n', ';', '\t', '£'), maxLength: 12 });

describe('csvField', () => {
  it('quotes a row as csv-stringify does', () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), (row) => {
        // A lone CR is quoted too (csv-stringify quotes only the record delimiter by default), so a
        // reader that ends lines at CR still sees one field.
        expect(row.map(csvField).join(',') + '\n').toBe(stringify([row], { record_delimiter: 'unix', quoted_match: '\r' }));
      }),
      { numRuns: 5000, seed: 20261203 },
    );
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "no"', '"say ""no"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
  ])('%j is written %j', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });
});
