/**
 * Progress on stderr: a single throttled line rewritten with `\r` and cleared at the end, shown
 * only when stderr is a terminal, not under CI, not with --quiet; never on stdout or in a report.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { createProgress, inCi, progressEnabled } from '../../src/cli/progress.js';

const BASIC = resolve('fixtures/audit/basic');

interface FakeIO extends CliIO {
  readonly out: string[];
  readonly err: string[];
}

function fakeIO(opts: { stderrIsTTY: boolean; env?: Record<string, string> }): FakeIO {
  let code = 0;
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdoutIsTTY: false,
    stderrIsTTY: opts.stderrIsTTY,
    env: opts.env ?? {},
    cwd: resolve('fixtures/audit'),
    setExitCode: (c) => {
      code = c;
    },
    exitCode: () => code,
  };
}

const CLEAR = '\r\x1b[K';

describe('createProgress', () => {
  it('is on only for a terminal, outside CI, without --quiet', () => {
    expect(progressEnabled({ stderrIsTTY: true, env: {} })).toBe(true);
    expect(progressEnabled({ stderrIsTTY: false, env: {} })).toBe(false);
    expect(progressEnabled({ stderrIsTTY: true, env: { CI: 'true' } })).toBe(false);
    expect(progressEnabled({ stderrIsTTY: true, env: { CI: '1' } })).toBe(false);
    expect(progressEnabled({ stderrIsTTY: true, env: {} }, true)).toBe(false);
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CI: '' })).toBe(false);
  });

  it('rewrites one line at most once per interval and clears it at the end', () => {
    const io = fakeIO({ stderrIsTTY: true });
    let t = 0;
    const p = createProgress(io, { intervalMs: 100, now: () => t });
    p.update('a');
    t = 50;
    p.update('b'); // too soon: dropped
    t = 100;
    p.update('c');
    t = 150;
    p.update('d\x1b[2J\nx'); // dropped, and would have been defused
    t = 300;
    p.update('e\x1b[2J\nx');
    p.done();
    expect(io.err).toEqual([`${CLEAR}a`, `${CLEAR}c`, `${CLEAR}e\uFFFD[2J x`, CLEAR]);
    expect(io.err.join('')).not.toContain('\n');
    expect(io.out).toEqual([]);
  });

  it('writes nothing when off, and done() clears only what was shown', () => {
    const off = fakeIO({ stderrIsTTY: false });
    const p = createProgress(off);
    p.update('x');
    p.done();
    expect(off.err).toEqual([]);
    const on = fakeIO({ stderrIsTTY: true });
    createProgress(on).done();
    expect(on.err).toEqual([]);
  });
});

describe.each(['audit', 'validate'] as const)('%s progress through the CLI', (command) => {
  const args = (extra: string[]): string[] =>
    command === 'audit'
      ? ['node', 'dvds-audit', 'audit', BASIC, '--as-of', '2025-01-31', '--format', 'json', ...extra]
      : ['node', 'dvds-audit', 'validate', BASIC, '--format', 'json', ...extra];

  it('shows a line on a terminal stderr, cleared before the end, never on stdout', async () => {
    const io = fakeIO({ stderrIsTTY: true });
    await main(args([]), io);
    // Progress writes start with \r, never end a line; the last one clears it before any note.
    const cleared = io.err.lastIndexOf(CLEAR);
    expect(cleared).toBeGreaterThan(0);
    const shown = io.err.slice(0, cleared);
    expect(shown[0]).toBe(`${CLEAR}reading applications: 14 rows`);
    for (const w of shown) {
      expect(w.startsWith(CLEAR)).toBe(true);
      expect(w).not.toContain('\n');
    }
    for (const w of io.err.slice(cleared + 1)) expect(w).not.toMatch(/\r|\x1b/);
    const stdout = io.out.join('');
    expect(stdout).not.toMatch(/\r|\x1b|reading /);
    expect(() => JSON.parse(stdout) as unknown).not.toThrow();
  });

  it.each([
    ['stderr not a terminal', { stderrIsTTY: false }, []],
    ['CI set', { stderrIsTTY: true, env: { CI: 'true' } }, []],
    ['--quiet', { stderrIsTTY: true }, ['--quiet']],
  ] as const)('shows nothing when %s', async (_name, opts, extra) => {
    const io = fakeIO(opts);
    await main(args([...extra]), io);
    const err = io.err.join('');
    expect(err).not.toMatch(/\r|\x1b|reading |running /);
    const plain = command === 'audit' ? await runQuietJson(args(['--quiet'])) : null;
    if (plain !== null) expect(io.out.join('')).toBe(plain);
  });
});

async function runQuietJson(argv: string[]): Promise<string> {
  const io = fakeIO({ stderrIsTTY: false });
  await main(argv, io);
  return io.out.join('');
}
