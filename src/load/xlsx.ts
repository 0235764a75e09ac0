/**
 * (v2) Excel workbooks (`.xlsx`, `.xlsm`) as inputs, read with read-excel-file (maintained, no
 * native code, no formula evaluation, no macros run: it reads the sheet XML and nothing else).
 * Each cell becomes the text the CSV path would have given: a date-typed cell the London local
 * date (or date and time) it shows, a number the digits Excel stored (`1234567`, never
 * `1234567.0`), a boolean `true`/`false`. Row numbers are the sheet's own, blank rows included,
 * so a rejected row names the row the analyst sees in Excel.
 *
 * And the other way round: a file given as CSV that is a workbook, a legacy `.xls` or a PDF is
 * named for what it is, instead of being mapped as a header of binary noise.
 */
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import type readXlsxFileType from 'read-excel-file/node';
import { InputError } from '../errors.js';

export interface WorkbookSheet {
  /** Cells as text, one array per sheet row from row 1. */
  readonly rows: string[][];
  /** Index in `rows` of the header: the first row with two or more values (a title above a table has one). */
  readonly headerIndex: number;
  readonly sheet: string;
  readonly sha256: string;
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;
const LEGACY = 'a legacy Excel .xls workbook (or another OLE compound file): save it as .xlsx or CSV';

export function isWorkbook(file: string): boolean {
  return WORKBOOK.test(file);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A date cell holds the wall-clock date and time Excel shows, carried in the Date's UTC fields. */
function dateText(d: Date): string {
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const [h, m, s] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date}T${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Numbers come as their stored text (parseNumber below); a plain number only from another path.
  return typeof value === 'number' ? String(value) : '';
}

export async function readWorkbookSheet(file: string, label: string, sheetName?: string): Promise<WorkbookSheet> {
  const bytes = await readFile(file);
  // Loaded only when a workbook is read: it costs ~60 ms of start-up that a CSV export never needs.
  const readXlsxFile = (await import('read-excel-file/node')).default;
  let sheets: Awaited<ReturnType<typeof readXlsxFileType<string>>>;
  try {
    // Numbers as the text Excel stored, so an id keeps its digits and a value never gains float noise.
    sheets = await readXlsxFile<string>(bytes, { trim: false, parseNumber: (text) => text });
  } catch (error) {
    if (bytes.subarray(0, 8).equals(OLE)) throw new InputError(`${label} is ${LEGACY}`);
    throw new InputError(`${label}: not a readable .xlsx workbook (${(error as Error).message})`);
  }
  const chosen = sheetName === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheetName);
  if (chosen === undefined) {
    const names = sheets.map((s) => `"${s.sheet}"`).join(', ');
    throw new InputError(sheetName === undefined ? `${label}: the workbook has no sheet` : `${label}: no sheet "${sheetName}" (the workbook has ${names})`);
  }
  const rows = chosen.data.map((row) => row.map(cellText));
  const filled = (row: readonly string[]): number => row.reduce((n, cell) => n + (cell.trim() === '' ? 0 : 1), 0);
  let headerIndex = rows.findIndex((row) => filled(row) >= 2);
  if (headerIndex === -1) headerIndex = rows.findIndex((row) => filled(row) > 0);
  return { rows, headerIndex: headerIndex === -1 ? rows.length : headerIndex, sheet: chosen.sheet, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PDF = Buffer.from('%PDF-');

/** What a binary file given as CSV is, from its first bytes (null: it may be text). */
export function binaryKind(head: Uint8Array): string | null {
  const bytes = Buffer.from(head);
  if (bytes.subarray(0, 4).equals(ZIP)) return 'a zip file (an Excel .xlsx workbook? name it .xlsx to read it as one), not CSV text';
  if (bytes.subarray(0, 8).equals(OLE)) return LEGACY;
  if (bytes.subarray(0, 5).equals(PDF)) return 'a PDF document, not CSV text: export the table as CSV or .xlsx';
  return null;
}

/** A CSV input that is a workbook, a legacy .xls or a PDF: exit 2 naming what it is. */
export async function refuseBinary(file: string, label: string): Promise<void> {
  if (/\.xls$/i.test(file)) throw new InputError(`${label} is ${LEGACY}`);
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    const kind = binaryKind(head.subarray(0, bytesRead));
    if (kind !== null) throw new InputError(`${label} is ${kind}`);
  } finally {
    await handle.close();
  }
}

