import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ts from 'typescript';
import { CsvSyntaxError, detectDelimiter, readCsv, readCsvHead } from '../../src/load/csv-reader.js';

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, size = 1 << 20, delimiter: ',' | ';' | '\t' | 'auto' = 'auto') {
  const records: [number, string[]][] = [];
  const result = await readCsv(chunks(text, size), { delimiter }, (fields, line) => records.push([line, fields]));
  return { records, delimiter: result.delimiter };
}

describe('readCsv: records and the physical line each starts on', () => {
  const cases: { name: string; text: string; expected: [number, string[]][] }[] = [
    { name: 'LF', text: 'a,b\n1,2\n3,4\n', expected: [[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']]] },
    { name: 'CRLF', text: 'a,b\r\n1,2\r\n3,4\r\n', expected: [[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']]] },
    { name: 'lone CR', text: 'a,b\r1,2\r3,4', expected: [[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']]] },
    { name: 'mixed line ends', text: 'a,b\r\n1,2\r3,4\n5,6', expected: [[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']], [4, ['5', '6']]] },
    { name: 'no final line break', text: 'a,b\n1,2', expected: [[1, ['a', 'b']], [2, ['1', '2']]] },
    {
      name: 'embedded LF shifts later lines',
      text: 'a,b\n1,"x\ny\nz"\n3,4\n',
      expected: [[1, ['a', 'b']], [2, ['1', 'x\ny\nz']], [5, ['3', '4']]],
    },
    {
      name: 'embedded CRLF and lone CR inside quotes count as lines',
      text: 'a,b\r\n1,"x\r\ny\rz"\r\n3,4\r\n',
      expected: [[1, ['a', 'b']], [2, ['1', 'x\ny\nz']], [5, ['3', '4']]],
    },
    {
      name: 'quoted comma and doubled quote',
      text: 'a,b\n"1,5","say ""hi"""\n2,3\n',
      expected: [[1, ['a', 'b']], [2, ['1,5', 'say "hi"']], [3, ['2', '3']]],
    },
    {
      name: 'a stray quote inside an unquoted cell is a character',
      text: 'a,b\n5" tall,x\n',
      expected: [[1, ['a', 'b']], [2, ['5" tall', 'x']]],
    },
    {
      name: 'blank lines are skipped but counted',
      text: 'a,b\n\n1,2\r\n\r\n\r3,4\n\n',
      expected: [[1, ['a', 'b']], [3, ['1', '2']], [6, ['3', '4']]],
    },
    {
      name: 'wrong field counts are delivered as they are',
      text: 'a,b\n1\n1,2,3\n',
      expected: [[1, ['a', 'b']], [2, ['1']], [3, ['1', '2', '3']]],
    },
    {
      name: 'spaces around fields and quoted fields are dropped; a line of spaces is blank',
      text: 'a,b\n "x" , y \n   \n"q, r" ,"s"\n',
      expected: [[1, ['a', 'b']], [2, ['x', 'y']], [4, ['q, r', 's']]],
    },
    { name: 'header only', text: 'a,b\n', expected: [[1, ['a', 'b']]] },
    { name: 'empty', text: '', expected: [] },
  ];

  for (const c of cases) {
    it.each([1, 2, 3, 7, 1 << 20])(`${c.name} (chunks of %i)`, async (size) => {
      expect((await read(c.text, size)).records).toEqual(c.expected);
    });
  }
});

describe('readCsv: delimiters', () => {
  it.each([
    ['a;b;c\n1;2;3\n', ';', ['1', '2', '3']],
    ['a\tb\tc\n1\t2\t3\n', '\t', ['1', '2', '3']],
    ['a,b,c\n1,2,3\n', ',', ['1', '2', '3']],
    ['"x;y",b,c\n1,2,3\n', ',', ['1', '2', '3']],
    ['"a\nb";c\n1;2\n', ';', ['1', '2']],
  ])('auto-detects from the header %j', async (text, delimiter, row) => {
    const result = await read(text, 3);
    expect(result.delimiter).toBe(delimiter);
    expect(result.records[1]![1]).toEqual(row);
  });

  it('uses an explicit delimiter even when the header suggests another', async () => {
    const result = await read('a;b,c\n1;2,3\n', 1 << 20, ',');
    expect(result.records[1]![1]).toEqual(['1;2', '3']);
  });

  it.each([
    ['a,b;c;d', ';'],
    ['a\tb\tc,d', '\t'],
    ['single', ','],
    ['a,b;c', ','],
  ])('detectDelimiter(%j) = %j', (header, expected) => {
    expect(detectDelimiter(header)).toBe(expected);
  });
});

describe('readCsv: text it cannot follow', () => {
  it.each([
    ['unterminated quote', 'a,b\n1,2\n3,"open\n4,5\n', 3, /never closed/],
    ['unterminated quote after an embedded newline record', 'a,b\n1,"x\ny"\n3,"open\n', 4, /never closed/],
    // The line named is where the quote opened, after an earlier field of the record that spans lines.
    ['unterminated quote in a record whose first field spans lines', 'a,b\n"x\ny\nz","open\n4,5\n', 4, /quoted field opened on this line is never closed/],
    ['text after a closing quote', 'a,b\n1,2\n3,"x"y\n', 3, /closing quote/],
    ['text after a closing quote in a field spanning lines', 'a,b\n1,2\n3,"x\nz"y\n', 3, /closing quote/],
  ])('%s is a CsvSyntaxError at the record line', async (_name, text, line, message) => {
    const error = await read(text, 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(line);
    expect((error as CsvSyntaxError).message).toMatch(message);
  });

  it('rethrows what the record callback throws', async () => {
    const boom = new Error('stop');
    const error = await readCsv(chunks('a\n1\n2\n', 1), { delimiter: ',' }, (_f, line) => {
      if (line === 2) throw boom;
    }).catch((e: unknown) => e);
    expect(error).toBe(boom);
  });

  it('rethrows what the source throws', async () => {
    const boom = new Error('decode');
    async function* failing(): AsyncGenerator<string> {
      yield 'a,b\n1,2\n';
      throw boom;
    }
    const error = await readCsv(failing(), { delimiter: 'auto' }, () => undefined).catch((e: unknown) => e);
    expect(error).toBe(boom);
  });
});

describe('readCsvHead', () => {
  it.each([
    ['stops after maxRecords', 'a;b\n1;2\n3;4\n5;6\n', 2, [['a', 'b'], ['1', '2']]],
    ['a head cut inside a quoted field gives the records before it', 'a,b\n1,2\n3,"cut', 5, [['a', 'b'], ['1', '2']]],
    ['a short text gives all it has', 'a\tb\r\n1\t2', 5, [['a', 'b'], ['1', '2']]],
    ['an empty text gives none', '', 5, []],
  ])('%s', async (_name, text, maxRecords, expected) => {
    expect(await readCsvHead(text, { delimiter: 'auto', maxRecords })).toEqual(expected);
  });
});

describe('readCsv: property', () => {
  // Any fields, any line ends, any chunking.
  const char = fc.constantFrom('a', 'B', '1', ',', ';', '"', '\n', '\r\n', '\r', ' ', 'é', '’');
  const field = fc
    .array(char, { maxLength: 8 })
    .map((cs) => cs.join(''));
  const table = fc.integer({ min: 2, max: 4 }).chain((cols) =>
    fc.tuple(
      fc.array(fc.array(field, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 12 }),
      fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 13, maxLength: 13 }),
      fc.integer({ min: 1, max: 9 }),
    ),
  );

  it('returns every field, with line breaks as LF, on the line each record starts', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ([rows, ends, chunk]) => {
        // Quote what needs it, and fields with spaces at their ends (kept only inside quotes).
        const quote = (f: string): string => (/[",;\n\r]|^ | $/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);
        const text = rows.map((r, i) => r.map(quote).join(',') + ends[i]!).join('');
        const expected: [number, string[]][] = [];
        let line = 1;
        for (const r of rows) {
          expected.push([line, r.map((f) => f.replace(/\r\n?/g, '\n'))]);
          line += 1 + r.reduce((n, f) => n + (f.match(/\r\n?|\n/g)?.length ?? 0), 0);
        }
        const got = await read(text, chunk, ',');
        expect(got.records).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

/** The packages a module's text imports (static, re-exported, side-effect and dynamic imports), as TypeScript reads them. */
function importedPackages(source: string): string[] {
  const names: string[] = [];
  for (const { fileName: specifier } of ts.preProcessFile(source, true, true).importedFiles) {
    if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
    const parts = specifier.split('/');
    names.push(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
  }
  return names;
}

describe('the tool reads CSV with its own tokenizer', () => {
  it('finds every form of import in a module text', () => {
    const text = [
      "import { parse } from 'csv-parse/sync';",
      'import {\n  a,\n  b,\n} from "@scope/pkg/deep";',
      "import 'side-effect';",
      "export { x } from 're-export';",
      "const lazy = await import('lazy');",
      "import { y } from './local.js';",
      "import { z } from 'node:fs';",
      "const text = `read from '${file}'`;",
      "program.option('--from <file>', 'guess from')",
    ].join('\n');
    expect(importedPackages(text)).toEqual(['csv-parse', '@scope/pkg', 'side-effect', 're-export', 'lazy']);
  });

  it('no module of the tool imports csv-parse, and each package it imports is a runtime dependency', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    // csv-parse is the reference the tokenizer is checked against (csv-differential.test.ts): a test's
    // dependency, which an installed tool does not have.
    expect(Object.keys(manifest.devDependencies)).toContain('csv-parse');
    expect(Object.keys(manifest.dependencies)).not.toContain('csv-parse');
    const imports: string[] = [];
    for (const folder of ['src', 'rules']) {
      for (const f of (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.ts')).sort()) {
        for (const name of importedPackages(await readFile(`${folder}/${f}`, 'utf8'))) imports.push(`${folder}/${f.split('\\').join('/')}: ${name}`);
      }
    }
    expect(imports.length).toBeGreaterThan(20);
    expect(imports.filter((line) => line.endsWith(': csv-parse'))).toEqual([]);
    expect(imports.filter((line) => !Object.hasOwn(manifest.dependencies, line.slice(line.indexOf(': ') + 2)))).toEqual([]);
  });
});

describe('readCsv: work linear in a field\'s size (issue 15.4)', () => {
  /** Characters the reader walks for one quoted field of `size` characters fed in 64 KiB chunks, per character of input. */
  async function workPerChar(size: number, closed: boolean, newlines: boolean): Promise<number> {
    const body = newlines ? 'word word\n'.repeat(size / 10) : 'x'.repeat(size);
    const text = `a,b\n1,"${body}${closed ? '"' : ''}\n2,3\n`;
    // Stops a read that walks far more than linear at once, so a regression fails and never hangs.
    let scanned = 0;
    const work = {
      get scanned(): number {
        return scanned;
      },
      set scanned(value: number) {
        if (value > 50 * text.length) throw new Error(`reading walked ${value} characters for ${text.length}: not linear`);
        scanned = value;
      },
    };
    await readCsv(chunks(text, 1 << 16), { delimiter: ',', work }, () => undefined).catch((e: unknown) => {
      if (!(e instanceof CsvSyntaxError)) throw e;
    });
    return scanned / text.length;
  }

  // Work per character is a count, not a timing: before the fix it grew with the field (about 80
  // per character at 10 MB, 320 at 40 MB: each chunk re-walked all the field so far).
  it.each([
    { closed: true, newlines: false },
    { closed: true, newlines: true },
    { closed: false, newlines: false },
  ])('a 10 MB and a 40 MB quoted field (closed $closed, line breaks in it $newlines) cost the same per character', async ({ closed, newlines }) => {
    const ten = await workPerChar(10 << 20, closed, newlines);
    const forty = await workPerChar(40 << 20, closed, newlines);
    expect(ten).toBeLessThan(5);
    expect(forty).toBeLessThan(5);
    expect(forty / ten).toBeLessThan(1.5);
  });
});
