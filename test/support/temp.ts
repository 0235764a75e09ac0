/**
 * Temporary folders for tests, removed when the test file that made them ends. Each is named
 * `dvds-test-<name>-XXXXXX` in the system's temporary folder, so what a run leaves behind can be
 * counted by that prefix even while other runs share the folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const TEMP_PREFIX = 'dvds-test-';

const made: string[] = [];

// Registered when a test file imports this module (vitest gives each file its own copy of its
// modules), so the folders go after the file's last test whichever hook or test made them: a
// folder made in `beforeAll` and read by every test stays until they have all run.
afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
});

/** A fresh empty folder, removed after the current test file. */
export async function tempDir(name = 'tmp'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${name}-`));
  made.push(dir);
  return dir;
}
