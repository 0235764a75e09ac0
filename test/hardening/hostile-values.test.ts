/**
 * Hostile values in every field of every table (formula prefixes, tab/CR prefixes, HTML and
 * script, a 1 MB string, control characters, NUL bytes, invalid UTF-8) leave every output safe:
 * csv cells guarded, no raw tag in html or md, junit well-formed, no terminal escape from the data,
 * and the run alive (exit 0-2 with a clear message, never 3 or a stack trace). Each format is
 * checked in the files of --out; stdout carries the same renderings (test/cli/audit.test.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { parseXml, type XmlElement } from '../report/xml-check.js';
import { validReport } from '../support/report-schema.js';
import { withoutCodeSpans } from '../support/markdown.js';
import { aliveProblems, cli, type Run, tmp } from './cli.js';

const MB = 1024 * 1024;
const INVALID_UTF8 = Buffer.from([0x41, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x42]);

/** Values a hostile or broken export may hold; Buffers are written as raw bytes. */
const HOSTILE: readonly (string | Buffer)[] = [
  '=HYPERLINK("http://x","y")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  '=cmd|\' /C calc\'!A0',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '</testcase><testcase name="x"/>',
  ']]><x>',
  '&amp;&lt;',
  '[link](javascript:alert(1)) | *bold* `code`',
  '\x1b[31mred\x1b[0m\x07\x08',
  'nul\0byte',
  '\u202Eevil\u2066',
  '\uFEFFbom',
];

/** A 1 MB value, in every field too: it must neither crash the run nor be copied whole into reports. */
const HUGE = `=${'<b>'.repeat(MB / 3)}`;

const TABLES: Record<string, { header: string[]; base: (n: number) => string[]; key: string }> = {
  applications: {
    header: ['application_id', 'route', 'received_at', 'applicant_id', 'person_at_risk_id', 'subject_id', 'handler_id', 'initial_checks_at', 'immediate_risk', 'face_to_face_at', 'decision', 'decision_at', 'disclosure_at', 'disclosure_method', 'exceptional_circumstances', 'closed_at', 'notes'],
    // Undecided and past the limit: no-outcome, safeguarding; the handler H1 has a prior referral.
    base: (n) => [`A${n}`, 'right_to_ask', '2024-01-02', 'X1', 'P1', 'S1', 'H1', '2024-01-05T10:00', 'yes', '', '', '', '', '', '', '', 'SECRET-NOTE'],
    key: 'application_id',
  },
  incidents: { header: ['incident_id', 'occurred_at', 'victim_id', 'suspect_id', 'harm'], base: (n) => [`I${n}`, '2024-03-01', 'P1', 'S1', 'injury'], key: 'incident_id' },
  history: { header: ['record_id', 'subject_id', 'recorded_at', 'category', 'domestic_abuse'], base: (n) => [`R${n}`, 'S1', '2023-01-01', 'conviction', 'yes'], key: 'record_id' },
  staff: { header: ['staff_id', 'role', 'display_name'], base: (n) => [`H${n}`, 'officer', 'Officer'], key: 'staff_id' },
  conduct_referrals: { header: ['referral_id', 'staff_id', 'referred_at', 'body', 'outcome'], base: (n) => [`C${n}`, 'H1', '2020-01-01', 'psd', 'SECRET-OUTCOME'], key: 'referral_id' },
};

function csvCell(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  // Always quoted, quotes doubled: the export is valid CSV whatever the value holds.
  const text = bytes.toString('latin1').replace(/"/g, '""');
  return Buffer.concat([Buffer.from('"'), Buffer.from(text, 'latin1'), Buffer.from('"')]);
}

/** One table: a base row, then for each field and each value a row with that field replaced. */
function tableBytes(name: string, values: readonly (string | Buffer)[]): Buffer {
  const t = TABLES[name]!;
  const rows: (string | Buffer)[][] = [t.header, t.base(1)];
  let n = 1;
  for (let f = 0; f < t.header.length; f++) {
    for (const v of values) {
      const row: (string | Buffer)[] = t.base(++n);
      row[f] = v;
      rows.push(row);
    }
  }
  const lines = rows.map((r) => Buffer.concat(r.flatMap((c, i) => (i === 0 ? [csvCell(c)] : [Buffer.from(','), csvCell(c)]))));
  return Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\r\n')]));
}

async function exportWith(values: readonly (string | Buffer)[]): Promise<string> {
  const dir = join(await tmp(), 'export');
  await mkdir(dir);
  for (const name of Object.keys(TABLES)) await writeFile(join(dir, `${name}.csv`), tableBytes(name, values));
  return dir;
}

/** The tags the hostile values carry; the renderers never write these themselves. */
const DATA_TAG = /<\/?\s*(script|img|iframe|object|embed|b|x)\b/i;

/** A raw tag from the data, or an event-handler attribute inside any tag: markup that would run or render. */
function markupProblems(text: string): string[] {
  const problems: string[] = [];
  const tag = DATA_TAG.exec(text);
  if (tag) problems.push(`raw ${tag[0]} near ${JSON.stringify(text.slice(Math.max(0, tag.index - 40), tag.index + 40))}`);
  for (const m of text.matchAll(/<[a-zA-Z][^>]*>/g)) if (/\son[a-z]+\s*=/i.test(m[0])) problems.push(`handler in ${m[0].slice(0, 80)}`);
  return problems;
}

const JUNIT_ELEMENTS = new Set(['testsuites', 'testsuite', 'testcase', 'failure', 'error', 'skipped', 'properties', 'property', 'system-out', 'system-err']);

function elementNames(el: XmlElement, into: Set<string> = new Set()): Set<string> {
  into.add(el.name);
  for (const child of el.children) elementNames(child, into);
  return into;
}
const C0 = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

async function checkOutputs(out: string): Promise<Report> {
  const report = validReport(await readFile(join(out, 'report.json'), 'utf8'));
  for (const name of ['findings.csv', 'referrals.csv', 'safeguarding.csv']) {
    const text = await readFile(join(out, name), 'utf8');
    const rows = parse(text.replace(/^\uFEFF/, ''), { relaxColumnCount: false });
    for (const cell of rows.flat()) expect(cell.slice(0, 80), `${name}: unguarded cell`).not.toMatch(/^[=+\-@\t\r]/);
  }
  const html = await readFile(join(out, 'report.html'), 'utf8');
  expect(markupProblems(html), 'html').toEqual([]);
  expect(C0.test(html), 'html: control character').toBe(false);
  const md = await readFile(join(out, 'report.md'), 'utf8');
  // Ids are code spans, whose text a renderer never reads as markup: the rest must hold none.
  expect(markupProblems(withoutCodeSpans(md)), 'md').toEqual([]);
  expect(C0.test(md), 'md: control character').toBe(false);
  const junit = await readFile(join(out, 'junit.xml'), 'utf8');
  const root = parseXml(junit);
  expect(root.name).toBe('testsuites');
  expect([...elementNames(root)].filter((n) => !JUNIT_ELEMENTS.has(n)), 'junit: elements from the data').toEqual([]);
  return report;
}

function expectAlive(run: Run): void {
  expect(aliveProblems(run)).toEqual([]);
}

describe('hardening: hostile values in every field of every table', () => {
  let utf8Dir: string;
  let hugeDir: string;
  let bytesDir: string;
  beforeAll(async () => {
    utf8Dir = await exportWith(HOSTILE);
    hugeDir = await exportWith([...HOSTILE, HUGE]);
    bytesDir = await exportWith([INVALID_UTF8, Buffer.concat([Buffer.from('=1'), INVALID_UTF8]), Buffer.from([0x00, 0xc0, 0x3c, 0x73])]);
  });

  it('UTF-8 export with a 1 MB value in every field: every file format is safe, the run reaches its decisions', async () => {
    const out = join(await tmp(), 'out');
    const run = await cli(['audit', hugeDir, '--as-of', '2025-01-31', '--out', out, '--quiet']);
    expectAlive(run);
    expect(run.code).toBe(1);
    const report = await checkOutputs(out);
    // The hostile rows are read and accounted for, not dropped.
    for (const input of report.inputs) expect(input.rowsRead).toBe(1 + TABLES[input.table]!.header.length * (HOSTILE.length + 1));
    // Hostile ids are accepted as ids and reach the decisions, inert.
    expect(report.safeguarding.map((s) => s.applicationId)).toContain('<script>alert(1)</script>');
    expect(report.findings.some((f) => f.applicationId === '=HYPERLINK("http://x","y")')).toBe(true);
    // A 1 MB id is no id: rejected with a short reason, never repeated through findings and referrals.
    const huge = report.rejectedRows.filter((r) => r.column === 'application_id' && r.reason.includes('too long for an id'));
    expect(huge).toHaveLength(1);
    for (const r of report.rejectedRows) expect(r.reason.length, r.reason.slice(0, 100)).toBeLessThan(400);
    for (const name of ['report.json', 'report.md', 'report.html', 'junit.xml', 'findings.csv']) {
      expect((await readFile(join(out, name))).length, name).toBeLessThan(8 * MB);
    }
    // Free text is never copied.
    for (const name of ['report.json', 'report.md', 'report.html', 'junit.xml', 'findings.csv', 'referrals.csv']) {
      expect(await readFile(join(out, name), 'utf8'), name).not.toContain('SECRET-');
    }
  });

  it('invalid UTF-8 bytes in every field: read as Windows-1252, outputs still safe', async () => {
    const out = join(await tmp(), 'out');
    const run = await cli(['audit', bytesDir, '--as-of', '2025-01-31', '--out', out, '--quiet']);
    expectAlive(run);
    expect(run.code).toBe(1);
    await checkOutputs(out);
  });

  it('invalid UTF-8 with "encoding": "utf-8" is a one-line input error naming the file and line (exit 2)', async () => {
    const cwd = await tmp();
    await writeFile(join(cwd, 'dvds-audit.config.json'), JSON.stringify({ inputs: { applications: { encoding: 'utf-8' } } }));
    const run = await cli(['audit', bytesDir, '--as-of', '2025-01-31', '--format', 'json', '--quiet'], { cwd });
    expectAlive(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^dvds-audit: applications\.csv:3: not valid UTF-8/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('the terminal table and validate print no escape sequence or control character from the data', async () => {
    const commands = [
      ['audit', utf8Dir, '--as-of', '2025-01-31', '--fail-on', 'none'],
      ['validate', utf8Dir],
    ];
    const runs = await Promise.all(commands.map((args) => cli(args)));
    for (const [i, run] of runs.entries()) {
      const args = commands[i]!;
      expectAlive(run);
      expect(C0.test(run.stdout.replace(/\n/g, '')), `${args[0]}: control character on stdout`).toBe(false);
      expect(C0.test(run.stderr.replace(/\n/g, '')), `${args[0]}: control character on stderr`).toBe(false);
    }
  });
});
