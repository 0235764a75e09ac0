/**
 * The formats by name, and writing rendered files. Formatters load on demand, so a run pays only
 * for the formats it asks for. The files of a run under --out are written as one set
 * (output-set.ts): complete, or not there.
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import { FORMATS, type FormatName, type Formatter, type RenderedFile } from './format-types.js';
import { OutputSet, writeRenderedSet } from './output-set.js';

const LOADERS: Readonly<Record<FormatName, () => Promise<Formatter>>> = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./json.js')).renderJson,
  csv: async () => (await import('./csv.js')).renderCsv,
  md: async () => (await import('./md.js')).renderMd,
  html: async () => (await import('./html.js')).renderHtml,
  junit: async () => (await import('./junit.js')).renderJunit,
};

/** The formats that make files under --out (the table is for a terminal). */
export const FILE_FORMATS: readonly FormatName[] = ['json', 'csv', 'md', 'html', 'junit'];

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

/**
 * `--format a,b,c` -> the distinct format names in the order given. An unknown name, or none, is a
 * UsageError worded as commander words a value outside an option's `choices`, so every `--format`
 * of the CLI says the same.
 */
export function parseFormatList(text: string): FormatName[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const out: FormatName[] = [];
  for (const name of names) {
    if (!isFormatName(name)) throw new UsageError(`"${name}" is not a format. Allowed choices are ${FORMATS.join(', ')}.`);
    if (!out.includes(name)) out.push(name);
  }
  if (out.length === 0) throw new UsageError(`no format named. Allowed choices are ${FORMATS.join(', ')}.`);
  return out;
}

export async function formatter(name: FormatName): Promise<Formatter> {
  return LOADERS[name]();
}

/** Writes one file: staged under a temporary name (checked, synced), then renamed over the target (see output-set.ts). */
export async function writeFileAtomic(file: string, content: string | Iterable<string>): Promise<void> {
  const set = await OutputSet.open(path.dirname(file));
  await set.stage(typeof content === 'string' ? { name: path.basename(file), content } : { name: path.basename(file), content: '', chunks: () => content });
  await set.commit();
}

/** Writes rendered files under a folder (created if needed) as one set; returns the paths written, in order. */
export function writeRendered(dir: string, files: readonly RenderedFile[]): Promise<string[]> {
  return writeRenderedSet(dir, files);
}
