/**
 * An anonymised copy of an export: every id replaced by a keyed pseudonym (consistently across
 * tables), free text dropped, dates kept (or, with a week shift, all moved alike). The input is
 * read through the loader, so a config's mapping, encodings and date formats apply; the copy is
 * written as canonical CSVs (UTF-8, LF, ISO dates). Rows the loader rejects are not copied.
 */
import { realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { makeFolder } from '../shared/make-folder.js';
import path from 'node:path';
import { type ResolvedConfig, loadConfig } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import { type LoadResult, loadInputs } from '../load/index.js';
import { TABLES, type TableName } from '../model/records.js';
import { csvField, TableWriter } from '../generate/table-writer.js';
import { writeDate } from './dates.js';
import { nearFlags } from './near.js';
import { type IdKind, keyWeakness, Pseudonymiser, shiftWeeks } from './pseudonym.js';

export interface AnonymiseOptions {
  /** The export folder (as for audit). */
  readonly input: string;
  readonly out: string;
  readonly key: string;
  readonly shiftWeeks: boolean;
  readonly configPath?: string;
  readonly cwd: string;
}

export interface TableChange {
  readonly table: TableName;
  readonly file: string;
  readonly rows: number;
  readonly pseudonymised: readonly string[];
  /** Free text replaced by a fixed marker when present (its presence matters to the rules). */
  readonly marked: readonly string[];
  readonly dropped: readonly string[];
  readonly dates: readonly string[];
}

export interface AnonymiseResult {
  readonly tables: TableChange[];
  readonly rowsRejected: number;
  /** Weeks every date moved earlier; 0 without --shift-weeks. */
  readonly shiftWeeks: number;
  /** Pseudonymised ids of applications whose findings may change with the shift, by reason. */
  readonly near: { readonly bankHoliday: string[]; readonly limitSwitch: string[]; readonly clockChange: string[] };
}

/** What stands in for free text that was present. */
export const PRESENT_MARKER = 'recorded';

interface Column {
  readonly name: string;
  readonly id?: IdKind;
  readonly date?: true;
  readonly marker?: true;
  /** (v2) A name, written as a keyed pseudonym (see Pseudonymiser.surname and .forenames). */
  readonly pseudonym?: 'surname' | 'forenames';
}

// The copy's columns; free text that is only dropped (notes, display_name) has none.
const COLUMNS: Readonly<Record<TableName, readonly Column[]>> = {
  applications: [
    { name: 'application_id', id: 'application' },
    { name: 'route' },
    { name: 'received_at', date: true },
    { name: 'applicant_id', id: 'person' },
    { name: 'person_at_risk_id', id: 'person' },
    { name: 'subject_id', id: 'person' },
    { name: 'handler_id', id: 'staff' },
    { name: 'initial_checks_at', date: true },
    { name: 'immediate_risk' },
    { name: 'face_to_face_at', date: true },
    { name: 'decision' },
    { name: 'decision_at', date: true },
    { name: 'disclosure_at', date: true },
    { name: 'disclosure_method' },
    { name: 'exceptional_circumstances', marker: true },
    { name: 'closed_at', date: true },
    { name: 'decision_maker_id', id: 'staff' },
    { name: 'decision_record_at', date: true },
    { name: 'decision_record_modified_at', date: true },
  ],
  incidents: [
    { name: 'incident_id', id: 'incident' },
    { name: 'occurred_at', date: true },
    { name: 'victim_id', id: 'person' },
    { name: 'suspect_id', id: 'person' },
    { name: 'harm' },
  ],
  history: [
    { name: 'record_id', id: 'record' },
    { name: 'subject_id', id: 'person' },
    { name: 'recorded_at', date: true },
    { name: 'category' },
    { name: 'domestic_abuse' },
    { name: 'subject_role' },
  ],
  staff: [{ name: 'staff_id', id: 'staff' }, { name: 'role' }],
  conduct_referrals: [
    { name: 'referral_id', id: 'referral' },
    { name: 'staff_id', id: 'staff' },
    { name: 'referred_at', date: true },
    { name: 'body' },
    { name: 'outcome', marker: true },
  ],
  household: [{ name: 'person_id', id: 'person' }, { name: 'member_id', id: 'person' }, { name: 'relationship' }],
  persons: [
    { name: 'person_id', id: 'person' },
    { name: 'surname', pseudonym: 'surname' },
    { name: 'forenames', pseudonym: 'forenames' },
    { name: 'date_of_birth', date: true },
    { name: 'pnc_id', id: 'pnc' },
  ],
  checks: [
    { name: 'check_id', id: 'check' },
    { name: 'application_id', id: 'application' },
    { name: 'system' },
    { name: 'about' },
    { name: 'performed_at', date: true },
    { name: 'performed_by', id: 'staff' },
    { name: 'searched_surname', pseudonym: 'surname' },
    { name: 'searched_date_of_birth', date: true },
    { name: 'result' },
  ],
};

const DROPPED: Readonly<Record<TableName, readonly string[]>> = {
  applications: ['notes'],
  incidents: [],
  history: [],
  staff: ['display_name'],
  conduct_referrals: [],
  household: [],
  persons: [],
  checks: [],
};

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Where a path really is: the real path (symlinks resolved) of its nearest folder that exists, with
 * the rest of the path after it. `--out` may not exist yet, and a link on the way to it (or to the
 * input) must not let the copy land inside the input.
 */
function realLocation(target: string): string {
  let existing = target;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      // The root always exists; a path that cannot be resolved at all is compared as written.
      if (parent === existing) return target;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * Never into or over the input: not its folder, not inside it, not holding it, not where an input
 * file lives. Checked on the paths as given and on their real paths, so a symlink to or from the
 * input is no way around it.
 */
async function checkOut(input: string, out: string, config: ResolvedConfig): Promise<void> {
  const realInput = realLocation(input);
  const realOut = realLocation(out);
  const where = (same: boolean): string => (same ? 'the input folder' : 'inside the input folder');
  if (isInside(out, input)) throw new UsageError(`--out ${out} is ${where(out === input)}; write the anonymised copy somewhere else`);
  if (isInside(realOut, realInput)) {
    throw new UsageError(`--out ${out} is ${where(realOut === realInput)} through a symbolic link; write the anonymised copy somewhere else`);
  }
  if (isInside(input, out) || isInside(realInput, realOut)) {
    throw new UsageError(`--out ${out} holds the input folder${isInside(input, out) ? '' : ' through a symbolic link'}; write the anonymised copy somewhere else`);
  }
  for (const table of TABLES) {
    const named = config.inputs[table]?.file;
    // As the loader reads it: the config's paths against the input folder given.
    const source = path.resolve(input, named ?? `${table}.csv`);
    if (path.dirname(source) === out || path.dirname(realLocation(source)) === realOut) {
      throw new UsageError(`--out ${out} holds an input file (${path.basename(source)}); write the anonymised copy somewhere else`);
    }
  }
  let entries: string[] = [];
  try {
    entries = await readdir(out);
  } catch {
    return;
  }
  if (entries.length > 0) throw new UsageError(`--out ${out} is not empty; give a new or empty folder`);
}

export async function anonymise(options: AnonymiseOptions): Promise<AnonymiseResult> {
  // The CLI checks the key where it reads it (naming the variable); a library caller is held to the same.
  const weakness = keyWeakness(options.key);
  if (weakness !== null) throw new UsageError(`the key ${weakness}`);
  const input = path.resolve(options.cwd, options.input);
  const out = path.resolve(options.cwd, options.out);
  const config = await loadConfig({ cwd: options.cwd, ...(options.configPath === undefined ? {} : { configPath: options.configPath }) });
  await checkOut(input, out, config);
  const loaded = await loadInputs({ cwd: options.cwd, dir: input, config });
  const weeks = options.shiftWeeks ? shiftWeeks(options.key) : 0;
  const result = await writeCopy(loaded, out, new Pseudonymiser(options.key), weeks);
  return { ...result, rowsRejected: loaded.rejectedRows.length };
}

async function writeCopy(
  loaded: LoadResult,
  out: string,
  ids: Pseudonymiser,
  weeks: number,
): Promise<Omit<AnonymiseResult, 'rowsRejected'>> {
  await makeFolder(out);
  const days = weeks * 7;
  const dataset = loaded.dataset;
  const tables: TableChange[] = [];
  const rowsOf: { [T in TableName]: readonly object[] | null } = {
    applications: dataset.applications,
    incidents: dataset.incidents,
    history: dataset.history,
    staff: dataset.staff,
    conduct_referrals: dataset.conductReferrals,
    household: dataset.household,
    persons: dataset.persons,
    checks: dataset.checks,
  };
  for (const table of TABLES) {
    const rows = rowsOf[table];
    if (rows === null) continue;
    // Only the columns the export supplied: a column the copy added (empty) would run a rule the original skips.
    const columns = COLUMNS[table].filter((c) => dataset.hasColumn(table, c.name));
    const file = `${table}.csv`;
    const writer = new TableWriter(path.join(out, file), 'utf-8', '\n');
    writer.header(columns.map((c) => c.name));
    for (const row of rows) {
      const record = row as Record<string, unknown>;
      const cells = columns.map((c) => cell(c, record[c.name], ids, days));
      writer.line(cells);
      if (writer.full) await writer.flush();
    }
    await writer.close();
    tables.push({
      table,
      file,
      rows: rows.length,
      pseudonymised: columns.filter((c) => c.id !== undefined || c.pseudonym !== undefined).map((c) => c.name),
      marked: columns.filter((c) => c.marker).map((c) => c.name),
      dropped: DROPPED[table],
      dates: columns.filter((c) => c.date).map((c) => c.name),
    });
  }
  const near = { bankHoliday: [] as string[], limitSwitch: [] as string[], clockChange: [] as string[] };
  if (weeks > 0) {
    for (const app of dataset.applications) {
      const flags = nearFlags(app, days);
      const id = ids.of('application', app.application_id);
      if (flags.bankHoliday) near.bankHoliday.push(id);
      if (flags.limitSwitch) near.limitSwitch.push(id);
      if (flags.clockChange) near.clockChange.push(id);
    }
    for (const list of Object.values(near)) list.sort();
  }
  return { tables, shiftWeeks: weeks, near };
}

function cell(column: Column, value: unknown, ids: Pseudonymiser, days: number): string {
  if (value === null || value === undefined) return '';
  // Cells are strings, numbers and booleans by now (dates are handled above).
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (column.id) return ids.of(column.id, text);
  if (column.pseudonym === 'surname') return ids.surname(text);
  if (column.pseudonym === 'forenames') return ids.forenames(text);
  if (column.date) return writeDate(value as Parameters<typeof writeDate>[0], days);
  if (column.marker) return value === true ? PRESENT_MARKER : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return csvField(text);
}
