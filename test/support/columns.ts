/**
 * The columns an export supplies, for datasets built in code that stand for an export lacking
 * some optional columns (a Dataset built without `columns` supplies every column).
 */
import { TABLE_FIELDS } from '../../src/load/fields.js';
import type { TableName } from '../../src/model/records.js';

/** Every column of the table except the ones named. */
export function columnsWithout(table: TableName, ...absent: string[]): string[] {
  return TABLE_FIELDS[table].map((f) => f.name).filter((name) => !absent.includes(name));
}
