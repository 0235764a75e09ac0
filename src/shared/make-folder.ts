/** Making an output folder. */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { codeOf } from './system-error.js';

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir spins for ever where mkdir answers
 * ENOENT for a parent that exists (a /proc path, some read-only or special mounts); here the
 * first level that cannot be made is the error.
 */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      if (!(await stat(at)).isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR', syscall: 'mkdir', path: at });
      break;
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
      const parent = path.dirname(at);
      if (parent === at) throw error;
      missing.push(at);
      at = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
  }
}
