/**
 * Reading a file the user named, refusing anything that is not a regular file first: `/dev/zero`
 * never ends and a FIFO blocks the read (its open, even) until someone writes, so the check is a
 * stat, made before the file is opened.
 */
import { readFile, stat } from 'node:fs/promises';

/** Why the file cannot be read, as the error to throw (each caller names it in its own words). */
export type FileProblem = { readonly kind: 'missing' } | { readonly kind: 'not-regular' } | { readonly kind: 'too-large'; readonly limit: number } | { readonly kind: 'unreadable'; readonly code: string };

/** Why the file cannot be read, or null when it is a regular file of at most `maxBytes` (for a caller that reads it itself). */
export async function checkRegularFile(file: string, maxBytes = Infinity): Promise<FileProblem | null> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', code };
  }
  if (!info.isFile()) return { kind: 'not-regular' };
  if (info.size > maxBytes) return { kind: 'too-large', limit: maxBytes };
  return null;
}

/** The file's bytes, or why not. `maxBytes`: larger files are refused unread. */
export async function readRegularFile(file: string, maxBytes = Infinity): Promise<Buffer | FileProblem> {
  const problem = await checkRegularFile(file, maxBytes);
  if (problem !== null) return problem;
  try {
    const bytes = await readFile(file);
    // The file may have grown between the stat and the read.
    return bytes.length > maxBytes ? { kind: 'too-large', limit: maxBytes } : bytes;
  } catch (error) {
    return { kind: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
}

/** The words for a problem, after the file's name. */
export function fileProblemText(problem: FileProblem): string {
  switch (problem.kind) {
    case 'missing':
      return 'not found';
    case 'not-regular':
      return 'is not a regular file (a device, a pipe or a folder); give a file';
    case 'too-large':
      return `is larger than ${problem.limit.toLocaleString('en-GB')} bytes`;
    case 'unreadable':
      return `cannot be read (${problem.code})`;
  }
}
