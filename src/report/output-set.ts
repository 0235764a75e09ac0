/**
 * The files of one run into an `--out` folder, written so that a report set is complete or not
 * there (issue 15): each file goes to a temporary file first, created exclusively under a random
 * name (never following a link planted there), written with every write checked for its length,
 * synced, and only when every file of the run is written are they renamed into place together.
 * A failure removes the run's temporary files and leaves any earlier report set as it was.
 * Temporary files a killed run left behind are removed by the next run into the folder.
 *
 * Report files are created without permissions for other users (0640: the owner reads and
 * writes, the group reads), as they hold special-category personal data.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder } from '../shared/make-folder.js';
import { codeOf } from '../shared/system-error.js';
import { utf8Batches, utf8Bytes } from '../shared/utf8.js';
import type { RenderedFile } from './format-types.js';

export const REPORT_FILE_MODE = 0o640;
const TEMP_PREFIX = '.dvds-audit-';
const TEMP_SUFFIX = '.tmp';

/** A write that failed: the file and the system's error code, for a one-line message. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    /** The file that could not be written, or null when the folder itself could not be used. */
    readonly file: string | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Writes all of `bytes`: a short write (a full disk, a file size limit) is continued, never ignored. */
export async function writeAll(handle: Pick<FileHandle, 'write'>, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    // No progress and no error: the system will take no more (the next write would say why).
    if (bytesWritten === 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

async function writePieces(handle: FileHandle, pieces: Iterable<string>): Promise<void> {
  // One write per megabyte, not one per piece (a 1M-application report.json comes in ~800,000).
  for (const batch of utf8Batches(pieces, { reuse: true })) await writeAll(handle, batch);
}

function causeOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function randomName(): string {
  return randomBytes(12).toString('hex');
}

export class OutputSet {
  private readonly staged: { temp: string; target: string }[] = [];

  private constructor(
    readonly dir: string,
    private readonly tempName: () => string,
  ) {}

  /**
   * Opens the folder (created if needed) and removes temporary files an earlier, killed run left.
   * `tempName` is for tests, which plant a link at the name a run will use.
   */
  static async open(dir: string, tempName: () => string = randomName): Promise<OutputSet> {
    try {
      await makeFolder(dir);
      for (const name of await readdir(dir)) {
        if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) await rm(path.join(dir, name), { force: true });
      }
    } catch (error) {
      throw new OutputError(null, codeOf(error), `cannot write to ${dir}: ${causeOf(error)}`);
    }
    return new OutputSet(dir, tempName);
  }

  /** Writes one file under a temporary name; it takes its own name only at `commit`. */
  async stage(file: RenderedFile): Promise<void> {
    // Formatter file names are fixed (report.json, findings.csv, ...); refuse anything that would leave the folder.
    if (file.name !== path.basename(file.name) || file.name.startsWith('.')) throw new Error(`formatter produced an unsafe file name ${JSON.stringify(file.name)}`);
    const target = path.join(this.dir, file.name);
    // A random name, created exclusively: a file or link someone planted there makes the open fail, never a write through it.
    const temp = path.join(this.dir, `${TEMP_PREFIX}${this.tempName()}.${file.name}${TEMP_SUFFIX}`);
    let handle: FileHandle | null = null;
    try {
      handle = await open(temp, 'wx', REPORT_FILE_MODE);
      this.staged.push({ temp, target });
      if (file.chunks) await writePieces(handle, file.chunks());
      else await writeAll(handle, utf8Bytes(file.content));
      await handle.sync();
      await handle.close();
      handle = null;
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await this.abandon();
      throw new OutputError(target, codeOf(error), `cannot write ${file.name}: ${causeOf(error)}`);
    }
  }

  /** Renames every staged file into place; returns their paths, in the order staged. */
  async commit(): Promise<string[]> {
    const done: string[] = [];
    try {
      for (const { temp, target } of this.staged) {
        await rename(temp, target);
        done.push(target);
      }
    } catch (error) {
      await this.abandon();
      throw new OutputError(null, codeOf(error), `cannot put the report files in place: ${causeOf(error)}`);
    }
    this.staged.length = 0;
    return done;
  }

  /** Removes the run's temporary files (an earlier report set is left as it was). */
  async abandon(): Promise<void> {
    await Promise.all(this.staged.map(({ temp }) => rm(temp, { force: true }).catch(() => undefined)));
    this.staged.length = 0;
  }
}

/** Writes rendered files under a folder as one set (see OutputSet); returns the paths written, in order. */
export async function writeRenderedSet(dir: string, files: readonly RenderedFile[]): Promise<string[]> {
  const set = await OutputSet.open(dir);
  for (const f of files) await set.stage(f);
  return set.commit();
}
