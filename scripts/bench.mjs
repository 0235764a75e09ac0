#!/usr/bin/env node
/**
 * npm run bench: times `dvds-audit audit` in every format on canonical exports of 10k, 100k and
 * 1M applications, beside the two peers of ../shared/bench (DuckDB SQL, pandas) where they are
 * installed, in one run on the same files, and checks that the six rules they compute agree (from
 * the json report). Per size and format: wall time, peak RSS, the ratio to each peer, and the
 * phases `audit --timings` prints (load, rules, decide, write). json and table are written to
 * stdout (into a file), md, html, csv and junit with --out to a temporary folder (which also
 * writes worklist.csv, as every --out does).
 *
 *   npm run bench -- [--sizes 10k,100k,1m] [--reps 3] [--as-of 2025-01-31] [--no-peers]
 *                    [--formats json,md,html,csv,junit,table] [--format-timeout 600]
 *
 * A run longer than --format-timeout seconds is killed and reported as "did not finish in N s".
 * Data and the peers' node_modules are cached outside the repository, in $DVDS_BENCH_CACHE
 * (default ~/.cache/dvds-audit-bench). Prints figures; never fails on a timing.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout, clearTimeout } from 'node:timers';

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
const FORMATS = ['json', 'md', 'html', 'csv', 'junit', 'table'];
const formats = opt('formats', FORMATS.join(',')).split(',').map((s) => s.trim().toLowerCase());
for (const f of formats) if (!FORMATS.includes(f)) throw new Error(`unknown format ${f} (use ${FORMATS.join(', ')})`);
const timeoutS = Number(opt('format-timeout', '600'));
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
 * ~750 MB, longer than one JavaScript string); returns wall seconds, peak RSS in MiB, the stdout
 * file and stderr. A run still going after `timeoutS` is killed with its process group (GNU time
 * and the command under it) and returned as { dnf: true }, so one format that does not finish
 * cannot hang the bench.
 */
function measure(cmd, cmdArgs, timeoutS) {
  const stats = path.join(os.tmpdir(), `dvds-bench-${process.pid}.time`);
  const outFile = path.join(os.tmpdir(), `dvds-bench-${process.pid}-${Math.random().toString(36).slice(2)}.out`);
  const out = fs.openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const [bin, binArgs] = timeBin ? [timeBin, ['-v', '-o', stats, cmd, ...cmdArgs]] : [cmd, cmdArgs];
  // detached: its own process group, so a timeout ends the command too, not only GNU time.
  const child = spawn(bin, binArgs, { stdio: ['ignore', out, 'pipe'], detached: true });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (stderr += d));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, timeoutS * 1000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      fs.closeSync(out);
      let rss = null;
      if (timeBin && fs.existsSync(stats)) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(stats, 'utf8'));
        if (m) rss = Number(m[1]) / 1024;
        fs.rmSync(stats, { force: true });
      }
      if (timedOut) {
        fs.rmSync(outFile, { force: true });
        resolve({ dnf: true, wall, rss: null, outFile: null, stderr });
      } else if (status !== 0 && status !== 1) {
        // A format that crashes is a result to report, not the end of the bench.
        if (outFile) fs.rmSync(outFile, { force: true });
        resolve({ failed: `exit ${status}: ${stderr.split('\n').find((l) => l.trim() !== '') ?? ''}`, wall, rss, outFile: null, stderr });
      } else resolve({ dnf: false, wall, rss, outFile, stderr });
    });
  });
}

/** The phase lines `audit --timings` prints on stderr: { load: { ms, rss, heap }, ..., total }. */
function parseTimings(stderr) {
  const phases = {};
  for (const m of stderr.matchAll(/^timing (\w+): (\d+) ms, rss (\d+) MiB, heap used (\d+) MiB$/gm)) {
    phases[m[1]] = { ms: Number(m[2]), rss: Number(m[3]), heap: Number(m[4]) };
  }
  return phases;
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
      const m = /^ {6}"(ruleId|severity)": "(.*)",?$/.exec(line) ?? /^ {8}"(incidentId|firstReferral)": "(.*)",?$/.exec(line);
      if (line === '    {') current = { evidence: {} };
      else if (m && current) {
        if (m[1] === 'incidentId' || m[1] === 'firstReferral') current.evidence[m[1]] = JSON.parse(`"${m[2]}"`);
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
    // Since the v2 law the rule also fires for a referral during handling (before the end date);
    // the peers compute the v1 reading, a referral before receipt, which is this subset.
    if (f.ruleId === 'handler-prior-referral' && f.evidence.firstReferral !== 'before-receipt') continue;
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
const cores = os.cpus().length;
const load1 = os.loadavg()[0];
log(`machine: ${cores} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; as-of ${asOf}; median of ${reps}; formats ${formats.join(',')}; load average at start ${load1.toFixed(2)}`);

/** The audit's arguments for one format: json and table to stdout (into a file), the others with --out to a temporary folder. */
function auditArgs(dir, format, outDir) {
  const common = [cli, 'audit', dir, '--as-of', asOf, '--fail-on', 'none', '--quiet', '--timings', '--format', format];
  return format === 'json' || format === 'table' ? common : [...common, '--out', outDir];
}

/** `reps` runs of one command (stopping at the first that does not finish); the median, its range and the median run's phases. */
async function repeat(label, name, makeSpec) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const spec = makeSpec();
    const r = await measure(spec.cmd, spec.args, timeoutS);
    spec.cleanup?.();
    if (r.dnf) {
      log(`${label} ${name}: did not finish in ${timeoutS} s`);
      return { dnf: true, why: `did not finish in ${timeoutS} s` };
    }
    if (r.failed) {
      log(`${label} ${name}: failed after ${r.wall.toFixed(1)} s (${r.failed})`);
      return { dnf: true, why: `failed after ${r.wall.toFixed(1)} s (${r.failed})` };
    }
    runs.push(r);
  }
  log(`${label} ${name}: ${runs.map((r) => r.wall.toFixed(2)).join(', ')} s`);
  const byWall = [...runs].sort((a, b) => a.wall - b.wall);
  const mid = byWall[Math.floor(byWall.length / 2)];
  for (const r of runs) if (r !== mid && r.outFile) fs.rmSync(r.outFile, { force: true });
  return { dnf: false, wall: mid.wall, rss: median(runs.map((r) => r.rss ?? 0)) || null, walls: runs.map((r) => r.wall), phases: parseTimings(mid.stderr), outFile: mid.outFile };
}

const rows = [];
const fmt = (x, d = 2) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
const int = (x) => (x === null || x === undefined ? 'n/a' : Math.round(x).toLocaleString('en-GB'));
for (const label of sizes) {
  const dir = dataFor(label);
  const n = SIZES[label];
  const result = { label, n, formats: {} };
  // The peers first, so every format's ratio is to peers measured in this run on these files.
  for (const name of ['duckdb', 'pandas']) {
    const peer = peers[name];
    if (!peer) continue;
    const r = await repeat(label, name, () => ({ cmd: peer[0], args: [...peer[1], dir, asOf] }));
    if (!r.dnf) {
      r.out = JSON.parse(fs.readFileSync(r.outFile, 'utf8'));
      fs.rmSync(r.outFile, { force: true });
    }
    result[name] = r;
  }
  for (const format of formats) {
    const r = await repeat(label, format, () => {
      const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvds-bench-out-'));
      return { cmd: 'node', args: auditArgs(dir, format, outDir), cleanup: () => fs.rmSync(outDir, { recursive: true, force: true }) };
    });
    if (!r.dnf && format === 'json') r.out = await readFindings(r.outFile);
    if (!r.dnf && r.outFile) fs.rmSync(r.outFile, { force: true });
    result.formats[format] = r;
  }
  const json = result.formats.json;
  result.agree = {};
  if (json && !json.dnf) {
    result.product = productCounts(json.out);
    for (const peer of ['duckdb', 'pandas']) if (result[peer] && !result[peer].dnf) result.agree[peer] = compare(result.product, result[peer].out);
  }
  rows.push(result);
}

console.log(`\nmachine: ${cores} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average at start ${load1.toFixed(2)}, at end ${os.loadavg()[0].toFixed(2)}; median of ${reps}`);
console.log('\n| N | peer | wall s | peak RSS MiB | six rules agree |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  for (const peer of ['duckdb', 'pandas']) {
    const p = r[peer];
    if (!p) continue;
    const agree = r.agree[peer] === undefined ? 'n/a' : r.agree[peer].length === 0 ? 'yes' : 'NO';
    console.log(`| ${int(r.n)} | ${peer === 'duckdb' ? 'DuckDB' : 'pandas'} | ${p.dnf ? p.why : `${fmt(p.wall)} [${p.walls.map((w) => fmt(w)).join(', ')}]`} | ${p.dnf ? 'n/a' : int(p.rss)} | ${agree} |`);
  }
}
console.log('\n| N | format | wall s | rows/s | peak RSS MiB | audit / pandas | audit / DuckDB | start ms | load ms | rules ms | decide ms | write ms | heap used after decide MiB |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  for (const [format, a] of Object.entries(r.formats)) {
    if (a.dnf) {
      console.log(`| ${int(r.n)} | ${format} | ${a.why} | | | | | | | | | | |`);
      continue;
    }
    const ph = a.phases;
    // What --timings cannot see: Node's start, module loading and exit (the process's wall less the total).
    const startMs = ph.total ? a.wall * 1000 - ph.total.ms : null;
    const ratio = (peer) => (r[peer] && !r[peer].dnf ? fmt(a.wall / r[peer].wall) : 'n/a');
    console.log(
      `| ${int(r.n)} | ${format} | ${fmt(a.wall)} [${a.walls.map((w) => fmt(w)).join(', ')}] | ${int(r.n / a.wall)} | ${int(a.rss)} | ${ratio('pandas')} | ${ratio('duckdb')} | ${int(startMs)} | ${int(ph.load?.ms)} | ${int(ph.rules?.ms)} | ${int(ph.decide?.ms)} | ${int(ph.write?.ms)} | ${int(ph.decide?.heap)} |`,
    );
  }
}
for (const r of rows) {
  for (const [peer, diffs] of Object.entries(r.agree)) for (const d of diffs) console.log(`DISAGREE ${r.label} ${peer}: ${d}`);
}
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1];
  const b = rows[i];
  const [ja, jb] = [a.formats.json, b.formats.json];
  if (ja && jb && !ja.dnf && !jb.dnf) console.log(`scaling json ${a.label} -> ${b.label}: ${(b.n / a.n).toFixed(0)}x rows, ${(jb.wall / ja.wall).toFixed(1)}x time`);
}
const last = rows.at(-1);
if (last?.product) console.log(`\ncounts (audit, ${last.label}): ${JSON.stringify(last.product.counts)}`);
