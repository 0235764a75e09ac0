import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { allRules } from '../../src/engine/registry.js';
import { resolveRules } from '../../src/engine/settings.js';

// Issue 15 item 4: `workingDays: 1e9`, `graceDays: 1e8` and 3,001 dateFormats hung or crashed the
// audit. Every number and list in the config has a documented maximum: at it the config is read,
// one past it is an error naming the key.
const entry = (n: number) => Array.from({ length: n }, (_, i) => ({ from: `${2000 + i}-01-01`, days: 28 }));
const strings = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i));
const valueMap = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, 'right_to_ask']));

const configBounds: { key: string; at: (n: number) => unknown; max: number; path: RegExp }[] = [
  { key: 'dateFormats', at: (n) => ({ inputs: { applications: { dateFormats: strings(n, () => 'dd/MM/yyyy') } } }), max: 20, path: /inputs\.applications\.dateFormats/ },
  { key: 'nullDates', at: (n) => ({ inputs: { incidents: { nullDates: strings(n, (i) => `31/12/${9000 + i}`) } } }), max: 20, path: /inputs\.incidents\.nullDates/ },
  { key: 'values per column', at: (n) => ({ inputs: { applications: { values: { route: valueMap(n) } } } }), max: 1000, path: /inputs\.applications\.values\.route: at most 1000 values/ },
  { key: 'plugins', at: (n) => ({ plugins: strings(n, (i) => `./p${i}.js`) }), max: 20, path: /plugins/ },
  { key: 'maxCellSize', at: (n) => ({ inputs: { history: { maxCellSize: n } } }), max: 100_000_000, path: /inputs\.history\.maxCellSize/ },
  { key: 'a header', at: (n) => ({ inputs: { applications: { columns: { route: 'x'.repeat(n) } } } }), max: 1000, path: /inputs\.applications\.columns\.route/ },
];

const ruleBounds: { key: string; rule: string; at: (n: number) => Record<string, unknown>; max: number }[] = [
  { key: 'graceDays', rule: 'deadline-missed', at: (n) => ({ graceDays: n }), max: 3650 },
  { key: 'schedule days', rule: 'deadline-missed', at: (n) => ({ schedule: [{ from: '2000-01-01', days: n }] }), max: 3650 },
  { key: 'schedule entries', rule: 'no-outcome', at: (n) => ({ schedule: entry(n) }), max: 50 },
  { key: 'schedule days', rule: 'disclosure-not-made', at: (n) => ({ schedule: [{ from: '2000-01-01', days: n }] }), max: 3650 },
  { key: 'workingDays', rule: 'face-to-face-late', at: (n) => ({ workingDays: n }), max: 2500 },
  { key: 'windowDays', rule: 'harm-after-request', at: (n) => ({ windowDays: n }), max: 3650 },
  { key: 'hours', rule: 'initial-checks-late', at: (n) => ({ hours: n }), max: 8760 },
  { key: 'minCases', rule: 'handler-outlier', at: (n) => ({ minCases: n }), max: 1_000_000 },
  // As many entries as there are systems (a repeat is harmless but counts).
  { key: 'systems', rule: 'checks-missing', at: (n) => ({ systems: ['pnc', 'pnd', 'visor', 'local', 'partner', 'other', 'pnc'].slice(0, n) }), max: 6 },
];

describe('config bounds (issue 15 item 4)', () => {
  it.each(configBounds)('$key: $max is read, one more is an error naming the key', ({ at, max, path }) => {
    expect(() => parseConfig(at(max), 'c.json')).not.toThrow();
    expect(() => parseConfig(at(max + 1), 'c.json')).toThrow(path);
  });

  it.each(ruleBounds)('$rule options $key: $max is read, one more is an error naming the option', ({ rule, at, max }) => {
    expect(() => resolveRules(allRules(), { [rule]: { options: at(max) } })).not.toThrow();
    expect(() => resolveRules(allRules(), { [rule]: { options: at(max + 1) } })).toThrow(new RegExp(`rules\\.${rule}\\.options`));
  });

  it.each([
    ['graceDays', 1e8],
    ['graceDays', JSON.parse('1e999') as number], // what JSON.parse makes of 1e999: Infinity
  ])('the values that crashed or hung are errors: %s %d', (key, value) => {
    expect(() => resolveRules(allRules(), { 'deadline-missed': { options: { [key]: value } } })).toThrow(/rules\.deadline-missed\.options\.graceDays/);
  });

  it('3,001 dateFormats and workingDays 1e9 are errors', () => {
    expect(() => parseConfig({ inputs: { applications: { dateFormats: strings(3001, () => 'dd/MM/yyyy') } } }, 'c.json')).toThrow(/at most 20|<=20|20/);
    expect(() => resolveRules(allRules(), { 'face-to-face-late': { options: { workingDays: 1e9 } } })).toThrow(/workingDays/);
  });
});
