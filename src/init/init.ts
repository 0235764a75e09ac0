/**
 * `init`: read the head of an export, guess which table it is and how it maps onto its canonical fields,
 * and write a starter config. The config is checked against the schema before it is written, so
 * a guess can be wrong but the file is always one the tool accepts.
 */
import { access, writeFile } from 'node:fs/promises';
import { makeFolder } from '../shared/make-folder.js';
import path from 'node:path';
import { parseConfig } from '../config/load-config.js';
import type { InputConfig } from '../config/schema.js';
import { InputError, UsageError } from '../errors.js';
import { DateReader } from '../load/dates.js';
import { type FieldSpec, TABLE_FIELDS } from '../load/fields.js';
import { readTable, type ValueProfile } from '../load/read-table.js';
import type { TableName } from '../model/records.js';
import { guessMapping, guessTable, type MappingGuess } from './guess.js';
import { type ExportSample, sampleExport } from './sample.js';

export interface InitOptions {
  /** The export CSV, relative to cwd. */
  readonly from: string;
  /** The config to write, relative to cwd. */
  readonly out: string;
  readonly force: boolean;
  readonly cwd: string;
  /** The table the export is; guessed from its headers when not given. */
  readonly table?: TableName;
}

export interface InitResult {
  readonly configPath: string;
  readonly config: Record<string, unknown>;
  readonly sample: ExportSample;
  readonly table: TableName;
  /** Whether the table was guessed (not given). */
  readonly guessedTable: boolean;
  readonly guess: MappingGuess;
  /** (v2) Per mapped date column, the sampled values neither ISO 8601 nor a guessed format reads (examples withheld for dates of birth). */
  readonly unreadDates: { readonly field: string; readonly header: string; readonly count: number; readonly examples: string[] }[];
  /** (v2) The value profile of the file read with the config written (none when it does not load). */
  readonly profile: ValueProfile[];
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export async function init(options: InitOptions): Promise<InitResult> {
  const from = path.resolve(options.cwd, options.from);
  const out = path.resolve(options.cwd, options.out);
  if (!options.force && (await exists(out))) {
    throw new UsageError(`${options.out} exists already; give --force to overwrite it, or --out another file`);
  }
  const sample = await sampleExport(from, options.from);
  const { table, guess } =
    options.table === undefined ? guessTable(sample.headers, sample.rows) : { table: options.table, guess: guessMapping(sample.headers, sample.rows, options.table) };
  const file = path.relative(path.dirname(out), from).split(path.sep).join('/');
  // A workbook has no encoding or delimiter to set.
  const input: Record<string, unknown> =
    sample.encoding === 'xlsx'
      ? { file }
      : {
          file,
          encoding: sample.encoding !== 'utf-8' ? sample.encoding : sample.asciiOnly ? 'auto' : 'utf-8',
          delimiter: sample.delimiter === '\t' ? 'tab' : sample.delimiter,
        };
  if (guess.dateFormats.length > 0) input['dateFormats'] = guess.dateFormats;
  input['columns'] = guess.columns;
  if (Object.keys(guess.values).length > 0) input['values'] = guess.values;
  const config = { inputs: { [table]: input } };
  parseConfig(config, 'the guessed config');
  await makeFolder(path.dirname(out));
  await writeFile(out, `${JSON.stringify(config, null, 2)}\n`);
  return {
    configPath: out,
    config,
    sample,
    table,
    guessedTable: options.table === undefined,
    guess,
    unreadDates: unreadDates(sample, table, guess),
    profile: await profileOf(from, options.from, table, parseConfig(config, 'the guessed config').inputs[table]),
  };
}

/** Sampled values of each mapped date column that no format reads: a format to add, or a sentinel for nullDates. */
function unreadDates(sample: ExportSample, table: TableName, guess: MappingGuess): InitResult['unreadDates'] {
  const reader = new DateReader(guess.dateFormats);
  const out: InitResult['unreadDates'][number][] = [];
  for (const spec of TABLE_FIELDS[table] as readonly FieldSpec[]) {
    const header = guess.columns[spec.name];
    if (spec.kind !== 'date' || header === undefined) continue;
    const c = sample.headers.indexOf(header);
    const unread = new Set<string>();
    for (const row of sample.rows) {
      const text = (row[c] ?? '').trim();
      if (text !== '' && reader.read(text) === null) unread.add(text);
    }
    if (unread.size === 0) continue;
    // A date of birth is never printed, not even one that does not read.
    out.push({ field: spec.name, header, count: unread.size, examples: spec.sensitive === true ? [] : [...unread].slice(0, 3) });
  }
  return out;
}

/** Reads the whole file with the config just written, for its value profile; a mapping that does not load yet has none. */
async function profileOf(file: string, label: string, table: TableName, settings: InputConfig | undefined): Promise<ValueProfile[]> {
  try {
    return (await readTable({ table, path: file, file: label, settings, profile: true })).profile ?? [];
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  }
}
