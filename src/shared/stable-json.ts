/**
 * One line of JSON with the keys of every object in sorted order, so two values with the same
 * content give the same text whatever order their keys were added in. It goes into fingerprints
 * (engine/run.ts, to tell apart findings of the same identity): its output must not change.
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
