/**
 * (v2) The worklist file on its own: the reversible formula guard, reading the team's file by the
 * row policy (whatever Excel saved it as), and writing it back with the team's cells verbatim.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { WORKLIST_TEAM_COLUMNS, type WorklistToolRow } from '../../src/model/worklist.js';
import { guardCell, unguardCell } from '../../src/worklist/guard.js';
import { readWorklist } from '../../src/worklist/read.js';
import { renderWorklist } from '../../src/worklist/write.js';
import { csvRows } from '../support/csv.js';
import { tempDir } from '../support/temp.js';

const HEADER = 'kind,id,order,received,suggested,findings,referral,safeguarding,first_seen,reviewer,reviewed_at,conclusion,referred_at,iopc_reference,reason';

async function worklistFile(text: string | Buffer, name = 'worklist.csv'): Promise<{ path: string; file: string }> {
  const dir = await tempDir('worklist');
  const path = join(dir, name);
  await writeFile(path, text);
  return { path, file: name };
}

/** A worklist with these team cells (reviewer … reason) after the tool's, one row per entry. */
function teamRows(rows: readonly (readonly [string, string, ...string[]])[]): string {
  const lines = rows.map(([kind, id, ...team]) => [kind, id, '', '', '', '', '', '', '', ...team, ...Array<string>(6 - team.length).fill('')].join(','));
  return [HEADER, ...lines].join('\r\n') + '\r\n';
}

const tool = (id: string, kind: 'application' | 'staff' = 'application'): WorklistToolRow => ({
  kind,
  id,
  received: kind === 'application' ? '2024-01-02' : '',
  suggested: kind === 'application' ? 'service' : '',
  findings: ['no-outcome'],
  referral: '',
  safeguarding: null,
  firstSeen: '2025-01-31',
});

describe('the worklist formula guard', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+44 1234', "'+44 1234"],
    ['-', "'-"],
    ['@home', "'@home"],
    ['\tx', "'\tx"],
    ["'=x", "''=x"],
    ["'plain", "'plain"],
    ['plain', 'plain'],
    ['', ''],
    // (issue 15 item 9) each ;/tab-separated part, for a spreadsheet that splits on either.
    ["x;=cmd|' /C calc'!A0;y", "x;'=cmd|' /C calc'!A0;y"],
    ['a\t@b', "a\t'@b"],
    ["a;'=b", "a;''=b"],
  ])('guards %j as %j and reads it back', (text, written) => {
    expect(guardCell(text)).toBe(written);
    expect(unguardCell(written)).toBe(text);
  });

  it('round-trips any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => unguardCell(guardCell(text)) === text));
  });
});

describe('reading a worklist', () => {
  it('accepts each conclusion, dates in ISO or dd/MM/yyyy, and a referral with its reference', async () => {
    const review = await readWorklist(
      await worklistFile(
        teamRows([
          ['application', 'A1', 'Ann', '2025-02-03', 'no_failure'],
          ['application', 'A2', 'Ann', '03/02/2025', 'Harm', '04/02/2025', '2025/123'],
          ['application', 'A3', 'Bo', '2025-02-03', 'service'],
          ['Staff', 'S1', 'Bo', '2025-02-03', 'administrative'],
          ['application', 'A4'],
        ]),
      ),
    );
    expect(review.rejected).toEqual([]);
    expect([...review.entries.values()].map((e) => [e.kind, e.id, e.conclusion, e.referredAt !== null, e.iopcReference])).toEqual([
      ['application', 'A1', 'no_failure', false, null],
      ['application', 'A2', 'harm', true, '2025/123'],
      ['application', 'A3', 'service', false, null],
      ['staff', 'S1', 'administrative', false, null],
      ['application', 'A4', null, false, null],
    ]);
  });

  it.each([
    [['application', 'A1', '', '', 'service'], 'reviewer', 'a conclusion needs both reviewer and reviewed_at'],
    [['application', 'A1', 'Ann', '', 'service'], 'reviewed_at', 'a conclusion needs both reviewer and reviewed_at'],
    [['application', 'A1', 'Ann', '2025-02-30', 'service'], 'reviewed_at', 'not a date (expected YYYY-MM-DD or dd/MM/yyyy)'],
    [['application', 'A1', 'Ann', '2025-02-03', 'probably fine'], 'conclusion', 'expected one of no_failure, harm, service, administrative'],
    [['application', 'A1', '', '', '', '2025-02-04'], 'iopc_reference', 'a referral made (referred_at) needs its iopc_reference'],
    [['case', 'A1'], 'kind', 'expected application or staff'],
    [['application', ''], 'id', 'required value is missing'],
  ] as const)('rejects %j at column %s: %s, and still carries it', async (row, column, reason) => {
    const review = await readWorklist(await worklistFile(teamRows([row])));
    expect(review.rejected).toEqual([{ table: 'worklist', file: 'worklist.csv', line: 2, column, reason }]);
    expect(review.entries.size).toBe(0);
    expect(review.rows).toHaveLength(1);
    expect(review.rows[0]!.entry).toBeNull();
  });

  it('never quotes the team text in a reason', async () => {
    const review = await readWorklist(await worklistFile(teamRows([['application', 'A1', 'Ann', 'tuesday Mrs Smith', 'maybe Mrs Smith']])));
    expect(review.rejected).toHaveLength(1);
    expect(review.rejected[0]!.reason).not.toContain('Smith');
  });

  it('rejects a repeated kind and id (the second row), and marks it a repeat to keep at the end', async () => {
    const review = await readWorklist(await worklistFile(teamRows([['application', 'A1', 'Ann', '2025-02-03', 'harm'], ['application', ' A1 ', 'Bo', '2025-02-04', 'service']])));
    expect(review.rejected).toEqual([{ table: 'worklist', file: 'worklist.csv', line: 3, column: 'id', reason: 'repeats kind application and id of line 2' }]);
    expect(review.entries.get('application\u0000A1')!.conclusion).toBe('harm');
    expect(review.rows.map((r) => r.repeat)).toEqual([false, true]);
  });

  it('counts physical lines: a reason over two lines moves the next row down (its break read as LF, as Excel writes it)', async () => {
    const text = `${HEADER}\r\napplication,A1,,,,,,,,Ann,2025-02-03,harm,,,"line one\r\nline two"\r\napplication,A2,,,,,,,,,,harm,,,\r\n`;
    const review = await readWorklist(await worklistFile(text));
    expect(review.rejected.map((r) => [r.line, r.column])).toEqual([[4, 'reviewer']]);
    expect(review.rows[0]!.cells.get('reason')).toBe('line one\nline two');
  });

  it('reads an Excel re-save: Windows-1252, semicolons, CRLF, no BOM', async () => {
    const text = `${HEADER.replaceAll(',', ';')}\r\napplication;A1;;;;;;;;Zoë Café;03/02/2025;no_failure;;;naïve “quotes” – dash\r\n`;
    const review = await readWorklist(await worklistFile(iconv.encode(text, 'windows-1252')));
    expect(review.rejected).toEqual([]);
    expect(review.rows[0]!.cells.get('reviewer')).toBe('Zoë Café');
    expect(review.rows[0]!.cells.get('reason')).toBe('naïve “quotes” – dash');
  });

  it('keeps columns the team added, and a row with too many fields (rejected) with its extra cells', async () => {
    const text = `${HEADER},notes\r\napplication,A1,,,,,,,,,,,,,,my note\r\napplication,A2,,,,,,,,,,,,,,n2,overflow\r\n`;
    const review = await readWorklist(await worklistFile(text));
    expect(review.extraColumns).toEqual(['notes']);
    expect(review.rows[0]!.cells.get('notes')).toBe('my note');
    expect(review.rejected.map((r) => [r.line, r.reason])).toEqual([[3, 'has 17 fields, expected 16 as in the header']]);
    expect(review.rows[1]!.overflow).toEqual(['overflow']);
  });

  it('skips a row of empty cells (Excel leaves them), and needs kind and id columns', async () => {
    const review = await readWorklist(await worklistFile(`${HEADER}\r\n,,,,,,,,,,,,,,\r\napplication,A1,,,,,,,,,,,,,\r\n`));
    expect(review.rows.map((r) => r.id)).toEqual(['A1']);
    await expect(readWorklist(await worklistFile('id,reviewer\r\nA1,Ann\r\n'))).rejects.toThrow(/worklist\.csv:1: no "kind" column/);
  });
});

describe('writing a worklist', () => {
  it('puts each team row in its slot, and rows that left the export, repeats and unnamed rows at the end in input order', async () => {
    const review = await readWorklist(
      await worklistFile(
        teamRows([
          ['application', 'GONE', 'Ann', '2025-02-03', 'harm'],
          ['application', 'A2', 'Bo', '2025-02-03', 'service', '', '', 'why'],
          ['application', 'A2', 'Cy'],
          ['nonsense', 'A9', 'Di'],
          ['staff', 'S1', '', '', 'harm'],
        ]),
      ),
    );
    const out = renderWorklist([tool('A1'), tool('A2'), tool('S1', 'staff')], review);
    expect(out.name).toBe('worklist.csv');
    expect(out.content.startsWith('\uFEFF')).toBe(true);
    expect(out.content).toContain('\r\n');
    const rows = csvRows(out.content.slice(1));
    expect(rows[0]).toEqual(HEADER.split(','));
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[9], r[14]])).toEqual([
      ['application', 'A1', '1', '', ''],
      ['application', 'A2', '2', 'Bo', 'why'],
      ['staff', 'S1', '3', '', ''],
      ['application', 'GONE', '', 'Ann', ''],
      ['application', 'A2', '', 'Cy', ''],
      ['nonsense', 'A9', '', 'Di', ''],
    ]);
    // The staff row was rejected (a conclusion without reviewer) and still sits in its slot.
    expect(rows[3]![11]).toBe('harm');
  });

  it('writes the same text in pieces as whole, a row per tool row then the carried rows, however many reads', async () => {
    const review = await readWorklist(await worklistFile(teamRows([['application', 'GONE', 'Ann'], ['application', 'A2', 'Bo']])));
    const many = Array.from({ length: 3000 }, (_, i) => tool(`A${i + 1}`));
    const out = renderWorklist(many, review);
    const whole = out.content;
    expect([...out.chunks!()].length).toBeGreaterThan(1);
    expect([...out.chunks!()].join('')).toBe(whole);
    const rows = csvRows(whole.slice(1));
    expect(rows).toHaveLength(1 + 3000 + 1);
    expect(rows[2]!.slice(0, 3).concat(rows[2]![9]!)).toEqual(['application', 'A2', '2', 'Bo']);
    expect(rows.at(-1)!.slice(0, 3).concat(rows.at(-1)![9]!)).toEqual(['application', 'GONE', '', 'Ann']);
  });

  it('without a worklist, writes every row with empty team columns', () => {
    const rows = csvRows(renderWorklist([tool('A1')], undefined).content.slice(1));
    expect(rows).toEqual([HEADER.split(','), ['application', 'A1', '1', '2024-01-02', 'service', 'no-outcome', '', '', '2025-01-31', '', '', '', '', '', '']]);
  });

  it('(issue 15 item 9) guards each ;-separated part of a tool or team cell, and the team text comes back as typed', async () => {
    const id = "x;=cmd|' /C calc'!A0;y";
    const first = renderWorklist([tool(id)], undefined).content;
    expect(first).toContain(`"x;'=cmd|' /C calc'!A0;y"`);
    const rows = csvRows(first.slice(1));
    rows[1]![9] = 'R. Analyst';
    rows[1]![14] = 'see x;=1;@2';
    const csv = rows.map((row) => row.map((v) => (/[",;\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')).join('\r\n');
    const review = await readWorklist(await worklistFile(`${csv}\r\n`));
    const again = renderWorklist([tool(id)], review).content;
    expect(again).toContain(`"see x;'=1;'@2"`);
    const back = csvRows(again.slice(1));
    expect(unguardCell(back[1]![14]!)).toBe('see x;=1;@2');
    expect(unguardCell(back[1]![1]!)).toBe(id);
  });

  it('carries any team text back exactly: quotes, line breaks, formula starts, other scripts, commas and semicolons', async () => {
    // Text typed as `'` before a formula start reads as the guard the tool writes (BRIEF section 6b),
    // so it is the one text that cannot come back as typed; the next test holds it stable.
    // A line break inside a cell is read as LF (the loader's rule, and what Excel writes for Alt+Enter).
    const cell = fc
      .string({ unit: 'grapheme', maxLength: 30 })
      .map((t) => t.replace(/\r\n?/g, '\n'))
      .filter((t) => unguardCell(t) === t);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 4 }), fc.constantFrom(',', ';'), async (cells, delimiter) => {
        const ids = cells.map((_, i) => `A${i + 1}`);
        const first = renderWorklist(ids.map((id) => tool(id)), undefined).content.slice(1);
        // The team fills reviewer and reason, and Excel saves with its delimiter: as a CSV writer would.
        const edited = csvRows(first).map((row, r) => {
          if (r === 0) return row;
          const out = [...row];
          out[9] = cells[r - 1]![0];
          out[14] = cells[r - 1]![1];
          return out;
        });
        const csv = edited.map((row) => row.map((v) => (/[",;\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v)).join(delimiter)).join('\r\n');
        const review = await readWorklist(await worklistFile(`${csv}\r\n`));
        const again = csvRows(renderWorklist(ids.map((id) => tool(id)), review).content.slice(1));
        return again.slice(1).every((row, i) => unguardCell(row[9]!) === cells[i]![0] && unguardCell(row[14]!) === cells[i]![1]);
      }),
      { numRuns: 60 },
    );
  });

  it('once carried, a cell stays as it is, run after run, whatever its text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 30 }).map((t) => t.replace(/\r\n?/g, '\n')), async (text) => {
        let content = `${HEADER}\r\napplication,A1,,,,,,,,,,,,,"${text.replaceAll('"', '""')}"\r\n`;
        const written: string[] = [];
        for (let run = 0; run < 3; run++) {
          content = renderWorklist([tool('A1')], await readWorklist(await worklistFile(content))).content;
          written.push(csvRows(content.slice(1))[1]![14]!);
        }
        return written[1] === written[0] && written[2] === written[0];
      }),
      { numRuns: 40 },
    );
  });

  it('the team columns are the brief\'s, in order', () => {
    expect(WORKLIST_TEAM_COLUMNS).toEqual(['reviewer', 'reviewed_at', 'conclusion', 'referred_at', 'iopc_reference', 'reason']);
  });
});
