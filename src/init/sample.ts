/**
 * The head of an export as `init` sees it: its encoding and delimiter guessed from the bytes, the
 * header and the first rows parsed. Only the first megabyte or so is read.
 */
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { InputError } from '../errors.js';
import { type Delimiter, detectDelimiter, readCsvHead } from '../load/csv-reader.js';
import { utf16Bom } from '../load/decode.js';
import { binaryKind, isWorkbook, readWorkbookSheet } from '../load/xlsx.js';

export const SAMPLE_ROWS = 1000;
const HEAD_BYTES = 2 << 20;

export interface ExportSample {
  /** `xlsx`: a workbook's first sheet (no encoding or delimiter to set). */
  readonly encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | 'xlsx';
  /** True when the sample is plain ASCII, so the encoding could not be told apart. */
  readonly asciiOnly: boolean;
  readonly delimiter: Delimiter;
  /** For a workbook, the sheet read (its first). */
  readonly sheet?: string;
  readonly headers: string[];
  readonly rows: string[][];
}

async function readHead(file: string, label: string): Promise<{ bytes: Buffer; complete: boolean }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`cannot read ${label} (${code === 'ENOENT' ? 'no such file' : code})`);
  }
  try {
    if ((await handle.stat()).isDirectory()) throw new InputError(`${label} is a folder; give the export file itself (init --from FOLDER/FILE.csv)`);
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const complete = bytesRead < HEAD_BYTES;
    let bytes = buffer.subarray(0, bytesRead);
    // Cut at the last line break, so neither a character nor (usually) a record is split.
    if (!complete) bytes = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
    return { bytes, complete };
  } finally {
    await handle.close();
  }
}

/** `label` is the path as the user gave it, for messages. */
export async function sampleExport(file: string, label = file): Promise<ExportSample> {
  if (isWorkbook(file)) {
    const sheet = await readWorkbookSheet(file, label);
    const [headers, ...rows] = sheet.rows.slice(sheet.headerIndex);
    if (!headers) throw new InputError(`${label}: its first sheet is empty`);
    return { encoding: 'xlsx', asciiOnly: false, delimiter: ',', sheet: sheet.sheet, headers: headers.map((h) => h.trim()), rows: rows.slice(0, SAMPLE_ROWS) };
  }
  const { bytes, complete } = await readHead(file, label);
  const binary = binaryKind(bytes.subarray(0, 8));
  if (binary !== null) throw new InputError(`${label} is ${binary}`);
  let body = bytes;
  const utf16 = utf16Bom(body);
  const bom = utf16 !== null || (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf);
  let text: string;
  let encoding: ExportSample['encoding'] = 'utf-8';
  if (utf16 !== null) {
    encoding = utf16;
    // The head was cut after a 0x0A byte: in UTF-16 that may leave half a character, which a
    // non-fatal decoder turns into one replacement character at the end (the sample's last row).
    text = new TextDecoder(utf16).decode(body.subarray(0, body.length - (body.length % 2)));
  } else {
    if (bom) body = body.subarray(3);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      encoding = 'windows-1252';
      text = iconv.decode(body, 'win1252');
    }
  }
  const asciiOnly = !bom && body.every((b) => b < 0x80);
  const firstLine = text.slice(0, text.search(/\r?\n|\r|$/));
  if (firstLine.trim() === '') throw new InputError(`${label} is empty or has no header line`);
  const delimiter = detectDelimiter(firstLine);
  // A head cut inside a quoted field ends in a syntax error; the records before it are enough.
  const records = await readCsvHead(text, { delimiter, maxRecords: SAMPLE_ROWS + 1 });
  if (records.length === 0 && complete) throw new InputError(`${label} is not readable as CSV`);
  const [headers, ...rows] = records;
  if (!headers) throw new InputError(`${label} has no header line`);
  return { encoding, asciiOnly, delimiter, headers: headers.map((h) => h.trim()), rows };
}
