/**
 * The generate command's flags, checked and turned into options (UsageError on a bad value).
 */
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { dayNumber, formatDay } from '../time/london.js';
import { parseIsoDateValue } from '../time/parse.js';
import { SCHEME_START } from './case.js';
import type { GenerateOptions } from './generate.js';
import { LAYOUTS, type LayoutName } from './layout.js';

/** A fixed default, so a run without --as-of is reproducible: the sample's audit date. */
export const DEFAULT_GENERATE_AS_OF = '2025-01-31';
const MAX_APPLICATIONS = 20_000_000;

export interface GenerateFlags {
  out: string;
  applications?: string;
  seed?: string;
  asOf?: string;
  layout?: string;
}

export function parseGenerateFlags(flags: GenerateFlags, cwd: string): GenerateOptions {
  const applications = Number(flags.applications ?? '1000');
  if (!Number.isInteger(applications) || applications < 1 || applications > MAX_APPLICATIONS) {
    throw new UsageError(`--applications: expected a whole number from 1 to ${MAX_APPLICATIONS}, received "${flags.applications}"`);
  }
  const seed = Number(flags.seed ?? '1');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new UsageError(`--seed: expected a whole number from 0 to 4294967295, received "${flags.seed}"`);
  }
  const asOfText = flags.asOf ?? DEFAULT_GENERATE_AS_OF;
  const asOfValue = /^\d{4}-\d{2}-\d{2}$/.test(asOfText) ? parseIsoDateValue(asOfText) : null;
  if (asOfValue === null) throw new UsageError(`--as-of: expected a date YYYY-MM-DD, received "${asOfText}"`);
  const earliest = SCHEME_START + 180;
  if (asOfValue.day < earliest || asOfValue.day > dayNumber(2099, 12, 31)) {
    throw new UsageError(`--as-of: expected a date from ${formatDay(earliest)} (six months into the scheme) to 2099-12-31, received "${asOfText}"`);
  }
  const layout = flags.layout ?? 'canonical';
  if (!(LAYOUTS as readonly string[]).includes(layout)) {
    throw new UsageError(`--layout: expected one of ${LAYOUTS.join(', ')}, received "${layout}"`);
  }
  return { out: resolve(cwd, flags.out), applications, seed, asOf: asOfValue.day, layout: layout as LayoutName };
}
