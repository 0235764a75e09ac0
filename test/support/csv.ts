/** Reading back the CSV files the tool writes, in tests. */
import { parse } from 'csv-parse/sync';

/** A CSV text's records (rows may differ in length: a worklist keeps a row's extra cells). */
export function csvRows(text: string, delimiter = ','): string[][] {
  const records: string[][] = parse(text, { relax_column_count: true, delimiter });
  return records;
}
