/**
 * One table from one CSV file to typed records, with the row accounting of BRIEF section 2: every
 * data row is accepted or rejected (with its physical line, column and reason), never dropped.
 *
 * A row is rejected when it has the wrong number of fields, lacks a required value, holds an
 * invalid value, or repeats the table's primary id (the later row; its reason names the first).
 * A rejected row still claims its id, so a later row with the same id is also rejected: an id
 * that appears twice never silently picks one of the two.
 */
import { open } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { TableName, TableRecords } from '../model/records.js';
import type { InputSummary, RejectedRow } from '../model/report.js';
import { DEFAULT_MAX_CELL, type InputConfig } from '../config/schema.js';
import { type CellReader, cellReader, INVALID } from './cells.js';
import { CsvSyntaxError, type Delimiter, readCsv } from './csv-reader.js';
import { DateReader } from './dates.js';
import { decodeFile, locateInvalidUtf8, NotUtf8Error, type ReadInfo, type TextEncoding, utf16Bom } from './decode.js';
import { type FieldSpec, PRIMARY_KEY, TABLE_FIELDS } from './fields.js';
import { matchHeader } from './header.js';
import { detached } from './detach.js';
import { type Factory, FACTORIES } from './record-factories.js';
import { isWorkbook, readWorkbookSheet, refuseBinary } from './xlsx.js';

export interface TableSource {
  readonly table: TableName;
  /** Absolute path to read. */
  readonly path: string;
  /** Relative POSIX path for reports and messages. */
  readonly file: string;
  readonly settings?: InputConfig | undefined;
  /** (v2) Tally the raw values of flag, enum and yes/no columns and how each was read (validate, init). */
  readonly profile?: boolean;
}

/** (v2) How one column's raw values were read (validate's value profile). */
export interface ValueProfile {
  readonly field: string;
  /** The export's header. */
  readonly column: string;
  /** Raw values (trimmed) with their counts and what each was read as, most frequent first. Free text read as recorded is never among them. */
  readonly values: { readonly raw: string; readonly count: number; readonly read: string }[];
  /** Cells of other distinct values beyond the ones listed. */
  readonly otherCells: number;
  /** For a free-text column read only as recorded or not: the cells of text read as recorded (counted, never shown). */
  readonly recordedText?: number;
}

/** Rejected rows listed in full per table (BRIEF section 7); the rest are counted. */
export const REJECTED_LISTED = 10_000;

/** More distinct values than this in one column are counted, not listed. */
const PROFILE_VALUES = 40;

/**
 * Where a table's accepted rows go, each as its values in spec order (`ignored` fields left out):
 * records by default; (v2) columns on the worker thread that reads the optional tables, which
 * never builds the records it hands over (src/load/columns.ts).
 */
export interface RowSink<R> {
  /** `values` is the reader's scratch array: copy what is kept. */
  add(line: number, values: readonly unknown[]): void;
  readonly count: number;
  result(): R;
}

function recordSink<T extends TableName>(table: T): RowSink<TableRecords[T][]> {
  const make: Factory<T> = FACTORIES[table];
  const records: TableRecords[T][] = [];
  return {
    add: (line, values) => {
      records.push(make(line, values));
    },
    get count() {
      return records.length;
    },
    result: () => records,
  };
}

export interface TableResult<T extends TableName, R = TableRecords[T][]> {
  readonly records: R;
  /** (v2) The canonical fields the file supplies (its header has them, or a mapping to them), in spec order. */
  readonly columns: readonly string[];
  /** (v2) With `profile`: one entry per flag, enum or yes/no column the file supplies. */
  readonly profile?: ValueProfile[];
  readonly summary: InputSummary;
  readonly rejected: RejectedRow[];
}

export type ProgressFn = (table: TableName, rowsRead: number) => void;

const PROGRESS_EVERY = 50_000;

interface Problem {
  readonly column: string;
  readonly reason: string;
}

/** Reads data rows against a matched header. */
/** One column's raw values and their readings, for the value profile. */
class ColumnTally {
  private readonly values = new Map<string, { count: number; read: string }>();
  private otherCells = 0;
  private recordedText = 0;

  constructor(
    private readonly field: string,
    private readonly column: string,
    /** Free text read only as recorded or not: its text is never kept. */
    private readonly freeText: boolean,
  ) {}

  add(raw: string, value: unknown): void {
    if (this.freeText && value === true) {
      this.recordedText++;
      return;
    }
    const seen = this.values.get(raw);
    if (seen !== undefined) {
      seen.count++;
      return;
    }
    if (this.values.size >= PROFILE_VALUES) {
      this.otherCells++;
      return;
    }
    this.values.set(detached(raw), { count: 1, read: readingOf(value, this.freeText) });
  }

  result(): ValueProfile {
    const values = [...this.values].map(([raw, v]) => ({ raw, ...v })).sort((a, b) => b.count - a.count || (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
    return { field: this.field, column: this.column, values, otherCells: this.otherCells, ...(this.freeText ? { recordedText: this.recordedText } : {}) };
  }
}

function readingOf(value: unknown, freeText: boolean): string {
  if (value === INVALID) return 'invalid';
  if (freeText) return 'not recorded';
  if (value === null) return 'empty';
  if (value === true) return 'yes';
  if (value === false) return 'no';
  // An enum's canonical value.
  return typeof value === 'string' ? value : 'invalid';
}

class RowReader<T extends TableName> {
  private readonly count: number;
  /** Scratch values of the row being read, in spec order (copied into the record). */
  readonly values: unknown[];
  private readonly names: string[];
  private readonly columns: string[];
  private readonly indexes: number[];
  private readonly readers: CellReader[];
  private readonly required: boolean[];
  /** For a sensitive field, the reason a bad value gets, without the value; else null. */
  private readonly withheld: (string | null)[];
  /** The canonical fields the header supplies. */
  readonly supplied: readonly string[];
  private readonly valueMaps: (ReadonlyMap<string, string> | null)[];
  /** Positions (in spec order) of the fields that together form the table's key. */
  private readonly keyFields: number[];
  private readonly seen = new Map<string, number>();
  private readonly profiles: (ColumnTally | null)[];

  constructor(
    table: T,
    readonly file: string,
    header: readonly string[],
    settings: InputConfig | undefined,
    profile = false,
  ) {
    const specs: readonly FieldSpec[] = TABLE_FIELDS[table].filter((f) => f.kind !== 'ignored');
    const match = matchHeader(file, specs, header, settings?.columns ?? {});
    const dates = new DateReader(settings?.dateFormats ?? []);
    const values: Readonly<Record<string, Readonly<Record<string, string>> | undefined>> = settings?.values ?? {};
    this.count = header.length;
    this.names = specs.map((f) => f.name);
    this.columns = [...match.headers];
    this.indexes = [...match.indexes];
    this.readers = specs.map((f) => cellReader(f, dates));
    this.required = specs.map((f) => f.required);
    this.withheld = specs.map((f) =>
      f.sensitive !== true ? null : `${f.kind === 'date' ? 'not a date' : 'not a valid value'} (the value is not shown: names and dates of birth appear in no output)`,
    );
    this.supplied = this.names.filter((_, i) => this.indexes[i] !== -1);
    const nullDates = settings?.nullDates ?? [];
    this.valueMaps = specs.map((f) => {
      const map = values[f.name];
      const entries = map === undefined ? [] : Object.entries(map).map(([from, to]): [string, string] => [from.trim(), to.trim()]);
      // (v2) A sentinel date the config declares "no date" (31/12/9999) reads as empty, as a value mapped to "" does.
      if (f.kind === 'date') for (const sentinel of nullDates) entries.push([sentinel.trim(), '']);
      return entries.length === 0 ? null : new Map(entries);
    });
    this.profiles = specs.map((f, i) =>
      profile && this.indexes[i] !== -1 && (f.kind === 'enum' || f.kind === 'boolean' || f.kind === 'recorded') ? new ColumnTally(f.name, this.columns[i]!, f.kind === 'recorded') : null,
    );
    this.keyFields = PRIMARY_KEY[table].map((name) => this.names.indexOf(name));
    this.values = new Array<unknown>(specs.length).fill(null);
  }

  /** The value profile of the columns tallied (empty without `profile`). */
  profile(): ValueProfile[] {
    return this.profiles.filter((t): t is ColumnTally => t !== null).map((t) => t.result());
  }

  /** Null when the row is accepted (its values are then in `values`), else the reasons it is rejected. */
  read(fields: readonly string[], line: number): RejectedRowDraft | null {
    if (fields.length !== this.count) {
      return { reason: `has ${fields.length} field${fields.length === 1 ? '' : 's'}, expected ${this.count} as in the header` };
    }
    const values = this.values;
    let problems: Problem[] | null = null;
    for (let i = 0; i < this.names.length; i++) {
      const index = this.indexes[i]!;
      const reader = this.readers[i]!;
      let text = index === -1 ? '' : fields[index]!.trim();
      const map = this.valueMaps[i] ?? null;
      let mappedFrom: string | null = null;
      if (map !== null) {
        const mapped = map.get(text);
        if (mapped !== undefined) {
          mappedFrom = text;
          text = mapped;
        }
      }
      const tally = this.profiles[i];
      if (text === '') {
        tally?.add(mappedFrom ?? '', reader.empty);
        if (this.required[i]) (problems ??= []).push({ column: this.columns[i]!, reason: 'required value is missing' });
        else values[i] = reader.empty;
        continue;
      }
      const value = reader.read(text);
      tally?.add(mappedFrom ?? text, value);
      if (value === INVALID) {
        // A name or a date of birth is never echoed, not even in a message about itself.
        const reason =
          this.withheld[i] ??
          reader.explain(text) + (mappedFrom === null ? '' : ` (mapped from "${mappedFrom}")`);
        (problems ??= []).push({ column: this.columns[i]!, reason });
        continue;
      }
      values[i] = value;
    }
    const duplicate = this.claimKey(line, problems);
    if (duplicate !== null) (problems ??= []).unshift(duplicate);
    if (problems === null) return null;
    const [first, ...more] = problems as [Problem, ...Problem[]];
    const also = more.map((p) => `; also column "${p.column}": ${p.reason}`).join('');
    return { column: first.column, reason: first.reason + also };
  }

  /**
   * Claims the row's key (valid or not, the rest of the row aside: an id seen twice never silently
   * picks one of the two) and says when an earlier row holds it. A key with a missing or invalid
   * part claims nothing; that row is rejected for its own reason.
   */
  private claimKey(line: number, problems: readonly Problem[] | null): Problem | null {
    const keyFields = this.keyFields;
    const parts: string[] = [];
    for (const k of keyFields) {
      const column = this.columns[k]!;
      const value = this.values[k];
      if (typeof value !== 'string' || (problems !== null && problems.some((p) => p.column === column))) return null;
      parts.push(value);
    }
    const key = parts.length === 1 ? parts[0]! : parts.join('\u0000');
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, line);
      return null;
    }
    const what = keyFields.map((k, i) => `${this.names[k]} "${parts[i]!}"`).join(' and ');
    return { column: this.columns[keyFields[0]!]!, reason: `duplicate ${what} (first on line ${first})` };
  }
}

interface RejectedRowDraft {
  readonly column?: string;
  readonly reason: string;
}

/**
 * Turns a table's records (the header first), from a CSV file or a workbook's sheet, into typed
 * records and the row accounting.
 */
class TableBuilder<T extends TableName, R> {
  private readonly rejected: RejectedRow[] = [];
  private rows: RowReader<T> | null = null;
  private rowsRead = 0;
  private blankRows = 0;
  private unlisted = 0;
  private header: readonly string[] = [];

  constructor(
    private readonly source: TableSource,
    private readonly onProgress: ProgressFn | undefined,
    private readonly sink: RowSink<R>,
  ) {}

  add(fields: string[], line: number): void {
    const { table, file } = this.source;
    if (this.rows === null) {
      // Nothing from persons is profiled: its columns are names and dates of birth.
      this.rows = new RowReader(table as T, file, fields, this.source.settings, this.source.profile === true && table !== 'persons');
      this.header = fields;
      return;
    }
    // A row of empty cells (`,,,,` where Excel had a blank row) is no more a record than a blank line.
    if (isBlank(fields)) {
      this.blankRows++;
      return;
    }
    this.rowsRead++;
    const result = this.oversized(fields) ?? this.rows.read(fields, line);
    if (result === null) this.sink.add(line, this.rows.values);
    // The first rejected rows are listed in full, the rest counted: five million rejects would
    // not fit in one report string (validate --format json crashed), and the accounting stays exact.
    else if (this.rejected.length < REJECTED_LISTED) this.rejected.push({ table, file, line, ...(result.column === undefined ? {} : { column: result.column }), reason: result.reason });
    else this.unlisted++;
    if (this.onProgress !== undefined && this.rowsRead % PROGRESS_EVERY === 0) this.onProgress(table, this.rowsRead);
  }

  /**
   * A cell longer than the table's `maxCellSize` rejects its row before it is read: it is most
   * often a quote left open that ran on over the lines below, and no field of the contract needs
   * megabytes (issue 15 item 4).
   */
  private oversized(fields: readonly string[]): { reason: string; column?: string } | null {
    const limit = this.source.settings?.maxCellSize ?? DEFAULT_MAX_CELL;
    for (let i = 0; i < fields.length; i++) {
      const length = fields[i]!.length;
      if (length <= limit) continue;
      const column = this.header[i];
      return {
        ...(column === undefined ? {} : { column }),
        reason: `the cell holds ${length.toLocaleString('en-GB')} characters, more than the limit of ${limit.toLocaleString('en-GB')} (maxCellSize; a quote left open runs a cell on over the lines below)`,
      };
    }
    return null;
  }

  result(sha256: string): TableResult<T, R> {
    const { table, file } = this.source;
    if (this.rows === null) throw new InputError(`${file}: the file is empty (no header line)`);
    this.onProgress?.(table, this.rowsRead);
    return {
      records: this.sink.result(),
      columns: this.rows.supplied,
      ...(this.source.profile === true ? { profile: this.rows.profile() } : {}),
      rejected: this.rejected,
      summary: {
        table,
        file,
        sha256,
        rowsRead: this.rowsRead,
        rowsAccepted: this.sink.count,
        rowsRejected: this.rejected.length + this.unlisted,
        blankRows: this.blankRows,
      },
    };
  }
}

async function readPass<T extends TableName, R>(
  source: TableSource,
  encoding: TextEncoding,
  delimiter: Delimiter | 'auto',
  onProgress: ProgressFn | undefined,
  sink: RowSink<R>,
): Promise<TableResult<T, R>> {
  const info: ReadInfo = { sha256: null, bom: false, bytes: 0 };
  const builder = new TableBuilder<T, R>(source, onProgress, sink);
  await readCsv(decodeFile(source.path, encoding, info), { delimiter }, (fields, line) => builder.add(fields, line));
  return builder.result(info.sha256 ?? '');
}

/** (v2) A table from a workbook's sheet: row numbers are the sheet's, cells already text (xlsx.ts). */
async function readWorkbookTable<T extends TableName, R>(source: TableSource, onProgress: ProgressFn | undefined, sink: RowSink<R>): Promise<TableResult<T, R>> {
  const sheet = await readWorkbookSheet(source.path, source.file, source.settings?.sheet);
  const builder = new TableBuilder<T, R>(source, onProgress, sink);
  sheet.rows.forEach((fields, i) => {
    // Rows above the header (a title, a blank row) are not the table.
    if (i >= sheet.headerIndex) builder.add(fields, i + 1);
  });
  return builder.result(sheet.sha256);
}

function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

function delimiterOf(settings: InputConfig | undefined): Delimiter | 'auto' {
  const d = settings?.delimiter ?? 'auto';
  return d === 'tab' ? '\t' : d;
}

async function notUtf8(source: { readonly path: string; readonly file: string }): Promise<InputError> {
  const where = await locateInvalidUtf8(source.path);
  const at = where === null ? '' : `:${where.line}`;
  const byte = where === null ? '' : ` (byte 0x${where.byte.toString(16).toUpperCase().padStart(2, '0')})`;
  return new InputError(`${source.file}${at}: not valid UTF-8${byte}; if the file is from Excel on Windows, set "encoding": "windows-1252" or "auto"`);
}

/**
 * Reads one table. With encoding `auto`, a file is read as UTF-8 and, at the first byte that is not
 * UTF-8 (unless it began with a UTF-8 BOM), read again from the start as Windows-1252.
 */
export async function readTable<T extends TableName>(source: TableSource, onProgress?: ProgressFn): Promise<TableResult<T>> {
  return readRows<T, TableRecords[T][]>(source, onProgress, () => recordSink(source.table as T));
}

/** Reads one table as `readTable` does, its accepted rows into a new sink for each pass over the file. */
export async function readRows<T extends TableName, R>(source: TableSource, onProgress: ProgressFn | undefined, newSink: () => RowSink<R>): Promise<TableResult<T, R>> {
  if (isWorkbook(source.path)) return readWorkbookTable<T, R>(source, onProgress, newSink());
  await refuseBinary(source.path, source.file);
  const delimiter = delimiterOf(source.settings);
  return readWithEncoding(source, source.settings?.encoding ?? 'auto', (encoding) => readPass<T, R>(source, encoding, delimiter, onProgress, newSink()));
}

/**
 * Runs `pass` over a file in the encoding asked for; with `auto`, as UTF-8 and, at the first byte
 * that is not UTF-8 (unless the file began with a UTF-8 BOM), again from the start as
 * Windows-1252. A CSV syntax error or a failed read becomes an InputError naming the file (and
 * the line); anything else is rethrown as is.
 */
export async function readWithEncoding<R>(
  source: { readonly path: string; readonly file: string },
  encoding: TextEncoding | 'auto',
  pass: (encoding: TextEncoding) => Promise<R>,
): Promise<R> {
  try {
    if (encoding === 'windows-1252' || encoding === 'utf-16le' || encoding === 'utf-16be') {
      try {
        return await pass(encoding);
      } catch (error) {
        if (error instanceof NotUtf8Error) throw new InputError(`${source.file}: not valid ${encoding.toUpperCase()} text (check the file's encoding)`);
        throw error;
      }
    }
    const bom = await utf16BomOf(source.path);
    if (bom !== null) {
      // Excel's "Unicode Text": UTF-16 with a byte order mark, which no UTF-8 or Windows-1252 file starts with.
      try {
        return await pass(bom);
      } catch (error) {
        if (error instanceof NotUtf8Error) throw new InputError(`${source.file}: starts with a ${bom.toUpperCase()} byte order mark but is not valid ${bom.toUpperCase()} text`);
        throw error;
      }
    }
    try {
      return await pass('utf-8');
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      if (encoding === 'utf-8' || (await startsWithBom(source.path))) throw await notUtf8(source);
      return await pass('windows-1252');
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputError(`${source.file}:${error.line}: ${error.message}`);
    if (error instanceof InputError) throw error;
    // A system call that failed (EACCES, EIO, ...) is the file's problem; anything else is ours.
    const e = error as NodeJS.ErrnoException | null;
    if (typeof e?.syscall === 'string') throw new InputError(`${source.file}: cannot read the file (${e.code ?? e.message})`);
    throw error;
  }
}

async function utf16BomOf(file: string): Promise<'utf-16le' | 'utf-16be' | null> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buf, 0, 2, 0);
    return bytesRead === 2 ? utf16Bom(buf) : null;
  } finally {
    await handle.close();
  }
}

async function startsWithBom(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(3);
    const { bytesRead } = await handle.read(buf, 0, 3, 0);
    return bytesRead === 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  } finally {
    await handle.close();
  }
}
