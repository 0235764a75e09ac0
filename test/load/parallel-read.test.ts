import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { TableName } from '../../src/model/records.js';
import { readInTurn, readOnWorker, WORKER_MIN_BYTES, workerScript, worthAWorker } from '../../src/load/parallel-read.js';
import { readTable, type TableSource } from '../../src/load/read-table.js';
import { tempDir } from '../support/temp.js';

// The worker runs compiled code: this is the script `npm run build` writes (tests run after it).
const SCRIPT = pathToFileURL(resolve('dist/src/load/table-worker.js'));

const FILES: Partial<Record<TableName, string>> = {
  incidents: 'incident_id,occurred_at,victim_id,suspect_id,harm\nI1,2024-01-01,V1,S1,death\nI2,2024-01-02T10:00,V1,S1,injury\nI2,2024-01-02,V1,S2,injury\nI3,2024-13-01,V2,S2,injury\nI4,2024-01-03,V2,S2,injury\n',
  history: 'record_id,subject_id,recorded_at,category,domestic_abuse\nR1,S1,2010-01-01,conviction,yes\n',
  staff: 'staff_id,role,display_name\nH1,officer,PC One\n',
};

async function sources(files: Partial<Record<TableName, string>>): Promise<TableSource[]> {
  const dir = await tempDir('parallel');
  const list: TableSource[] = [];
  for (const [table, csv] of Object.entries(files) as [TableName, string][]) {
    const source: TableSource = { table, path: join(dir, `${table}.csv`), file: `${table}.csv` };
    await writeFile(source.path, csv);
    list.push(source);
  }
  return list;
}

describe('reading the optional tables on a worker thread', () => {
  it('gives each table as reading it on this thread does: records, rejected rows, summary, progress', async () => {
    const list = await sources(FILES);
    const progress: string[] = [];
    const reads = readOnWorker(list, SCRIPT, (table, rows) => progress.push(`${table} ${rows}`));
    for (const source of list) {
      const onWorker = await reads.result(source.table);
      expect(onWorker).toStrictEqual(await readTable(source));
    }
    const incidents = await reads.result('incidents');
    expect(incidents.records).toHaveLength(3);
    expect(incidents.rejected).toHaveLength(2); // I2 again (a duplicate key) and I3 (month 13)
    expect(progress).toEqual(['incidents 5', 'history 1', 'staff 1']);
    await reads.stop();
  });

  it('rejects with the error the table gives on this thread, and goes on to the next table', async () => {
    const list = await sources({ incidents: 'incident_id,victim_id\nI1,V1\n', history: FILES.history ?? '' });
    const reads = readOnWorker(list, SCRIPT);
    const here = await readTable(list[0] as TableSource).catch((e: unknown) => e);
    expect(here).toBeInstanceOf(InputError);
    const there = await reads.result('incidents').catch((e: unknown) => e);
    expect(there).toBeInstanceOf(InputError);
    expect((there as Error).message).toBe((here as Error).message);
    expect((await reads.result('history')).records).toHaveLength(1);
    await reads.stop();
  });

  it('a table still waiting when the worker is stopped is rejected, not left pending', async () => {
    const list = await sources(FILES);
    const reads = readOnWorker(list, SCRIPT);
    await reads.stop();
    await expect(reads.result('staff')).rejects.toThrow(/worker reading incidents, history, staff stopped/);
  });

  it('read in turn on this thread when the worker would not pay', async () => {
    const list = await sources(FILES);
    expect(await worthAWorker(list)).toBe(false);
    const reads = readInTurn(list);
    expect(await reads.result('staff')).toStrictEqual(await readTable(list[2] as TableSource));
    expect(WORKER_MIN_BYTES).toBeGreaterThan(1024 * 1024);
  });

  it('finds the worker script beside the compiled module, and none when run from source', () => {
    expect(workerScript('file:///app/dist/bundle/chunk-X.mjs')?.href).toBe('file:///app/dist/bundle/table-worker.mjs');
    expect(workerScript('file:///app/dist/src/load/parallel-read.js')?.href).toBe('file:///app/dist/src/load/table-worker.js');
    expect(workerScript('file:///app/src/load/parallel-read.ts')).toBeNull();
  });
});
