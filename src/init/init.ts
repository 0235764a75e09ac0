/**
 * `init`: read the head of an applications export, guess how it maps onto the canonical fields,
 * and write a starter config. The config is checked against the schema before it is written, so
 * a guess can be wrong but the file is always one the tool accepts.
 */
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import { guessMapping, type MappingGuess } from './guess.js';
import { type ExportSample, sampleExport } from './sample.js';

export interface InitOptions {
  /** The export CSV, relative to cwd. */
  readonly from: string;
  /** The config to write, relative to cwd. */
  readonly out: string;
  readonly force: boolean;
  readonly cwd: string;
}

export interface InitResult {
  readonly configPath: string;
  readonly config: Record<string, unknown>;
  readonly sample: ExportSample;
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
  const guess = guessMapping(sample.headers, sample.rows);
  const file = path.relative(path.dirname(out), from).split(path.sep).join('/');
  const applications: Record<string, unknown> = {
    file,
    encoding: sample.encoding === 'windows-1252' ? 'windows-1252' : sample.asciiOnly ? 'auto' : 'utf-8',
    delimiter: sample.delimiter === '\t' ? 'tab' : sample.delimiter,
  };
  if (guess.dateFormats.length > 0) applications['dateFormats'] = guess.dateFormats;
  applications['columns'] = guess.columns;
  if (Object.keys(guess.values).length > 0) applications['values'] = guess.values;
  const config = { inputs: { applications } };
  parseConfig(config, 'the guessed config');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(config, null, 2)}\n`);
  return { configPath: out, config, sample, guess };
}
