/**
 * The one order for text the tool sorts (ids, rule ids, keys): by UTF-16 code unit, as
 * `Array.prototype.sort` without a comparator, so that no output depends on the machine's locale
 * as `localeCompare` would make it.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
