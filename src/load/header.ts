/**
 * Matching an export's header line to the canonical fields. A field is looked up by the header the
 * config maps it to, else by its own name; trimmed, and case-insensitively when no header matches
 * exactly. A required field, or a field the config maps explicitly, that is not found is a one-line
 * InputError naming the file, the field, the mapped header, the headers found and the closest one.
 */
import { InputError } from '../errors.js';
import type { FieldSpec } from './fields.js';

/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/** The header closest to `wanted` by edit distance; the first on a tie. */
export function closestHeader(wanted: string, headers: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const h of headers) {
    const d = editDistance(wanted, h);
    if (d < bestDistance) {
      best = h;
      bestDistance = d;
    }
  }
  return best;
}

export interface HeaderMatch {
  /** Column index per field (in spec order), -1 when the column is absent. */
  readonly indexes: readonly number[];
  /** The export's header per field (the mapped or canonical name when absent). */
  readonly headers: readonly string[];
}

function findColumn(wanted: string, headers: readonly string[]): number {
  const exact = headers.indexOf(wanted);
  if (exact !== -1) return exact;
  const lower = wanted.toLowerCase();
  return headers.findIndex((h) => h.toLowerCase() === lower);
}

const quote = (s: string): string => JSON.stringify(s);

export function matchHeader(
  file: string,
  fields: readonly FieldSpec[],
  rawHeaders: readonly string[],
  columns: Readonly<Record<string, string | undefined>>,
): HeaderMatch {
  const headers = rawHeaders.map((h) => h.trim());
  const indexes: number[] = [];
  const names: string[] = [];
  const missing: { field: string; mapped: string | undefined; wanted: string }[] = [];
  for (const field of fields) {
    const mapped = columns[field.name];
    const wanted = (mapped ?? field.name).trim();
    const index = findColumn(wanted, headers);
    indexes.push(index);
    names.push(index === -1 ? wanted : headers[index]!);
    if (index === -1 && (field.required || mapped !== undefined)) missing.push({ field: field.name, mapped, wanted });
  }

  if (missing.length > 0) {
    const used = new Set(indexes.filter((i) => i !== -1));
    const unused = headers.filter((_, i) => !used.has(i));
    const parts = missing.map(({ field, mapped, wanted }) => {
      const closest = closestHeader(wanted, unused.length > 0 ? unused : headers);
      const what = mapped === undefined ? `column ${quote(field)}` : `column ${quote(mapped)} (mapped to ${field} in the config)`;
      const required = fields.find((f) => f.name === field)?.required ? 'required ' : '';
      return `missing ${required}${what}${closest === null ? '' : `, closest header: ${quote(closest)}`}`;
    });
    const found = headers.length === 0 ? 'none' : headers.map(quote).join(', ');
    throw new InputError(`${file}: ${parts.join('; ')}; headers found: ${found}`);
  }

  // Two fields read from one column would make a mapping mistake invisible.
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i]!;
    if (index === -1) continue;
    const other = indexes.indexOf(index);
    if (other !== i) {
      throw new InputError(
        `${file}: column ${quote(headers[index]!)} is read for both ${fields[other]!.name} and ${fields[i]!.name}; map each field to its own column`,
      );
    }
  }
  return { indexes, headers: names };
}
