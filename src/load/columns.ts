/**
 * A table's records as columns, to hand them from the worker thread that read them to the main
 * thread (src/load/table-worker.ts). Structured clone copies an object graph one object at a time:
 * measured at 1M incidents, 1.8 s to serialise and 2.9 s to deserialise on the main thread, more
 * than half the 4.8 s of reading them there. As columns the dates, codes and line numbers are typed
 * arrays moved without a copy, and each text column is a few long strings copied whole; the main
 * thread rebuilds the records by the same factories the reader uses, so they are the same records.
 */
import type { TableName, TableRecords } from '../model/records.js';
import type { DateValue } from '../time/london.js';
import { type FieldSpec, TABLE_FIELDS } from './fields.js';
import { FACTORIES } from './record-factories.js';
import type { RowSink } from './read-table.js';

/** A text column: its values joined, in parts, with each value's length (-1: null). */
interface TextColumn {
  readonly kind: 'text';
  readonly parts: string[];
  /** The row at which each part ends (exclusive). */
  readonly partEnds: number[];
  readonly lengths: Int32Array;
}

/** A date column: the London day (NO_DAY: null) and the instant (NaN: a date without a time). */
interface DateColumn {
  readonly kind: 'date';
  readonly days: Int32Array;
  readonly instants: Float64Array;
}

/** An enum or boolean column: the value's index in its vocabulary, NO_CODE for null. */
interface CodeColumn {
  readonly kind: 'code';
  readonly codes: Uint8Array;
}

type Column = TextColumn | DateColumn | CodeColumn;

export interface EncodedRecords {
  readonly table: TableName;
  readonly count: number;
  readonly lines: Int32Array;
  /** In spec order, `ignored` fields left out (as the records leave them). */
  readonly columns: Column[];
}

const NO_DAY = -0x80000000;
const NO_CODE = 255;
/** Well under V8's longest string (2^29 - 24 characters), so no column is ever too long to join. */
const PART_CHARS = 1 << 24;

/** The vocabulary a code column's values index, or null when the field is not a code. */
function vocabulary(spec: FieldSpec): readonly unknown[] | null {
  switch (spec.kind) {
    case 'enum':
      return spec.values;
    case 'boolean':
    case 'presence':
    case 'recorded':
      return [false, true];
    default:
      return null;
  }
}

function recordFields(table: TableName): readonly FieldSpec[] {
  return TABLE_FIELDS[table].filter((f) => f.kind !== 'ignored');
}

/** A growing typed array: doubled when full, cut to its length at the end. */
class Growing<A extends Int32Array | Float64Array | Uint8Array> {
  private data: A;
  length = 0;

  constructor(private readonly make: (n: number) => A) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The values, in an array of their own length (its buffer is transferred, so not shared). */
  done(): A {
    return this.data.slice(0, this.length) as A;
  }
}

interface ColumnBuilder {
  add(value: unknown): void;
  done(transfer: ArrayBuffer[]): Column;
}

function textBuilder(partChars: number): ColumnBuilder {
  const lengths = new Growing((n) => new Int32Array(n));
  const parts: string[] = [];
  const partEnds: number[] = [];
  let pieces: string[] = [];
  let chars = 0;
  return {
    add(value) {
      if (typeof value !== 'string') {
        lengths.push(-1);
        return;
      }
      if (chars + value.length > partChars && pieces.length > 0) {
        parts.push(pieces.join(''));
        partEnds.push(lengths.length);
        pieces = [];
        chars = 0;
      }
      pieces.push(value);
      chars += value.length;
      lengths.push(value.length);
    },
    done(transfer) {
      parts.push(pieces.join(''));
      partEnds.push(lengths.length);
      const column: TextColumn = { kind: 'text', parts, partEnds, lengths: lengths.done() };
      transfer.push(column.lengths.buffer as ArrayBuffer);
      return column;
    },
  };
}

function dateBuilder(): ColumnBuilder {
  const days = new Growing((n) => new Int32Array(n));
  const instants = new Growing((n) => new Float64Array(n));
  return {
    add(value) {
      const date = value as DateValue | null;
      days.push(date === null ? NO_DAY : date.day);
      instants.push(date?.instant ?? Number.NaN);
    },
    done(transfer) {
      const column: DateColumn = { kind: 'date', days: days.done(), instants: instants.done() };
      transfer.push(column.days.buffer as ArrayBuffer, column.instants.buffer as ArrayBuffer);
      return column;
    },
  };
}

function codeBuilder(vocab: readonly unknown[]): ColumnBuilder {
  // A byte holds the code and NO_CODE: a longer vocabulary would hand some value over as another.
  if (vocab.length >= NO_CODE) throw new Error(`a vocabulary of ${vocab.length} values does not fit a byte code`);
  const codes = new Growing((n) => new Uint8Array(n));
  return {
    add(value) {
      if (value === null) {
        codes.push(NO_CODE);
        return;
      }
      const code = vocab.indexOf(value);
      if (code < 0) throw new Error(`a value of row ${codes.length} is not in its field's vocabulary`);
      codes.push(code);
    },
    done(transfer) {
      const column: CodeColumn = { kind: 'code', codes: codes.done() };
      transfer.push(column.codes.buffer as ArrayBuffer);
      return column;
    },
  };
}

/** A table's accepted rows straight into columns: the worker never builds the records it hands over. */
export class ColumnSink<T extends TableName> implements RowSink<EncodedRecords> {
  private readonly lines = new Growing((n) => new Int32Array(n));
  private readonly builders: ColumnBuilder[];
  /** The buffers to transfer with the result (filled by `result`). */
  readonly transfer: ArrayBuffer[] = [];

  constructor(
    private readonly table: T,
    /** The most characters of one text column joined into one string (tests give a few). */
    partChars = PART_CHARS,
  ) {
    this.builders = recordFields(table).map((spec) => {
      const vocab = vocabulary(spec);
      if (vocab !== null) return codeBuilder(vocab);
      return spec.kind === 'date' ? dateBuilder() : textBuilder(partChars);
    });
  }

  get count(): number {
    return this.lines.length;
  }

  add(line: number, values: readonly unknown[]): void {
    this.lines.push(line);
    for (let f = 0; f < this.builders.length; f++) (this.builders[f] as ColumnBuilder).add(values[f] ?? null);
  }

  result(): EncodedRecords {
    const lines = this.lines.done();
    this.transfer.push(lines.buffer);
    return { table: this.table, count: lines.length, lines, columns: this.builders.map((b) => b.done(this.transfer)) };
  }
}

/** A reader of one column's values, row after row. */
function columnReader(column: Column, spec: FieldSpec): () => unknown {
  let row = 0;
  if (column.kind === 'code') {
    const vocab = vocabulary(spec) ?? [];
    return () => {
      const code = column.codes[row++] ?? NO_CODE;
      return code === NO_CODE ? null : vocab[code];
    };
  }
  if (column.kind === 'date') {
    // Equal dates share one object, as they do when the reader's cache hands them out.
    const byDay = new Map<number, DateValue>();
    const byInstant = new Map<number, DateValue>();
    return () => {
      const day = column.days[row] ?? NO_DAY;
      const instant = column.instants[row++] ?? Number.NaN;
      if (day === NO_DAY) return null;
      const dateOnly = Number.isNaN(instant);
      const cache = dateOnly ? byDay : byInstant;
      const key = dateOnly ? day : instant;
      let value = cache.get(key);
      if (value === undefined) {
        value = { day, instant: dateOnly ? null : instant };
        cache.set(key, value);
      }
      return value;
    };
  }
  let part = 0;
  let text = column.parts[0] ?? '';
  let end = column.partEnds[0] ?? 0;
  let pos = 0;
  return () => {
    while (row >= end && part < column.parts.length) {
      part++;
      text = column.parts[part] ?? '';
      end = column.partEnds[part] ?? column.lengths.length;
      pos = 0;
    }
    const length = column.lengths[row++] ?? -1;
    if (length < 0) return null;
    const value = text.slice(pos, pos + length);
    pos += length;
    return value;
  };
}

/** The records the columns were made from: equal field by field, in the same order. */
export function decodeRecords<T extends TableName>(table: T, encoded: EncodedRecords): TableRecords[T][] {
  if (encoded.table !== table) throw new Error(`columns of ${encoded.table} handed over as ${table}`);
  const specs = recordFields(table);
  if (encoded.columns.length !== specs.length) throw new Error(`columns of ${table} do not match its fields`);
  const readers = specs.map((spec, f) => columnReader(encoded.columns[f] as Column, spec));
  const make = FACTORIES[table];
  const width = specs.length;
  const values: unknown[] = new Array<unknown>(width);
  const records: TableRecords[T][] = [];
  for (let row = 0; row < encoded.count; row++) {
    for (let f = 0; f < width; f++) values[f] = (readers[f] as () => unknown)();
    records.push(make(encoded.lines[row] ?? 0, values));
  }
  return records;
}
