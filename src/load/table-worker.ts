/**
 * (Issue 13) The worker thread that reads the optional tables while the main thread reads the
 * applications (src/load/parallel-read.ts). It reads each table it is given in turn with the same
 * reader the main thread uses and posts the result back with its records as columns; a table that
 * cannot be read is posted as its error, and the worker goes on to the next.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TableName } from '../model/records.js';
import { ColumnSink } from './columns.js';
import { errorMessage, type WorkerMessage, type WorkerTask } from './parallel-read.js';
import { readRows } from './read-table.js';

const port = parentPort;
if (port === null) throw new Error('table-worker.js runs only as a worker thread');
const task = workerData as WorkerTask;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const onProgress = (table: TableName, rowsRead: number): void => post({ kind: 'progress', table, rowsRead });

for (const source of task.sources) {
  try {
    let sink: ColumnSink<TableName> | null = null;
    const { records, ...rest } = await readRows(source, onProgress, () => (sink = new ColumnSink(source.table)));
    post({ kind: 'table', table: source.table, result: rest, records }, sink === null ? [] : (sink as ColumnSink<TableName>).transfer);
  } catch (error) {
    post(errorMessage(source.table, error));
  }
}
