#!/usr/bin/env node
/**
 * npm run bench: times `dvds-audit audit --format json` on canonical exports of 10k, 100k and 1M
 * applications, beside the two peers of ../shared/bench (DuckDB SQL, pandas) where they are
 * installed, in one run on the same files, and checks that the six rules they compute agree.
 *
 *   npm run bench -- [--sizes 10k,100k,1m] [--reps 3] [--as-of 2025-01-31] [--no-peers]
 *
 * Data and the peers' node_modules are cached outside the repository, in $DVDS_BENCH_CACHE
 * (default ~/.cache/dvds-audit-bench). Prints figures; never fails on a timing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };
const sizes = opt('sizes', '10k,100k,1m').split(',').map((s) => s.trim().toLowerCase());
const reps = Number(opt('reps', '3'));
const asOf = opt('as-of', '2025-01-31');
const withPeers = !args.includes('--no-peers');
const cache = process.env.DVDS_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'dvds-audit-bench');
const sharedBench = path.resolve(root, '..', 'shared', 'bench');
const SIX = ['no-outcome', 'disclosure-not-made', 'deadline-missed', 'withheld-despite-history', 'harm-after-request', 'handler-prior-referral'];

fs.mkdirSync(cache, { recursive: true });
const have = (cmd, a = ['--version']) => spawnSync(cmd, a, { stdio: 'ignore' }).status === 0;
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function log(s) {
  process.stderr.write(`${s}\n`);
}

/** Canonical export of n applications, n incidents, n/2 history records and 1,000 staff. */
function dataFor(label) {
  const n = SIZES[label];
  if (!n) throw new Error(`unknown size ${label} (use ${Object.keys(SIZES).join(', ')})`);
  const dir = path.join(cache, `n${label}`);
  if (fs.existsSync(path.join(dir, 'conduct_referrals.csv'))) return dir;
  const gen = path.join(sharedBench, 'gen_big.py');
  if (!fs.existsSync(gen)) throw new Error(`no generator: ${gen} not found`);
  log(`generating ${label} into ${dir} ...`);
  const r = spawnSync('python3', [gen, '--applications', String(n), '--out', dir, '--seed', '7'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('gen_big.py failed');
  return dir;
}

/** The peers, copied to the cache (shared/ may be read-only) with their node_modules installed. */
function preparePeers() {
  const peers = { duckdb: null, pandas: null };
  if (!withPeers || !fs.existsSync(sharedBench)) return peers;
  const dir = path.join(cache, 'peers');
  fs.cpSync(sharedBench, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
  if (!fs.existsSync(path.join(dir, 'peers-node', 'node_modules', '@duckdb'))) {
    log('installing the DuckDB peer (npm ci in the cache) ...');
    spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--silent'], { cwd: path.join(dir, 'peers-node'), stdio: 'inherit' });
  }
  if (fs.existsSync(path.join(dir, 'peers-node', 'node_modules', '@duckdb'))) peers.duckdb = ['node', [path.join(dir, 'duckdb_peer.mjs')]];
  else log('DuckDB peer not available: skipped');
  if (have('/usr/bin/python3', ['-c', 'import pandas'])) peers.pandas = ['/usr/bin/python3', [path.join(dir, 'pandas_peer.py')]];
  else log('pandas peer not available (apt-get install python3-pandas): skipped');
  return peers;
}

/**
 * Runs a command under GNU time with its stdout in a file (the audit's JSON report at 1M is
 * ~750 MB, longer than one JavaScript string); returns wall seconds, peak RSS in MiB and the
 * stdout file.
 */
function measure(cmd, cmdArgs) {
  const stats = path.join(os.tmpdir(), `dvds-bench-${process.pid}.time`);
  const outFile = path.join(os.tmpdir(), `dvds-bench-${process.pid}-${Math.random().toString(36).slice(2)}.out`);
  const out = fs.openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const opts = { stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 28, encoding: 'utf8' };
  const r = timeBin ? spawnSync(timeBin, ['-v', '-o', stats, cmd, ...cmdArgs], opts) : spawnSync(cmd, cmdArgs, opts);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  fs.closeSync(out);
  let rss = null;
  if (timeBin && fs.existsSync(stats)) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(stats, 'utf8'));
    if (m) rss = Number(m[1]) / 1024;
    fs.rmSync(stats, { force: true });
  }
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, rss, outFile };
}

/** The six rules' findings from the audit's canonical report.json, read line by line (it may exceed a string). */
async function readFindings(file) {
  const findings = [];
  let inFindings = false;
  let current = null;
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '  "findings": [') inFindings = true;
    else if (inFindings && (line === '  ]' || line === '  ],')) break;
    else if (inFindings) {
      // The canonical layout: a finding's keys at 6 spaces, its evidence keys at 8.
      const m = /^ {6}"(ruleId|severity)": "(.*)",?$/.exec(line) ?? /^ {8}"(incidentId)": "(.*)",?$/.exec(line);
      if (line === '    {') current = { evidence: {} };
      else if (m && current) {
        if (m[1] === 'incidentId') current.evidence.incidentId = JSON.parse(`"${m[2]}"`);
        else current[m[1]] = m[2];
      } else if ((line === '    }' || line === '    },') && current) {
        findings.push(current);
        current = null;
      }
    }
  }
  return { findings };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The six rules' counts from the product's report, in the peers' reading. */
function productCounts(report) {
  const counts = {};
  const bySeverity = { 'deadline-missed': {}, 'harm-after-request': {} };
  const harmIncidents = new Set();
  for (const id of SIX) counts[id] = 0;
  for (const f of report.findings) {
    if (!(f.ruleId in counts)) continue;
    counts[f.ruleId] += 1;
    if (f.ruleId in bySeverity) bySeverity[f.ruleId][f.severity] = (bySeverity[f.ruleId][f.severity] ?? 0) + 1;
    if (f.ruleId === 'harm-after-request') harmIncidents.add(String(f.evidence.incidentId ?? f.evidence.incident_id));
  }
  return { counts, bySeverity, harmIncidents: harmIncidents.size };
}

function compare(product, peer) {
  const diffs = [];
  for (const id of SIX) {
    const mine = id === 'harm-after-request' ? product.counts[id] : product.counts[id];
    const theirs = id === 'harm-after-request' ? peer.diagnostics['harm-after-request.applicationIncidentPairs'] : peer.counts[id];
    if (mine !== theirs) diffs.push(`${id}: audit ${mine} vs peer ${theirs}`);
  }
  if (product.harmIncidents !== peer.counts['harm-after-request']) {
    diffs.push(`harm-after-request distinct incidents: audit ${product.harmIncidents} vs peer ${peer.counts['harm-after-request']}`);
  }
  for (const id of ['deadline-missed']) {
    for (const [sev, n] of Object.entries(peer.bySeverity[id] ?? {})) {
      if ((product.bySeverity[id][sev] ?? 0) !== n) diffs.push(`${id} ${sev}: audit ${product.bySeverity[id][sev] ?? 0} vs peer ${n}`);
    }
  }
  return diffs;
}

const cli = path.join(root, 'bin', 'dvds-audit.js');
const peers = preparePeers();
log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; as-of ${asOf}; median of ${reps}`);
const rows = [];
const fmt = (x, d = 2) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
for (const label of sizes) {
  const dir = dataFor(label);
  const n = SIZES[label];
  const result = { label, n };
  for (const [name, spec] of [['audit', ['node', [cli, 'audit', dir, '--as-of', asOf, '--format', 'json', '--fail-on', 'none', '--quiet']]], ['duckdb', peers.duckdb && [peers.duckdb[0], [...peers.duckdb[1], dir, asOf]]], ['pandas', peers.pandas && [peers.pandas[0], [...peers.pandas[1], dir, asOf]]]]) {
    if (!spec) continue;
    const runs = [];
    for (let i = 0; i < reps; i++) runs.push(measure(spec[0], spec[1]));
    const out = name === 'audit' ? await readFindings(runs[0].outFile) : JSON.parse(fs.readFileSync(runs[0].outFile, 'utf8'));
    for (const r of runs) fs.rmSync(r.outFile, { force: true });
    result[name] = { wall: median(runs.map((r) => r.wall)), rss: median(runs.map((r) => r.rss ?? 0)) || null, walls: runs.map((r) => r.wall), out };
    log(`${label} ${name}: ${runs.map((r) => r.wall.toFixed(2)).join(', ')} s`);
  }
  const product = productCounts(result.audit.out);
  result.agree = {};
  for (const peer of ['duckdb', 'pandas']) if (result[peer]) result.agree[peer] = compare(product, result[peer].out);
  result.product = product;
  rows.push(result);
}

console.log('\n| N | audit wall s | rows/s | audit peak RSS MiB | DuckDB s / MiB | pandas s / MiB | audit/pandas | audit/DuckDB | six rules agree |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const a = r.audit;
  const agree = Object.entries(r.agree).map(([p, d]) => `${p}: ${d.length === 0 ? 'yes' : 'NO'}`).join(', ') || 'no peer';
  console.log(`| ${r.n.toLocaleString('en-GB')} | ${fmt(a.wall)} [${a.walls.map((w) => fmt(w)).join(', ')}] | ${Math.round(r.n / a.wall).toLocaleString('en-GB')} | ${fmt(a.rss, 0)} | ${r.duckdb ? `${fmt(r.duckdb.wall)} / ${fmt(r.duckdb.rss, 0)}` : 'n/a'} | ${r.pandas ? `${fmt(r.pandas.wall)} / ${fmt(r.pandas.rss, 0)}` : 'n/a'} | ${r.pandas ? fmt(a.wall / r.pandas.wall) : 'n/a'} | ${r.duckdb ? fmt(a.wall / r.duckdb.wall) : 'n/a'} | ${agree} |`);
}
for (const r of rows) {
  for (const [peer, diffs] of Object.entries(r.agree)) for (const d of diffs) console.log(`DISAGREE ${r.label} ${peer}: ${d}`);
}
if (rows.length > 1) {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    console.log(`scaling ${a.label} -> ${b.label}: ${(b.n / a.n).toFixed(0)}x rows, ${(b.audit.wall / a.audit.wall).toFixed(1)}x time`);
  }
}
console.log(`\ncounts (audit, ${rows.at(-1)?.label}): ${JSON.stringify(rows.at(-1)?.product.counts)}`);
