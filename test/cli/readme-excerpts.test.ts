/**
 * The README's excerpts of real output are what the built CLI prints and writes today: the
 * `npm start` summary, the JSON, CSV, Markdown, HTML and JUnit excerpts of the same run, and the
 * `generate` console. A sample regenerated, a rule added or a message reworded fails here until
 * the README shows the new output. In an excerpt `…` stands for text left out.
 */
import { copyFile, mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { cli, tmp } from '../support/cli.js';
import { csvRows } from '../support/csv.js';
import { validReport } from '../support/report-schema.js';

interface Block {
  readonly lang: string;
  readonly text: string;
}

function readmeBlocks(readme: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (const m of readme.matchAll(fence)) blocks.push({ lang: m[1]!, text: m[2]! });
  return blocks;
}

function block(blocks: readonly Block[], lang: string, start: string): string {
  const found = blocks.filter((b) => b.lang === lang && b.text.startsWith(start));
  expect(found, `one README ${lang} block starting ${JSON.stringify(start)}`).toHaveLength(1);
  return found[0]!.text;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The excerpt's lines that appear nowhere in the output, in order: a line of only `…` stands for
 * any lines left out, and `…` within a line (with the spaces before it) for any text.
 */
function unmatchedLines(excerpt: string, output: string): string[] {
  const lines = output.split(/\r?\n/);
  const missing: string[] = [];
  let at = 0;
  for (const line of excerpt.split('\n')) {
    if (line.trim() === '' || line.trim() === '…') continue;
    const pattern = new RegExp(`^${line.split(/\s*…/).map(escape).join('.*')}$`);
    const k = lines.findIndex((l, i) => i >= at && pattern.test(l));
    if (k < 0) missing.push(line);
    else at = k + 1;
  }
  return missing;
}

/** The JSON excerpt as JSON: items and members shown as `…` dropped. */
function excerptJson(text: string): unknown {
  const cleaned = text
    .split('\n')
    .filter((line) => !/^\s*…,?\s*$/.test(line))
    .join('\n')
    .replace(/,\s*…/g, '')
    .replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(cleaned);
}

/**
 * Where the excerpt differs from the real value: every member it shows must be there with that
 * value, every array item it shows must be there in that order (others may lie between), and a
 * string ending in `…` is a prefix.
 */
function differences(actual: unknown, excerpt: unknown, path = '$'): string[] {
  if (typeof excerpt === 'string' && excerpt.endsWith('…')) {
    return typeof actual === 'string' && actual.startsWith(excerpt.slice(0, -1)) ? [] : [`${path}: ${JSON.stringify(actual)} does not start ${excerpt}`];
  }
  if (Array.isArray(excerpt)) {
    if (!Array.isArray(actual)) return [`${path}: not an array`];
    let at = 0;
    const out: string[] = [];
    excerpt.forEach((item, i) => {
      const k = actual.findIndex((a, j) => j >= at && differences(a, item).length === 0);
      if (k < 0) out.push(`${path}[${i}]: ${JSON.stringify(item).slice(0, 120)} not found in order`);
      else at = k + 1;
    });
    return out;
  }
  if (excerpt !== null && typeof excerpt === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: not an object`];
    return Object.entries(excerpt).flatMap(([key, value]) => differences((actual as Record<string, unknown>)[key], value, `${path}.${key}`));
  }
  return actual === excerpt ? [] : [`${path}: ${JSON.stringify(actual)}, README shows ${JSON.stringify(excerpt)}`];
}

describe('README excerpts', () => {
  let blocks: Block[];
  let out: string;
  let table: string;

  beforeAll(async () => {
    blocks = readmeBlocks(await readFile('README.md', 'utf8'));
    const cwd = await tmp('readme');
    const sample = join(process.cwd(), 'fixtures/sample');
    const run = await cli(['audit', sample, '--as-of', '2025-01-31', '--fail-on', 'none'], { cwd });
    expect(run.code).toBe(0);
    table = run.stdout;
    const written = await cli(['audit', sample, '--as-of', '2025-01-31', '--fail-on', 'none', '--out', 'out', '--quiet'], { cwd });
    expect(written.code).toBe(0);
    out = join(cwd, 'out');
  });

  it('the npm start summary is the start of the table the sample gives', () => {
    const excerpt = block(blocks, 'text', 'DVDS audit as of 31/01/2025');
    expect(table.startsWith(excerpt)).toBe(true);
  });

  it('the JSON excerpt holds what report.json holds', async () => {
    const excerpt = excerptJson(block(blocks, 'json', '{\n  "schemaVersion"'));
    const report: unknown = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(differences(report, excerpt)).toEqual([]);
  });

  it.each([
    ['text', 'fingerprint,rule,', 'findings.csv'],
    ['text', 'priority,application,', 'safeguarding.csv'],
    ['markdown', '### ', 'report.md'],
    ['html', '<meta http-equiv', 'report.html'],
    ['xml', '<testsuites', 'junit.xml'],
  ])('the %s excerpt is lines of %s', async (lang, start, file) => {
    const excerpt = block(blocks, lang, start);
    const text = (await readFile(join(out, file), 'utf8')).replace(/^\uFEFF/, '');
    expect(unmatchedLines(excerpt, text)).toEqual([]);
  });

  it('the generate console is what generate prints', async () => {
    const excerpt = block(blocks, 'console', '$ dvds-audit generate --out synthetic --applications 400 --seed 1\n');
    const [command, ...expected] = excerpt.split('\n');
    const run = await cli(command!.slice('$ dvds-audit '.length).split(' '), { cwd: await tmp('readme-generate') });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(expected.join('\n'));
  });

  it('the foreign export, its init and validate sessions print what they show', async () => {
    const cwd = await tmp('readme-foreign');
    for (const start of ['$ dvds-audit generate --out rms ', '$ dvds-audit init --from rms/']) {
      for (const { command, expected } of session(block(blocks, 'console', start))) {
        const output = await runCommand(command, cwd);
        expect(unmatchedLines(expected, output), command).toEqual([]);
      }
    }
  });
});

/** A console excerpt's commands (`$ ` lines), each with the output shown under it. */
function session(text: string): { command: string; expected: string }[] {
  const steps: { command: string; expected: string }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: '' });
    else steps[steps.length - 1]!.expected += `${line}\n`;
  }
  return steps;
}

/**
 * Runs a `dvds-audit …`, `head -N FILE` or `cp FROM TO` line of a console excerpt (the only kinds
 * these show); a command's output is its stdout, then its stderr, as a terminal shows both.
 */
async function runCommand(command: string, cwd: string): Promise<string> {
  const [name, ...args] = command.split(' ');
  if (name === 'head') {
    const lines = Number(args[0]!.slice(1));
    return (await readFile(join(cwd, args[1]!), 'latin1')).split(/\r?\n/).slice(0, lines).join('\n');
  }
  if (name === 'mkdir') {
    expect(args[0]).toBe('-p');
    await mkdir(join(cwd, args[1]!), { recursive: true });
    return '';
  }
  if (name === 'cp') {
    await copyFile(join(cwd, args[0]!), join(cwd, args[1]!));
    return '';
  }
  expect(name).toBe('dvds-audit');
  const run = await cli(args, { cwd });
  expect(run.code, `${command}: ${run.stderr}`).toBe(0);
  return run.stdout + run.stderr;
}

describe('the validate session in the README', () => {
  it('prints what it shows', async () => {
    const cwd = await tmp('readme-validate');
    await symlink(join(process.cwd(), 'fixtures'), join(cwd, 'fixtures'));
    const blocks = readmeBlocks(await readFile('README.md', 'utf8'));
    for (const { command, expected } of session(block(blocks, 'console', '$ dvds-audit validate fixtures/loader/basic'))) {
      expect(unmatchedLines(expected, await runCommand(command, cwd)), command).toEqual([]);
    }
  });
});

describe('mapping a real export, in the README', () => {
  it('runs as written on the Niche-style fixture, CSV and workbook', async () => {
    const cwd = await tmp('readme-niche');
    await symlink(join(process.cwd(), 'fixtures'), join(cwd, 'fixtures'));
    const blocks = readmeBlocks(await readFile('README.md', 'utf8'));
    for (const start of ['$ mkdir -p export\n', '$ cp fixtures/niche/dvds-audit.config.json']) {
      for (const { command, expected } of session(block(blocks, 'console', start))) {
        expect(unmatchedLines(expected, await runCommand(command, cwd)), command).toEqual([]);
      }
    }
  });
});

describe('the monthly loop in the README', () => {
  it('runs as written on the bundled sample, with the filled-in worklist', async () => {
    const cwd = await tmp('readme-loop');
    await symlink(join(process.cwd(), 'fixtures'), join(cwd, 'fixtures'));
    const blocks = readmeBlocks(await readFile('README.md', 'utf8'));
    for (const { command, expected } of session(block(blocks, 'console', '$ dvds-audit audit fixtures/sample --as-of 2025-01-31 --out review/2025-01'))) {
      const output = await runCommand(command, cwd);
      expect(unmatchedLines(expected, output), command).toEqual([]);
    }
    // The second run's statement and statuses follow from what the team wrote in the fixture.
    const filled = csvRows(iconv.decode(await readFile('fixtures/worklist/sample-2025-01-filled.csv'), 'windows-1252'), ';');
    const [header, ...rows] = filled as [string[], ...string[][]];
    const at = (name: string): number => header.indexOf(name);
    const concluded = rows.filter((r) => r[at('conclusion')] !== '' && r[at('reviewer')] !== '' && r[at('reviewed_at')] !== '');
    const report = validReport(await readFile(join(cwd, 'review/2025-02/report.json'), 'utf8'));
    const byConclusion = (c: string): number => concluded.filter((r) => r[at('conclusion')] === c).length;
    expect(report.worklist).toMatchObject({
      screened: 400,
      reviewed: concluded.length,
      concluded: { no_failure: byConclusion('no_failure'), harm: byConclusion('harm'), service: byConclusion('service'), administrative: byConclusion('administrative') },
      referrals: { made: 1 },
      rows: { file: 'review/2025-01/worklist.csv', read: rows.length, accepted: rows.length - 1, rejected: 1 },
    });
    expect(report.referrals.filter((r) => r.status === 'referred').map((r) => [r.id, r.referredAt, r.iopcReference])).toEqual([['DV00000255', '2025-02-04', '2025/001234']]);
    const dismissed = new Set(report.findings.filter((f) => f.dismissed === true).map((f) => f.applicationId));
    expect([...dismissed]).toEqual(concluded.filter((r) => r[at('conclusion')] === 'no_failure').map((r) => r[at('id')]));
    expect(report.rejectedRows.filter((r) => r.table === 'worklist').map((r) => r.column)).toEqual(['reviewer']);
  });
});

describe('the excerpt matchers', () => {
  it('find a changed value, a missing item and a line not in the output', () => {
    expect(differences({ a: [1, 2, 3], b: 'abcdef' }, { a: [1, 3], b: 'abc…' })).toEqual([]);
    expect(differences({ a: [1, 2, 3] }, { a: [3, 1] })).toHaveLength(1);
    expect(differences({ a: { n: 4 } }, { a: { n: 5 } })).toEqual(['$.a.n: 4, README shows 5']);
    expect(unmatchedLines('x…z\n…\nlast', 'first\nxyz\nmiddle\nlast')).toEqual([]);
    expect(unmatchedLines('last\nxyz', 'xyz\nlast')).toEqual(['xyz']);
    expect(excerptJson('{\n  "a": [1, …],\n  …\n  "b": 2,\n  …\n}')).toEqual({ a: [1], b: 2 });
  });
});
