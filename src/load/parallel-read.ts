/**
 * (Issue 13 item 3) Both cores: the optional tables are read on a worker thread while the main
 * thread reads the applications. The worker hands each table's records back as columns
 * (src/load/columns.ts) and the main thread rebuilds them, which costs a fraction of reading them.
 * A small export is read on one thread: starting a worker and loading the reader into it costs
 * more than its tables take to read.
 *
 * Whatever thread reads a table, the load's outcome is the same: tables are taken in TABLES order,
 * so the error reported is the one the first failing table gives, as when reading one by one.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, InputError, UsageError } from '../errors.js';
import type { TableName } from '../model/records.js';
import { decodeRecords, type EncodedRecords } from './columns.js';
import { type ProgressFn, readTable, type TableResult, type TableSource } from './read-table.js';

/**
 * Optional tables of fewer bytes than this, together, are read on the main thread. Measured on the
 * bench exports (2 cores, load phase alone): at 1M applications (62 MB of incidents and history)
 * 12.5 s on one thread, 10.2 s with the worker; at 100k (6 MB) the worker was no faster (1.2 s
 * against 1.3 s): starting it and rebuilding the records on the main thread cost what it saves.
 */
export const WORKER_MIN_BYTES = 16 * 1024 * 1024;

export interface WorkerTask {
  readonly sources: readonly TableSource[];
}

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly table: TableName; readonly rowsRead: number }
  | { readonly kind: 'table'; readonly table: TableName; readonly result: Omit<TableResult<TableName>, 'records'>; readonly records: EncodedRecords }
  | {
      readonly kind: 'error';
      readonly table: TableName;
      readonly name: string;
      readonly message: string;
      readonly stack: string;
      readonly system?: { readonly code?: string; readonly syscall?: string; readonly path?: string; readonly errno?: number };
    };

/** The worker script beside this module (`.mjs` in the bundle, `.js` in dist/src), or null from source. */
export function workerScript(moduleUrl: string = import.meta.url): URL | null {
  const ext = path.extname(fileURLToPath(moduleUrl));
  return ext === '.js' || ext === '.mjs' ? new URL(`./table-worker${ext}`, moduleUrl) : null;
}

/** The error the worker reported, as the main thread would have thrown it. */
function rebuiltError(m: Extract<WorkerMessage, { kind: 'error' }>): Error {
  const error = m.name === 'InputError' ? new InputError(m.message) : m.name === 'ConfigError' ? new ConfigError(m.message) : m.name === 'UsageError' ? new UsageError(m.message) : new Error(m.message);
  if (!(error instanceof InputError || error instanceof ConfigError || error instanceof UsageError)) {
    error.name = m.name;
    error.stack = m.stack;
    // A failed system call (a permission, a disk) keeps what tells the user it is theirs, not a bug.
    if (m.system !== undefined) Object.assign(error, m.system);
  }
  return error;
}

function systemFields(error: unknown): Extract<WorkerMessage, { kind: 'error' }>['system'] {
  const e = error as Partial<NodeJS.ErrnoException> | null;
  if (e === null || typeof e !== 'object' || typeof e.code !== 'string') return undefined;
  return {
    code: e.code,
    ...(typeof e.syscall === 'string' ? { syscall: e.syscall } : {}),
    ...(typeof e.path === 'string' ? { path: e.path } : {}),
    ...(typeof e.errno === 'number' ? { errno: e.errno } : {}),
  };
}

/** The message the worker posts for a table it could not read. */
export function errorMessage(table: TableName, error: unknown): WorkerMessage {
  const e = error instanceof Error ? error : new Error(String(error));
  const system = systemFields(error);
  return { kind: 'error', table, name: e.name, message: e.message, stack: e.stack ?? '', ...(system === undefined ? {} : { system }) };
}

/** Tables being read: each one's result, awaited in the order the caller takes them. */
export interface TableReads {
  result<T extends TableName>(table: T): Promise<TableResult<T>>;
  /** Stops any reading still under way (after an error elsewhere). */
  stop(): Promise<void>;
}

interface Pending {
  resolve(result: TableResult<TableName>): void;
  reject(error: Error): void;
  promise: Promise<TableResult<TableName>>;
}

function pending(): Pending {
  let resolve!: Pending['resolve'];
  let reject!: Pending['reject'];
  const promise = new Promise<TableResult<TableName>>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A table whose result is never asked for (an earlier table failed) must not be an unhandled rejection.
  promise.catch(() => {});
  return { resolve, reject, promise };
}

/** Reads the sources on a worker thread, starting now. */
export function readOnWorker(sources: readonly TableSource[], script: URL, onProgress?: ProgressFn): TableReads {
  const results = new Map<TableName, Pending>(sources.map((s) => [s.table, pending()]));
  const task: WorkerTask = { sources };
  const worker = new Worker(script, { workerData: task });
  let finished = false;
  const failAll = (error: Error): void => {
    for (const p of results.values()) p.reject(error);
  };
  worker.on('message', (m: WorkerMessage) => {
    if (m.kind === 'progress') {
      onProgress?.(m.table, m.rowsRead);
      return;
    }
    const p = results.get(m.table);
    if (p === undefined) return;
    if (m.kind === 'error') p.reject(rebuiltError(m));
    else p.resolve({ ...m.result, records: decodeRecords(m.table, m.records) });
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => {
    finished = true;
    // Resolved or rejected promises ignore this; any table still waiting lost its worker.
    failAll(new Error(`the worker reading ${sources.map((s) => s.table).join(', ')} stopped (exit code ${code}) before it finished`));
  });
  return {
    result: <T extends TableName>(table: T) => {
      const p = results.get(table);
      if (p === undefined) throw new Error(`${table} is not read on the worker`);
      return p.promise as unknown as Promise<TableResult<T>>;
    },
    stop: async () => {
      if (!finished) await worker.terminate();
    },
  };
}

/** Reads each source on this thread when its result is asked for. */
export function readInTurn(sources: readonly TableSource[], onProgress?: ProgressFn): TableReads {
  const bySource = new Map(sources.map((s) => [s.table, s]));
  return {
    result: <T extends TableName>(table: T) => {
      const source = bySource.get(table);
      if (source === undefined) throw new Error(`${table} was not given to be read`);
      return readTable<T>(source, onProgress);
    },
    stop: async () => {},
  };
}

/** Whether the sources are big enough, together, for a worker to pay for itself. */
export async function worthAWorker(sources: readonly TableSource[]): Promise<boolean> {
  let bytes = 0;
  for (const s of sources) bytes += (await stat(s.path)).size;
  return bytes >= WORKER_MIN_BYTES;
}
