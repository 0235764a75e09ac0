/**
 * The tool opens no network connection. An audit runs under a preload that makes every way out
 * (sockets, DNS, http/https, tls, udp, fetch) record the attempt and throw; nothing may be
 * recorded. A control run proves the trap fires. A scan of the built dist is the second check.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tmp } from './cli.js';

const PRELOAD = `
import fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const log = process.env.DVDS_NET_LOG;
function trap(what) {
  return function () {
    fs.appendFileSync(log, what + '\\n');
    throw new Error('network use blocked by the test: ' + what);
  };
}
const net = require('node:net');
net.Socket.prototype.connect = trap('net.Socket.connect');
net.connect = net.createConnection = trap('net.connect');
const tls = require('node:tls');
tls.connect = trap('tls.connect');
const dns = require('node:dns');
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) {
  dns[f] = trap('dns.' + f);
  dns.promises[f] = trap('dns.promises.' + f);
}
for (const m of ['node:http', 'node:https']) {
  const mod = require(m);
  mod.request = trap(m + '.request');
  mod.get = trap(m + '.get');
}
require('node:dgram').createSocket = trap('dgram.createSocket');
globalThis.fetch = trap('fetch');
globalThis.WebSocket = trap('WebSocket');
`;

let preload: string;
let log: string;

beforeAll(async () => {
  const dir = await tmp();
  preload = join(dir, 'no-network.mjs');
  log = join(dir, 'network.log');
  await writeFile(preload, PRELOAD);
});

const nodeArgs = (): string[] => ['--import', pathToFileURL(preload).href];

describe('hardening: no network', () => {
  it('the trap records and blocks a connection attempt (control)', async () => {
    const control = join(await tmp(), 'control.log');
    const script = "try { fetch('http://127.0.0.1:9/') } catch {}; try { require('node:net').connect(9, '127.0.0.1') } catch {}; try { require('node:dns').lookup('example.org', () => {}) } catch {}; try { require('node:https').get('https://example.org') } catch {}";
    await promisify(execFile)('node', [...nodeArgs(), '-e', script], { env: { ...process.env, DVDS_NET_LOG: control } }).catch(() => undefined);
    const recorded = (await readFile(control, 'utf8')).trim().split('\n');
    expect(recorded).toEqual(['fetch', 'net.connect', 'dns.lookup', 'node:https.get']);
  });

  it('an audit writing every format, and validate, attempt no connection', async () => {
    const out = join(await tmp(), 'out');
    const env = { DVDS_NET_LOG: log };
    const audit = await cli(['audit', resolve('fixtures/audit/basic'), '--as-of', '2025-01-31', '--out', out, '--format', 'table,json,csv,md,html,junit', '--quiet'], { node: nodeArgs(), env });
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(1);
    expect((await readdir(out)).length).toBe(8);
    const validate = await cli(['validate', resolve('fixtures/audit/basic')], { node: nodeArgs(), env });
    expect(validate.code).toBe(0);
    expect(existsSync(log) ? await readFile(log, 'utf8') : '').toBe('');
  });

  it('the built code calls no network API', async () => {
    const dist = resolve('dist/src');
    const offenders: string[] = [];
    const NETWORK = /\bfetch\s*\(|\bhttps?\.(request|get)\s*\(|\bnet\.(connect|createConnection)\s*\(|\btls\.connect\s*\(|\bWebSocket\b|from\s+['"](node:)?(http|https|net|tls|dgram|http2)['"]|import\(\s*['"](node:)?(http|https|net|tls|dgram|http2)['"]\s*\)|require\(\s*['"](node:)?(http|https|net|tls|dgram|http2)['"]\s*\)/;
    for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
      const file = join(entry.parentPath, entry.name);
      const text = await readFile(file, 'utf8');
      const m = NETWORK.exec(text);
      if (m) offenders.push(`${file.slice(dist.length + 1)}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});
