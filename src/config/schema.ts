/**
 * The zod schema of `dvds-audit.config.json` (BRIEF section 3). It is the one definition: the
 * loader reads its parsed output, and the shipped JSON Schema is generated from it
 * (src/config/json-schema.ts), so the two cannot drift.
 */
import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { z } from 'zod';
import { SEVERITIES } from '../engine/types.js';
import { TABLES, type TableName } from '../model/records.js';
import { TABLE_FIELDS } from '../load/fields.js';

export const ENCODINGS = ['auto', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type EncodingSetting = (typeof ENCODINGS)[number];

/** `tab` is accepted as a readable spelling of the tab character. */
export const DELIMITERS = ['auto', ',', ';', '\t', 'tab'] as const;
export type DelimiterSetting = (typeof DELIMITERS)[number];

// Letters outside quotes in a date-fns pattern, so literal text such as 'T' is not read as a token.
function patternLetters(pattern: string): string {
  return pattern.replace(/'(?:[^']|'')*'?/g, '').replace(/[^A-Za-z]/g, '');
}

/** Why a date-fns pattern cannot be used to read dates, or null when it can. */
export function datePatternProblem(pattern: string): string | null {
  const letters = patternLetters(pattern);
  // date-fns prints a warning to the console for these before throwing, so catch them first.
  if (/[YD]/.test(letters)) return 'uses Y or D (week-year, day-of-year); use yyyy and dd';
  if (/m/.test(letters) && !/[HhKk]/.test(letters)) return 'uses m (minutes) without an hour; for the month write MM';
  if (!/y/.test(letters) || !/M|L/.test(letters) || !/d/.test(letters)) {
    if (!/[tT]/.test(letters)) return 'needs a year (yyyy), a month (MM) and a day (dd)';
  }
  try {
    format(new Date(0), pattern, { in: tz('UTC') });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return null;
}

/**
 * Bounds of every list and number in the config (issue 15 item 4: 3,001 dateFormats hung the
 * loader, as every pattern is tried on every unread date). Each is far above any real export's
 * need and is documented in the README's config table.
 */
export const MAX_DATE_FORMATS = 20;
export const MAX_NULL_DATES = 20;
export const MAX_VALUES = 1000;
export const MAX_PLUGINS = 20;
/** A header, a value, a pattern or a path in the config. */
export const MAX_TEXT = 1000;
export const DEFAULT_MAX_CELL = 1_048_576;
export const MAX_MAX_CELL = 100_000_000;

const DatePattern = z.string().max(100).superRefine((pattern, ctx) => {
  const problem = datePatternProblem(pattern);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `"${pattern}" is not a usable date-fns pattern: ${problem}` });
});

function inputSchema(table: TableName) {
  const names = TABLE_FIELDS[table].map((f) => f.name);
  const columns = z.strictObject(
    Object.fromEntries(names.map((n) => [n, z.string().min(1).max(MAX_TEXT).optional()])),
  );
  const valueMap = z
    .record(z.string().max(MAX_TEXT), z.string().max(MAX_TEXT))
    .refine((m) => Object.keys(m).length <= MAX_VALUES, `at most ${MAX_VALUES} values per column`);
  const values = z.strictObject(Object.fromEntries(names.map((n) => [n, valueMap.optional()])));
  return z
    .strictObject({
      file: z
        .string()
        .min(1)
        .max(MAX_TEXT)
        .optional()
        .describe(`CSV file (or .xlsx/.xlsm workbook) of the ${table} table, relative to the folder audited when one is given, else to the config file; default: ${table}.csv in the folder audited`),
      sheet: z.string().min(1).max(MAX_TEXT).optional().describe('(v2) for a workbook: the sheet to read, by name (default: the first)'),
      encoding: z
        .enum(ENCODINGS)
        .default('auto')
        .describe('auto: UTF-16 when the file starts with its byte order mark (Excel "Unicode Text"), else UTF-8 (with or without BOM) unless the bytes are not UTF-8, then Windows-1252'),
      delimiter: z.enum(DELIMITERS).default('auto').describe('auto: the most frequent of , ; and tab in the header line'),
      dateFormats: z
        .array(DatePattern)
        .max(MAX_DATE_FORMATS)
        .default([])
        .describe(`date-fns patterns tried in order after ISO 8601, e.g. "dd/MM/yyyy HH:mm"; at most ${MAX_DATE_FORMATS}`),
      nullDates: z
        .array(z.string().min(1).max(100))
        .max(MAX_NULL_DATES)
        .default([])
        .describe(`(v2) sentinel values that mean "no date" in this table's date columns (e.g. "31/12/9999"), read as empty; at most ${MAX_NULL_DATES}`),
      maxCellSize: z
        .number()
        .int()
        .min(1)
        .max(MAX_MAX_CELL)
        .default(DEFAULT_MAX_CELL)
        .describe('(v2) the most characters one cell may hold: a longer cell rejects its row (a quoted field run on by a missing quote, or not this table)'),
      columns: columns.default({}).describe("canonical field -> the export's header"),
      values: values.default({}).describe('canonical field -> { export value: canonical value }, matched on the trimmed cell'),
    })
    .describe(`How to read the ${table} table`);
}

const InputsSchema = z.strictObject(
  Object.fromEntries(TABLES.map((t) => [t, inputSchema(t).optional()])) as {
    [T in TableName]: z.ZodOptional<ReturnType<typeof inputSchema>>;
  },
);

const RuleSettingSchema = z.union([
  z.enum(['off', ...SEVERITIES]),
  z.strictObject({
    severity: z.enum(SEVERITIES).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
], { error: `expected "off", a severity (${SEVERITIES.join(', ')}) or { "severity": ..., "options": {...} }` });

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('path or URL of this JSON Schema, for editors'),
    inputs: InputsSchema.default({}).describe('per-table file, encoding, delimiter, date formats, column and value mapping'),
    rules: z
      .record(z.string(), RuleSettingSchema)
      .default({})
      .describe('rule id -> "off", a severity, or { severity, options }'),
    plugins: z.array(z.string().min(1).max(MAX_TEXT)).max(MAX_PLUGINS).default([]).describe('modules exporting extra rules, relative to the config file'),
    review: z
      .string()
      .min(1)
      .max(MAX_TEXT)
      .optional()
      .describe("(v2) the review team's worklist.csv from the last run, relative to the config file (as --review)"),
  })
  .describe('dvds-audit configuration');

export type ConfigFile = z.output<typeof ConfigSchema>;
export type InputConfig = z.output<ReturnType<typeof inputSchema>>;
