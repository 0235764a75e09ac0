/**
 * The formats by name, and writing rendered files. Formatters load on demand, so a run pays only
 * for the formats it asks for. Every file under --out is written to a temporary name in the same
 * folder and then renamed, so a reader never sees half a report.
 */
import { type FileHandle, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { FORMATS, type FormatName, type Formatter, type RenderedFile } from './format-types.js';

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

let tempCounter = 0;

/** Writes one file atomically: a temporary name in the same folder, then a rename over the target. */
export async function writeFileAtomic(file: string, content: string | Iterable<string>): Promise<void> {
  const dir = path.dirname(file);
  tempCounter += 1;
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${tempCounter}.tmp`);
  try {
    if (typeof content === 'string') await writeFile(temp, content, 'utf8');
    else {
      const handle = await open(temp, 'w');
      try {
        await writePieces(handle, content);
      } finally {
        await handle.close();
      }
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

// Pieces are encoded into one buffer of this size and written when it is full: one write per
// megabyte, not one per piece (a 1M-application report.json comes in ~25,000 pieces).
const WRITE_BUFFER_BYTES = 1 << 20;

async function writePieces(handle: FileHandle, pieces: Iterable<string>): Promise<void> {
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  for (const piece of pieces) {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (used + piece.length * 3 > WRITE_BUFFER_BYTES) {
      if (used > 0) await handle.write(buffer, 0, used);
      used = 0;
      if (piece.length * 3 > WRITE_BUFFER_BYTES) {
        await handle.write(piece, null, 'utf8');
        continue;
      }
    }
    used += buffer.write(piece, used, 'utf8');
  }
  if (used > 0) await handle.write(buffer, 0, used);
}

/** Writes rendered files under a folder (created if needed); returns the paths written, in order. */
export async function writeRendered(dir: string, files: readonly RenderedFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    // Formatter file names are fixed (report.json, findings.csv, ...); refuse anything that would leave the folder.
    if (f.name !== path.basename(f.name) || f.name.startsWith('.')) throw new Error(`formatter produced an unsafe file name ${JSON.stringify(f.name)}`);
    const target = path.join(dir, f.name);
    await writeFileAtomic(target, f.chunks ? f.chunks() : f.content);
    written.push(target);
  }
  return written;
}
