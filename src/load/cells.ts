/**
 * Per-field validators: from a trimmed, non-empty cell to the typed value of src/model/records.ts.
 *
 * Enum and boolean vocabularies are zod enums built from the model's constants. The per-row path
 * calls plain functions with small caches rather than one zod object schema with transforms per
 * row: measured in zod 4, a transforming field costs ~110 ns against ~10 ns here, i.e. ~2 s more
 * for a million applications of 17 columns.
 */
import { z } from 'zod';
import type { DateValue } from '../time/london.js';
import { MAX_YEAR, MIN_YEAR } from '../time/parse.js';
import { DateReader } from './dates.js';
import { detached } from './detach.js';
import type { FieldSpec } from './fields.js';

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export interface CellReader {
  /** The typed value of a trimmed, non-empty cell, or INVALID. */
  read(text: string): unknown;
  /** Why `text` was INVALID, naming what was expected. */
  explain(text: string): string;
  /** The value when the cell is empty or the column absent (optional fields only). */
  readonly empty: unknown;
}

const CACHE_LIMIT = 10_000;

/**
 * No records system issues an id this long. A longer one is rejected: every finding, referral and
 * join repeats its ids, so a 1 MB "id" grew one hostile export's report past what a string can hold.
 */
export const MAX_ID_LENGTH = 200;

/** A cell quoted in a reason: at most 60 characters, so a reason stays a line a person can read. */
function quoted(text: string): string {
  if (text.length <= 60) return `"${text}"`;
  return `"${text.slice(0, 60).replace(/[\uD800-\uDBFF]$/, '')}…" (${text.length} characters)`;
}

/** Normalises an enum cell: case-insensitive, spaces and hyphens read as `_`. */
export function normaliseEnum(text: string): string {
  return text.toLowerCase().replace(/[\s-]/g, '_');
}

function cached<T>(compute: (text: string) => T | Invalid): (text: string) => T | Invalid {
  const cache = new Map<string, T | Invalid>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = compute(text);
      // Vocabularies are small; a file full of distinct bad values must not grow the cache forever.
      if (cache.size < CACHE_LIMIT) cache.set(detached(text), value);
    }
    return value;
  };
}

function enumReader(values: readonly string[]): CellReader {
  const schema = z.enum(values as [string, ...string[]]);
  return {
    read: cached((text) => {
      const result = schema.safeParse(normaliseEnum(text));
      return result.success ? result.data : INVALID;
    }),
    explain: (text) => `${quoted(text)} is not one of ${values.join(', ')}`,
    empty: null,
  };
}

const BOOLEAN_WORDS = z.enum(['yes', 'no', 'y', 'n', 'true', 'false', '1', '0']);
const TRUE_WORDS: ReadonlySet<string> = new Set(['yes', 'y', 'true', '1']);

const booleanReader: CellReader = {
  read: cached((text) => {
    const result = BOOLEAN_WORDS.safeParse(text.toLowerCase());
    return result.success ? TRUE_WORDS.has(result.data) : INVALID;
  }),
  explain: (text) => `${quoted(text)} is not a yes/no value (expected yes/no, y/n, true/false or 1/0)`,
  empty: null,
};

function dateReader(reader: DateReader): CellReader {
  return {
    read: (text): DateValue | Invalid => reader.read(text) ?? INVALID,
    explain: (text) => {
      const year = reader.yearOutOfRange(text);
      // A date the reader would take but for its year: most often a sentinel such as 31/12/9999.
      if (year !== null) return `${quoted(text)} has the year ${year}, outside ${MIN_YEAR}-${MAX_YEAR} (if it means "no date", list it in this table's nullDates)`;
      return `${quoted(text)} is not a date (expected ${reader.expected})`;
    },
    empty: null,
  };
}

const textReader: CellReader = { read: detached, explain: () => '', empty: null };
const idReader: CellReader = {
  read: (text) => (text.length <= MAX_ID_LENGTH ? text : INVALID),
  explain: (text) => `${quoted(text)} is too long for an id (at most ${MAX_ID_LENGTH} characters)`,
  empty: null,
};
const presenceReader: CellReader = { read: () => true, explain: () => '', empty: false };

/** BRIEF section 2 (v2): cells that say "none recorded"; compared trimmed and case-insensitively. */
export const NOT_RECORDED_TOKENS: readonly string[] = ['no', 'n', 'none', 'nil', 'n/a', 'na', 'not applicable', 'false', '0', '-'];
const notRecorded: ReadonlySet<string> = new Set(NOT_RECORDED_TOKENS);

/** Whether a trimmed, non-empty cell records something: "No" or "N/A" in a column excuses nothing. */
export function isRecorded(text: string): boolean {
  return !notRecorded.has(text.toLowerCase());
}

const recordedReader: CellReader = { read: isRecorded, explain: () => '', empty: false };

/** The validator of one field; date fields share the table's DateReader (and its cache). */
export function cellReader(spec: FieldSpec, dates: DateReader): CellReader {
  switch (spec.kind) {
    case 'id':
      return idReader;
    case 'text':
    case 'ignored':
      return textReader;
    case 'presence':
      return presenceReader;
    case 'recorded':
      return recordedReader;
    case 'enum':
      return enumReader(spec.values);
    case 'boolean':
      return booleanReader;
    case 'date':
      return dateReader(dates);
  }
}
