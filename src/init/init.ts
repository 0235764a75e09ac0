/**
 * `init`: read the head of an export, guess which table it is and how it maps onto its canonical fields,
 * and write a starter config. The config is checked against the schema before it is written, so
 * a guess can be wrong but the file is always one the tool accepts.
 */
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../config/load-config.js';
import { UsageError } from '../errors.js';
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
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(config, null, 2)}\n`);
  return { configPath: out, config, sample, table, guessedTable: options.table === undefined, guess };
}
