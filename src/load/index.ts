/**
 * Loading a force's export: each table from its file (named in the config, else `<table>.csv` in
 * the folder), validated into typed records, with the row accounting, into an indexed Dataset.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/load-config.js';
import { InputError } from '../errors.js';
import { Dataset } from '../model/dataset.js';
import { type Application, type Check, TABLES, type TableName, type TableRecords } from '../model/records.js';
import type { InputSummary, RejectedRow } from '../model/report.js';
import { readInTurn, readOnWorker, workerScript, worthAWorker } from './parallel-read.js';
import { type ProgressFn, readTable, REJECTED_LISTED, type TableResult, type TableSource, type ValueProfile } from './read-table.js';

export interface LoadOptions {
  /** The working folder (the CLI's, read once in cli/io.ts): `dir` and the paths in messages are relative to it. */
  readonly cwd: string;
  /** Folder searched for `<table>.csv`, relative to `cwd`; default: `cwd` itself. */
  readonly dir?: string;
  readonly config: ResolvedConfig;
  /** Called every 50,000 rows and at the end of each table. */
  readonly onProgress?: ProgressFn;
  /** (v2) Tally each flag, enum and yes/no column's raw values (validate's value profile). */
  readonly profile?: boolean;
}

export interface LoadResult {
  readonly dataset: Dataset;
  /** One entry per table read, in TABLES order. */
  readonly inputs: InputSummary[];
  /** Sorted by table (TABLES order), then line. */
  readonly rejectedRows: RejectedRow[];
  /** (v2) With `profile`: each table's value profile, in TABLES order. */
  readonly profiles?: { readonly table: TableName; readonly file: string; readonly columns: ValueProfile[] }[];
}

/** A path for reports: relative to `base`, POSIX separators, never absolute. */
export function reportPath(base: string, file: string): string {
  const rel = path.relative(base, file);
  // Another drive on Windows has no relative path; the file name is the most that may be shown.
  const safe = rel === '' || path.isAbsolute(rel) ? path.basename(file) : rel;
  return safe.split(path.sep).join('/');
}

/** A path for an error message: as the user would type it from the working folder `cwd`. */
function messagePath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

async function isFile(file: string, cwd: string): Promise<boolean | 'not-a-file'> {
  try {
    return (await stat(file)).isFile() ? true : 'not-a-file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new InputError(`cannot read ${messagePath(file, cwd)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Where a table comes from, or null when an optional table is not supplied. */
/**
 * The folder a config's relative `file` paths (and `review`) resolve against: the folder given on
 * the command line when there is one (so `audit OTHER_DIR` audits OTHER_DIR's files, whatever
 * the config was written for), else the config file's folder.
 */
export function namedFileBase(config: ResolvedConfig, cwd: string, dir: string | undefined): string {
  return dir === undefined ? config.baseDir : path.resolve(cwd, dir);
}

/** The folder given on the command line must be one: a wrong path is the user's to fix (exit 2), never an empty audit. */
export async function checkFolder(dir: string | undefined, cwd: string): Promise<void> {
  if (dir === undefined) return;
  const full = path.resolve(cwd, dir);
  let isDir: boolean;
  try {
    isDir = (await stat(full)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `folder not found: ${dir}` : `cannot read the folder ${dir} (${code ?? 'error'})`);
  }
  if (!isDir) throw new InputError(`${dir} is not a folder (give the folder holding applications.csv)`);
}

async function locate(table: TableName, dir: string, base: string, config: ResolvedConfig, cwd: string): Promise<TableSource | null> {
  const settings = config.inputs[table];
  const named = settings?.file;
  const file = named === undefined ? path.join(dir, `${table}.csv`) : path.resolve(base, named);
  const found = await isFile(file, cwd);
  if (found === 'not-a-file') throw new InputError(`${messagePath(file, cwd)} is not a file (${table} table)`);
  if (!found) {
    if (named !== undefined) throw new InputError(`${table} file named in the config not found: ${messagePath(file, cwd)}`);
    if (table === 'applications') throw new InputError(`applications file not found: ${messagePath(file, cwd)} (the applications table is required)`);
    return null;
  }
  return { table, path: file, file: reportPath(named === undefined ? dir : base, file), settings };
}

export async function loadInputs(opts: LoadOptions): Promise<LoadResult> {
  await checkFolder(opts.dir, opts.cwd);
  const dir = path.resolve(opts.cwd, opts.dir ?? '.');
  const base = namedFileBase(opts.config, opts.cwd, opts.dir);
  const inputs: InputSummary[] = [];
  const rejectedRows: RejectedRow[] = [];
  const tables: { [T in TableName]?: TableRecords[T][] | null } = {};
  const columns: Partial<Record<TableName, readonly string[]>> = {};
  const profiles: NonNullable<LoadResult['profiles']> = [];
  // Every table is located first, but a failure to locate one is thrown only when its turn comes,
  // so the error reported is the first table's in TABLES order, as when reading one by one.
  const located = new Map<TableName, TableSource | null | { error: unknown }>();
  for (const table of TABLES) {
    try {
      located.set(table, await locate(table, dir, base, opts.config, opts.cwd));
    } catch (error) {
      located.set(table, { error });
    }
  }
  const withProfile = (source: TableSource): TableSource => (opts.profile === true ? { ...source, profile: true } : source);
  const sourceOf = (table: TableName): TableSource | null => {
    const found = located.get(table) ?? null;
    if (found !== null && 'error' in found) throw found.error;
    return found === null ? null : withProfile(found);
  };
  const others = TABLES.filter((t) => t !== 'applications')
    .map((t) => located.get(t))
    .filter((s): s is TableSource => s !== null && s !== undefined && !('error' in s))
    .map(withProfile);
  const script = workerScript();
  const reads = script !== null && (await worthAWorker(others)) ? readOnWorker(others, script, opts.onProgress) : readInTurn(others, opts.onProgress);
  try {
    for (const table of TABLES) {
      const source = sourceOf(table);
      if (source === null) {
        tables[table] = null;
        continue;
      }
      const result = table === 'applications' ? await readTable(source, opts.onProgress) : await reads.result(table);
      if (result.profile !== undefined) profiles.push({ table, file: source.file, columns: result.profile });
      let { records, summary } = result;
      let rejected = result.rejected;
      if (table === 'checks') ({ records, summary, rejected } = rejectUnknownApplications(result as TableResult<'checks'>, tables.applications ?? []));
      inputs.push(summary);
      // Not push(...rows): a spread of a million rejected rows overflows the stack.
      for (const row of rejected) rejectedRows.push(row);
      (tables as Record<TableName, unknown>)[table] = records;
      columns[table] = result.columns;
    }
  } finally {
    await reads.stop();
  }
  const dataset = new Dataset({
    applications: tables.applications ?? [],
    incidents: tables.incidents ?? null,
    history: tables.history ?? null,
    staff: tables.staff ?? null,
    conduct_referrals: tables.conduct_referrals ?? null,
    household: tables.household ?? null,
    persons: tables.persons ?? null,
    checks: tables.checks ?? null,
    columns,
  });
  return { dataset, inputs, rejectedRows, ...(opts.profile === true ? { profiles } : {}) };
}

/**
 * (v2) A check must belong to an accepted application: one naming another is rejected with its
 * line, and counted (rows read = accepted + rejected still holds). TABLES puts applications first.
 */
function rejectUnknownApplications(result: TableResult<'checks'>, applications: readonly Application[]): TableResult<'checks'> {
  const known = new Set(applications.map((a) => a.application_id));
  const records: Check[] = [];
  const rejected: RejectedRow[] = [...result.rejected];
  for (const check of result.records) {
    if (known.has(check.application_id)) records.push(check);
    else rejected.push({ table: 'checks', file: result.summary.file, line: check.line, column: 'application_id', reason: `unknown application "${check.application_id}" (not an accepted application)` });
  }
  rejected.sort((a, b) => a.line - b.line);
  const listed = rejected.slice(0, REJECTED_LISTED);
  const added = rejected.length - result.rejected.length;
  return { ...result, records, rejected: listed, summary: { ...result.summary, rowsAccepted: records.length, rowsRejected: result.summary.rowsRejected + added } };
}

/** Rows rejected in all tables: counted exactly, though only the first of each table are listed. */
export function rejectedCount(result: Pick<LoadResult, 'inputs'>): number {
  return result.inputs.reduce((n, i) => n + i.rowsRejected, 0);
}

/** With --strict: any rejected row is an input error (exit 2). */
export function assertStrict(result: Pick<LoadResult, 'inputs'>): void {
  const n = rejectedCount(result);
  if (n > 0) throw new InputError(`${n} row${n === 1 ? '' : 's'} rejected; --strict makes any rejected row an error`);
}

export { readTable, type ProgressFn, type TableSource, type TableResult } from './read-table.js';
export { readCsv, detectDelimiter, CsvSyntaxError, type Delimiter } from './csv-reader.js';
export { DateReader } from './dates.js';
export { TABLE_FIELDS, PRIMARY_KEY, type FieldSpec } from './fields.js';
