/**
 * End to end (issue 13 item 3): an export whose optional tables pass WORKER_MIN_BYTES is read with
 * those tables on a worker thread; the report must be what the same rows give read on one thread.
 * The padding rows are incidents of people no application names, so they change no finding: the
 * padded run must report the unpadded run's findings, referrals and safeguarding, and account for
 * every padding row, the one bad one among them listed at its physical line.
 */
import { appendFile, cp, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKER_MIN_BYTES } from '../../src/load/parallel-read.js';
import { cli } from '../support/cli.js';
import { validReport } from '../support/report-schema.js';
import { tempDir } from '../support/temp.js';

const PADDING = 400_000;
/** Where the bad row goes among the padding rows (0-based). */
const BAD_AT = 123_456;

async function pad(file: string): Promise<number> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '').length;
  const rows: string[] = [];
  for (let i = 0; i < PADDING; i++) {
    const n = String(i).padStart(7, '0');
    rows.push(i === BAD_AT ? `PAD${n},2021-02-30,NOBODY${n},NOONE${n},injury` : `PAD${n},2021-02-0${(i % 9) + 1},NOBODY${n},NOONE${n},injury`);
  }
  await appendFile(file, rows.join('\n') + '\n');
  return lines;
}

describe('an export big enough for the worker thread', () => {
  it('reports what the rows give read on one thread, every padding row accounted for', async () => {
    const cwd = await tempDir('parallel-cli');
    const gen = await cli(['generate', '--out', 'plain', '--applications', '300', '--seed', '11'], { cwd });
    expect(gen.code).toBe(0);
    await cp(join(cwd, 'plain'), join(cwd, 'padded'), { recursive: true });
    const linesBefore = await pad(join(cwd, 'padded', 'incidents.csv'));
    expect((await stat(join(cwd, 'padded', 'incidents.csv'))).size).toBeGreaterThan(WORKER_MIN_BYTES);

    const args = ['--as-of', '2025-01-31', '--format', 'json', '--fail-on', 'none', '--quiet'];
    const [plain, padded] = await Promise.all([cli(['audit', 'plain', ...args], { cwd }), cli(['audit', 'padded', ...args], { cwd })]);
    expect(padded.stderr).toBe('');
    expect([plain.code, padded.code]).toEqual([0, 0]);
    const a = validReport(plain.stdout);
    const b = validReport(padded.stdout);
    expect(a.findings.length).toBeGreaterThan(0);
    expect(b.findings).toEqual(a.findings);
    expect(b.referrals).toEqual(a.referrals);
    expect(b.safeguarding).toEqual(a.safeguarding);

    const incidents = (r: typeof a) => r.inputs.find((i) => i.table === 'incidents');
    expect(incidents(b)).toMatchObject({
      rowsRead: (incidents(a)?.rowsRead ?? 0) + PADDING,
      rowsAccepted: (incidents(a)?.rowsAccepted ?? 0) + PADDING - 1,
      rowsRejected: 1,
    });
    // Every other table is read as before.
    expect(b.inputs.filter((i) => i.table !== 'incidents')).toEqual(a.inputs.filter((i) => i.table !== 'incidents'));
    expect(b.rejectedRows).toEqual([
      expect.objectContaining({ table: 'incidents', file: 'incidents.csv', line: linesBefore + BAD_AT + 1, column: 'occurred_at' }),
    ]);
  }, 120_000);
});
