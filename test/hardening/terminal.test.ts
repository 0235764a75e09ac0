/**
 * Nothing hostile reaches the terminal (issue 15 item 5): an export's headers through `init`, a
 * baseline's fingerprints through `diff`, a path or id in an error on stderr and ids in the table
 * reach stdout and stderr with ESC, BEL, C1 controls (U+009B CSI), bidi overrides (U+202E) and line
 * separators (U+2028, U+2029) each replaced by U+FFFD. Checked on the bytes the built CLI writes.
 */
import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { BIN, tmp } from './cli.js';

interface ByteRun {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/** The built CLI with stdout and stderr kept as bytes (no decoding that could hide one). */
async function cliBytes(args: readonly string[], cwd: string): Promise<ByteRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], { cwd, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: Buffer; stderr: Buffer };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const FFFD = utf8('\uFFFD');

/** The byte sequences a terminal would act on; none may be written from the data. */
const FORBIDDEN: Record<string, Buffer> = {
  ESC: Buffer.from([0x1b]),
  BEL: Buffer.from([0x07]),
  CR: Buffer.from([0x0d]),
  'U+009B (C1 CSI)': utf8('\u009b'),
  'U+0085 (NEL)': utf8('\u0085'),
  'U+202E (RLO)': utf8('\u202e'),
  'U+2066 (LRI)': utf8('\u2066'),
  'U+2028 (LS)': utf8('\u2028'),
  'U+2029 (PS)': utf8('\u2029'),
};

function forbiddenIn(bytes: Buffer): string[] {
  return Object.entries(FORBIDDEN)
    .filter(([, b]) => bytes.includes(b))
    .map(([name]) => name);
}

const OSC_TITLE = '\x1b]0;pwned\x07';
const CLEAR_SCREEN = '\x1b[2J';
const RLO = '\u202e';

describe('hardening: terminal output', () => {
  let work: string;
  beforeAll(async () => {
    work = await tmp('terminal');
  });

  it('init: hostile headers reach stdout neutralised, byte by byte', async () => {
    const header = ['application_id', `route${OSC_TITLE}`, `received_at${CLEAR_SCREEN}`, `subject${RLO}_id`, `notes${OSC_TITLE}${CLEAR_SCREEN}${RLO}`];
    await writeFile(join(work, 'hostile.csv'), `${header.join(',')}\nA1,right_to_ask,2024-01-02,S1,x\n`);
    const run = await cliBytes(['init', '--from', 'hostile.csv', '--out', 'init.json'], work);
    expect(run.code).toBe(0);
    expect(forbiddenIn(run.stdout), 'stdout').toEqual([]);
    expect(forbiddenIn(run.stderr), 'stderr').toEqual([]);
    const text = run.stdout.toString('utf8');
    // Each hostile character is one U+FFFD: the header still shows that something was there.
    expect(text).toContain('"notes\uFFFD]0;pwned\uFFFD\uFFFD[2J\uFFFD"');
    expect(text).toContain('"subject\uFFFD_id"');
    expect(run.stdout.includes(FFFD)).toBe(true);
  });

  it('diff: fingerprints from a baseline reach the table neutralised, byte by byte', async () => {
    const dir = join(work, 'diff');
    await cp(resolve('fixtures/audit/basic'), join(dir, 'export'), { recursive: true });
    const made = await cliBytes(['audit', 'export', '--as-of', '2025-01-31', '--out', 'old', '--format', 'json', '--quiet'], dir);
    expect(made.code).toBe(1);
    const report = JSON.parse(await readFile(join(dir, 'old', 'report.json'), 'utf8')) as { findings: { fingerprint: string }[] };
    const hostile = [OSC_TITLE, CLEAR_SCREEN, `${RLO}\u009b31m`, '\u2028\u2029\u0085'];
    report.findings.forEach((f, i) => {
      f.fingerprint = `${hostile[i % hostile.length]}${i}`;
    });
    await writeFile(join(dir, 'hostile.json'), JSON.stringify(report));
    const run = await cliBytes(['diff', 'hostile.json', 'old/report.json'], dir);
    expect(run.code).toBe(0);
    expect(forbiddenIn(run.stdout), 'stdout').toEqual([]);
    expect(forbiddenIn(run.stderr), 'stderr').toEqual([]);
    expect(run.stdout.toString('utf8')).toContain('\uFFFD]0;pwned\uFFFD0');
  });

  it.each([
    ['a bad id', ['rules', 'explain', `x\u009b2J${RLO}evil`]],
    ['a missing baseline file', ['audit', '.', '--baseline', `no\u009b2Jfile${RLO}.json`]],
    ['a missing export folder', ['validate', `gone\u009b${OSC_TITLE}${RLO}`]],
    ['an unknown option', [`--bad\u009b${RLO}`]],
  ] as const)('an error naming %s reaches stderr neutralised, byte by byte', async (_name, args) => {
    const run = await cliBytes(args, work);
    expect(run.code).toBe(2);
    expect(run.stderr.length).toBeGreaterThan(0);
    expect(forbiddenIn(run.stderr), 'stderr').toEqual([]);
    expect(forbiddenIn(run.stdout), 'stdout').toEqual([]);
    expect(run.stderr.includes(FFFD)).toBe(true);
  });

  it('the table: an id holding U+202E, U+2028 and U+2029 reaches stdout neutralised, byte by byte', async () => {
    const dir = join(work, 'table');
    await cp(resolve('fixtures/audit/basic'), dir, { recursive: true });
    const file = join(dir, 'applications.csv');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^APP-002,/m, `"A${RLO}B\u2028C\u2029D",`));
    const run = await cliBytes(['audit', '.', '--as-of', '2025-01-31', '--fail-on', 'none'], dir);
    expect(run.code).toBe(0);
    expect(forbiddenIn(run.stdout), 'stdout').toEqual([]);
    expect(forbiddenIn(run.stderr), 'stderr').toEqual([]);
    expect(run.stdout.toString('utf8')).toContain('A\uFFFDB\uFFFDC\uFFFDD');
  });
});

/** The CLI in this process, with stdout as a terminal or not. */
async function inProcess(args: readonly string[], opts: { tty: boolean; cwd: string; color?: boolean }): Promise<{ code: number; stdout: string; stderr: string }> {
  let code = 0;
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdoutIsTTY: opts.tty,
    stderrIsTTY: false,
    env: opts.color === true ? {} : { NO_COLOR: '1' },
    cwd: opts.cwd,
    setExitCode: (c) => {
      code = c;
    },
    exitCode: () => code,
  };
  const exit = await main(['node', 'dvds-audit', ...args], io);
  return { code: exit, stdout: out.join(''), stderr: err.join('') };
}

describe('hardening: the terminal writer, in process', () => {
  let dir: string;
  const ID = `A${RLO}B\u009bC\u2028D`;
  beforeAll(async () => {
    dir = join(await tmp('terminal-data'), 'export');
    await cp(resolve('fixtures/audit/basic'), dir, { recursive: true });
    const file = join(dir, 'applications.csv');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^APP-002,/m, `"${ID}",`));
  });

  it('to a pipe or file, json keeps its exact text (the id as JSON.stringify writes it)', async () => {
    const run = await inProcess(['audit', dir, '--as-of', '2025-01-31', '--format', 'json', '--quiet'], { tty: false, cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(JSON.stringify(ID));
  });

  it('to a terminal, the same json is sanitised and still parses', async () => {
    const run = await inProcess(['audit', dir, '--as-of', '2025-01-31', '--format', 'json', '--quiet'], { tty: true, cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/[\u202e\u009b\u2028\x1b]/);
    expect(run.stdout).toContain('"A\uFFFDB\uFFFDC\uFFFDD"');
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });

  it("a colour table on a terminal keeps the CLI's own colours, and the id is neutralised", async () => {
    const run = await inProcess(['audit', dir, '--as-of', '2025-01-31', '--fail-on', 'none'], { tty: true, cwd: dir, color: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\x1b[1m');
    expect(run.stdout).toContain('\x1b[31m');
    expect(run.stdout).not.toMatch(/[\u202e\u009b\u2028]/);
    expect(run.stdout).toContain('A\uFFFDB\uFFFDC\uFFFDD');
  });
});
