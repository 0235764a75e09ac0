/** End to end: a reader that closes the pipe early (`| head`) ends the run quietly, never with a stack. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';

describe('stdout closed early by its reader', () => {
  it('ends with the exit code so far and no EPIPE stack trace', async () => {
    const sample = resolve('fixtures/sample');
    const script = `node '${BIN}' audit '${sample}' --as-of 2025-01-31 --format json --fail-on none --quiet | head -c 100 > /dev/null; echo "exit=\${PIPESTATUS[0]}"`;
    const { stdout, stderr } = await promisify(execFile)('bash', ['-c', script]);
    expect(stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(stdout.trim()).toBe('exit=0');
  });
});
