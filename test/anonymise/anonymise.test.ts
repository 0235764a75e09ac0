/**
 * The anonymised copy audits to the same findings, mapped through the pseudonyms; holds none of
 * the original ids or free text; and with a week shift changes only the findings it flags.
 */
import { mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anonymise } from '../../src/anonymise/anonymise.js';
import { pseudonym, shiftWeeks } from '../../src/anonymise/pseudonym.js';
import { audit } from '../../src/audit.js';
import type { Finding } from '../../src/engine/types.js';
import { generateExport } from '../../src/generate/generate.js';
import type { LayoutName } from '../../src/generate/layout.js';
import { NO_EXCEPTIONAL_CIRCUMSTANCES } from '../../src/generate/texts.js';
import { dayNumber, formatDay } from '../../src/time/london.js';
import { tempDir } from '../support/temp.js';

// A key as `anonymise --new-key` prints one: a weak key is refused (issue 15 item 8).
const KEY = 'UNcnec7OZkLQwSz_1ho1AMfhgTpEvl6aE9lWtfodHVk';
const AS_OF = '2025-01-31';

async function exportOf(seed: number, applications = 1200, layout: LayoutName = 'canonical'): Promise<string> {
  const dir = await tempDir('anon-in');
  await generateExport({ out: dir, applications, seed, asOf: dayNumber(2025, 1, 31), layout });
  return dir;
}

async function outDir(): Promise<string> {
  return join(await tempDir('anon-out'), 'copy');
}

/** A finding's identity with its ids written through `map` (identity for the original). */
function identity(f: Finding, map: (kind: 'application' | 'staff' | 'incident', id: string) => string): string {
  const incident = f.evidence['incidentId'];
  return [
    f.ruleId,
    f.severity,
    f.applicationId === undefined ? '' : map('application', f.applicationId),
    f.staffId === undefined ? '' : map('staff', f.staffId),
    typeof incident === 'string' ? map('incident', incident) : '',
  ].join(' ');
}
const mapped = (kind: 'application' | 'staff' | 'incident', id: string): string => pseudonym(KEY, kind, id);
const same = (_kind: string, id: string): string => id;

describe('anonymise', () => {
  it('gives the same findings as the original, mapped through the pseudonyms', async () => {
    const input = await exportOf(21);
    const out = await outDir();
    const result = await anonymise({ input, out, key: KEY, shiftWeeks: false, cwd: input });
    expect(result.shiftWeeks).toBe(0);
    expect(result.rowsRejected).toBe(0);
    expect(result.tables.map((t) => t.table)).toEqual(['applications', 'incidents', 'history', 'staff', 'conduct_referrals', 'household', 'persons', 'checks']);

    const before = await audit({ dir: input, cwd: input, asOf: AS_OF });
    const after = await audit({ dir: out, cwd: out, asOf: AS_OF });
    expect(after.rejectedRows).toEqual([]);
    expect(after.inputs.map((i) => i.rowsAccepted)).toEqual(before.inputs.map((i) => i.rowsAccepted));
    expect(before.findings.length).toBeGreaterThan(100);
    expect(after.findings.map((f) => identity(f, same)).sort()).toEqual(before.findings.map((f) => identity(f, mapped)).sort());
    expect(after.referrals.length).toBe(before.referrals.length);
    expect(after.safeguarding.length).toBe(before.safeguarding.length);
  });

  it('leaves no original id, note, justification, outcome or name in the copy', async () => {
    const input = await exportOf(22, 600);
    const out = await outDir();
    await anonymise({ input, out, key: KEY, shiftWeeks: false, cwd: input });
    const originals = new Set<string>();
    const texts = new Set<string>();
    const idColumns = /_id$/;
    const textColumns = new Set(['notes', 'exceptional_circumstances', 'outcome', 'display_name']);
    for (const file of (await readdir(input)).filter((f) => f.endsWith('.csv'))) {
      const { parse } = await import('csv-parse/sync');
      const rows = parse<Record<string, string>>(await readFile(join(input, file)), { columns: true });
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (value === '') continue;
          if (idColumns.test(column)) originals.add(value);
          if (textColumns.has(column)) texts.add(value);
        }
      }
    }
    expect(originals.size).toBeGreaterThan(1000);
    expect(texts.size).toBeGreaterThan(5);
    const written = await Promise.all((await readdir(out)).map((f) => readFile(join(out, f), 'utf8')));
    const cells = new Set(written.flatMap((text) => text.split(/[,\n]/)));
    for (const id of originals) expect(cells.has(id), id).toBe(false);
    const all = written.join('\n');
    for (const text of texts) {
      // A "no" token ("N", "-", "0" …) is no justification: the copy keeps only its not-recorded reading, and so short a text occurs anywhere.
      if (text === 'recorded' || NO_EXCEPTIONAL_CIRCUMSTANCES.includes(text)) continue;
      expect(all.includes(text), text).toBe(false);
    }
    // Ids of every kind are pseudonyms of their namespace.
    expect(all).toMatch(/^APP-[0-9a-f]{16},/m);
    expect(all).toMatch(/,PER-[0-9a-f]{16},/);
    expect(all).toMatch(/^STF-[0-9a-f]{16},/m);
  });

  it('keeps a person the same pseudonym in every role and table', async () => {
    const input = await exportOf(23, 300);
    const out = await outDir();
    await anonymise({ input, out, key: KEY, shiftWeeks: false, cwd: input });
    const apps = await readFile(join(input, 'applications.csv'), 'utf8');
    const first = apps.split('\n')[1]!.split(',');
    const personAtRisk = first[4]!;
    const copy = await readFile(join(out, 'applications.csv'), 'utf8');
    expect(copy).toContain(pseudonym(KEY, 'person', personAtRisk));
    const incidents = await readFile(join(out, 'incidents.csv'), 'utf8');
    const victims = new Set(incidents.split('\n').map((l) => l.split(',')[2]));
    const atRisk = new Set(copy.split('\n').map((l) => l.split(',')[4]));
    expect([...victims].filter((v) => atRisk.has(v)).length).toBeGreaterThan(10);
  });

  it('with --shift-weeks moves every date alike, and changes only the findings it flags', async () => {
    const input = await exportOf(24, 3000);
    const out = await outDir();
    const result = await anonymise({ input, out, key: KEY, shiftWeeks: true, cwd: input });
    const weeks = shiftWeeks(KEY);
    expect(result.shiftWeeks).toBe(weeks);
    expect(weeks).toBeGreaterThanOrEqual(1);
    expect(weeks).toBeLessThanOrEqual(52);
    const shiftedAsOf = formatDay(dayNumber(2025, 1, 31) - weeks * 7);

    const before = await audit({ dir: input, cwd: input, asOf: AS_OF });
    const after = await audit({ dir: out, cwd: out, asOf: shiftedAsOf });
    expect(after.rejectedRows).toEqual([]);
    const flagged = new Set([...result.near.bankHoliday, ...result.near.limitSwitch, ...result.near.clockChange]);
    expect(result.near.bankHoliday.length).toBeGreaterThan(0);
    // possible-duplicate-subject compares dates of birth digit by digit (a transposition, one digit
    // off), which a shift does not keep, and the command does not count those (README, "Security");
    // every other finding must stay as it was.
    const DIGIT_WISE = new Set(['possible-duplicate-subject']);
    const keep = (f: Finding, id: (a: string) => string): boolean =>
      f.applicationId !== undefined && !flagged.has(id(f.applicationId)) && !DIGIT_WISE.has(f.ruleId.replace(/^v2:/, ''));
    const was = before.findings.filter((f) => keep(f, (a) => pseudonym(KEY, 'application', a))).map((f) => identity(f, mapped));
    const is = after.findings.filter((f) => keep(f, (a) => a)).map((f) => identity(f, same));
    expect(was.length).toBeGreaterThan(200);
    expect(is.sort()).toEqual(was.sort());
  });

  it('moves the first received date by the whole-week offset, keeping the weekday and the time', async () => {
    const input = await exportOf(25, 200);
    const out = await outDir();
    const { shiftWeeks: weeks } = await anonymise({ input, out, key: KEY, shiftWeeks: true, cwd: input });
    // Parsed, not split on lines and commas: a note may hold both.
    const { parse } = await import('csv-parse/sync');
    const rows = async (dir: string): Promise<string[][]> => {
      const all: string[][] = parse(await readFile(join(dir, 'applications.csv'), 'utf8'));
      return all.slice(1, 60);
    };
    const originalLines = await rows(input);
    const copyLines = await rows(out);
    let timed = 0;
    originalLines.forEach((line, i) => {
      const received = line[2]!;
      const moved = copyLines[i]![2]!;
      const [y, m, d] = received.slice(0, 10).split('-').map(Number) as [number, number, number];
      expect(moved.slice(0, 10)).toBe(formatDay(dayNumber(y, m, d) - weeks * 7));
      if (received.length > 10) {
        timed += 1;
        expect(moved.slice(10, 16)).toBe(received.slice(10, 16));
      }
    });
    expect(timed).toBeGreaterThan(0);
  });

  it('reads a records-system layout through its config and writes canonical CSVs', async () => {
    const input = await exportOf(26, 500, 'foreign');
    const out = await outDir();
    const result = await anonymise({ input, out, key: KEY, shiftWeeks: false, cwd: input, configPath: 'dvds-audit.config.json' });
    expect(result.rowsRejected).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['applications.csv', 'checks.csv', 'conduct_referrals.csv', 'history.csv', 'household.csv', 'incidents.csv', 'persons.csv', 'staff.csv']);
    const before = await audit({ dir: input, cwd: input, configPath: 'dvds-audit.config.json', asOf: AS_OF });
    const after = await audit({ dir: out, cwd: out, asOf: AS_OF });
    expect(after.findings.map((f) => identity(f, same)).sort()).toEqual(before.findings.map((f) => identity(f, mapped)).sort());
  });

  it('refuses to write into its input folder, inside it, or into a folder that is not empty', async () => {
    const input = await exportOf(27, 50);
    await expect(anonymise({ input, out: input, key: KEY, shiftWeeks: false, cwd: input })).rejects.toThrow(/is the input folder/);
    await expect(anonymise({ input, out: join(input, 'anon'), key: KEY, shiftWeeks: false, cwd: input })).rejects.toThrow(/inside the input folder/);
    const other = await exportOf(28, 10);
    await expect(anonymise({ input, out: other, key: KEY, shiftWeeks: false, cwd: input })).rejects.toThrow(/not empty/);
    expect(await readdir(input)).not.toContain('anon');
  });

  it('compares real paths: no symbolic link to or from the input lets the copy land in it (issue 15 item 8)', async () => {
    const input = await exportOf(29, 10);
    const before = (await readdir(input)).sort();
    const links = await tempDir('anon-links');
    await symlink(input, join(links, 'to-input'));
    const run = (from: string, out: string) => anonymise({ input: from, out, key: KEY, shiftWeeks: false, cwd: links });
    // --out through a link to the input: the folder itself, a new folder inside it, several new levels deep.
    await expect(run(input, join(links, 'to-input'))).rejects.toThrow(/is the input folder through a symbolic link/);
    await expect(run(input, join(links, 'to-input', 'anon'))).rejects.toThrow(/is inside the input folder through a symbolic link/);
    await expect(run(input, join(links, 'to-input', 'new', 'deeper'))).rejects.toThrow(/is inside the input folder through a symbolic link/);
    // The input through a link, --out inside the real folder.
    await expect(run(join(links, 'to-input'), join(input, 'anon'))).rejects.toThrow(/is inside the input folder through a symbolic link/);
    // --out holding the input: as written, and through a link to the input's parent.
    await symlink(dirname(input), join(links, 'to-parent'));
    await expect(run(input, dirname(input))).rejects.toThrow(/holds the input folder;/);
    await expect(run(input, join(links, 'to-parent'))).rejects.toThrow(/holds the input folder through a symbolic link/);
    expect((await readdir(input)).sort()).toEqual(before);
    // A link elsewhere is no obstacle.
    const elsewhere = await tempDir('anon-elsewhere');
    await mkdir(join(elsewhere, 'real'));
    await symlink(join(elsewhere, 'real'), join(links, 'to-elsewhere'));
    await run(input, join(links, 'to-elsewhere', 'copy'));
    expect(await readdir(join(elsewhere, 'real', 'copy'))).toContain('applications.csv');
  });
});
