/**
 * The canonical JSON of a Report: keys in a fixed order per shape (the order of
 * src/report/model.ts; evidence and per-rule counts alphabetical; severities critical first),
 * 2-space indent, a trailing newline. Whatever order an object was built or read in, the same
 * Report gives the same bytes.
 */
import { SEVERITIES } from '../engine/types.js';
import type { Formatter } from './format-types.js';
import type { Report } from './model.js';

/** The key order of one shape; `children` gives the shape of a key's value (or of each element of an array). */
export interface Shape {
  readonly keys?: readonly string[];
  readonly children?: Readonly<Record<string, Shape>>;
}

const ALPHABETICAL: Shape = {};

export const FINDING_SHAPE: Shape = {
  keys: ['fingerprint', 'ruleId', 'severity', 'category', 'applicationId', 'staffId', 'status', 'message', 'evidence'],
  children: { evidence: ALPHABETICAL },
};

const LIMITS = ['lower998', 'lower95', 'upper95', 'upper998'];

export const REPORT_SHAPE: Shape = {
  keys: [
    'schemaVersion',
    'tool',
    'asOf',
    'config',
    'inputs',
    'rules',
    'findings',
    'referrals',
    'safeguarding',
    'review',
    'rejectedRows',
    'summary',
    'statistics',
    'baseline',
  ],
  children: {
    tool: { keys: ['name', 'version'] },
    config: { keys: ['sha256'] },
    inputs: { keys: ['table', 'file', 'sha256', 'rowsRead', 'rowsAccepted', 'rowsRejected'] },
    rules: { keys: ['id', 'title', 'category', 'severity', 'enabled', 'skippedReason'] },
    findings: FINDING_SHAPE,
    referrals: {
      keys: ['kind', 'id', 'basis', 'grounds', 'applicationIds', 'staffId', 'referBy', 'reasons', 'findings', 'evidence'],
      children: { evidence: ALPHABETICAL },
    },
    safeguarding: {
      keys: ['priority', 'applicationId', 'personAtRiskId', 'reasons', 'harmRecorded', 'immediateRisk', 'receivedAt', 'action'],
    },
    rejectedRows: { keys: ['table', 'file', 'line', 'column', 'reason'] },
    summary: {
      keys: ['applications', 'findings', 'bySeverity', 'byRule', 'serviceFailures', 'referrals', 'safeguarding', 'review', 'dataQuality', 'baseline'],
      children: {
        bySeverity: { keys: SEVERITIES },
        byRule: ALPHABETICAL,
        referrals: { keys: ['applications', 'staff', 'mandatory', 'voluntary'] },
        dataQuality: { keys: ['rejectedRows', 'findings'] },
        baseline: { keys: ['new', 'unchanged', 'resolved'] },
      },
    },
    statistics: {
      keys: ['outcomeDaysByYear', 'failuresByMonth', 'handlerFunnel'],
      children: {
        outcomeDaysByYear: { keys: ['year', 'limitDays', 'cases', 'overLimit', 'medianDays', 'p90Days', 'maxDays'] },
        failuresByMonth: { keys: ['month', 'applications', 'failures'] },
        handlerFunnel: {
          keys: ['p0', 'handlers', 'curve'],
          children: {
            handlers: { keys: ['staffId', 'cases', 'failures', 'rate', ...LIMITS] },
            curve: { keys: ['n', ...LIMITS] },
          },
        },
      },
    },
    baseline: { keys: ['sha256', 'resolved'], children: { resolved: FINDING_SHAPE } },
  },
};

/** A copy of the value with its object keys in the shape's order; unknown keys follow, alphabetically. */
export function ordered(value: unknown, shape: Shape = ALPHABETICAL): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, shape));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const known = shape.keys ?? [];
  const knownSet = new Set(known);
  const rest = Object.keys(source)
    .filter((k) => !knownSet.has(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...rest]) {
    if (!Object.hasOwn(source, key) || source[key] === undefined) continue;
    out[key] = ordered(source[key], shape.children?.[key] ?? ALPHABETICAL);
  }
  return out;
}

/** Canonical JSON text of a value in a shape: stable key order, 2-space indent, trailing newline. */
export function stableJson(value: unknown, shape: Shape = ALPHABETICAL): string {
  return `${JSON.stringify(ordered(value, shape), null, 2)}\n`;
}

export function reportJson(report: Report): string {
  return stableJson(report, REPORT_SHAPE);
}

// Pieces are gathered up to about this many characters before they are handed on.
const CHUNK_CHARS = 1 << 20;

/**
 * The text of `reportJson`, byte for byte, in pieces: a national export's report (1M applications:
 * ~750 MB) is longer than the longest string V8 can hold (~512 MB), so it is written as it is made.
 * The top-level arrays go element by element; everything else as `stableJson` writes it.
 */
export function* reportJsonChunks(report: Report): Generator<string> {
  const source = report as unknown as Record<string, unknown>;
  const known = REPORT_SHAPE.keys ?? [];
  const knownSet = new Set(known);
  const keys = [...known, ...Object.keys(source).filter((k) => !knownSet.has(k)).sort()].filter(
    (k) => Object.hasOwn(source, k) && source[k] !== undefined,
  );
  // Pieces are joined once per chunk: `+=` on a growing string builds a deep rope that writing
  // then has to flatten (measured at 1M: ~10 s of stdout writes, against ~1 s).
  let parts: string[] = ['{'];
  let size = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const value = source[key];
    const shape = REPORT_SHAPE.children?.[key] ?? ALPHABETICAL;
    parts.push(`\n  ${JSON.stringify(key)}: `);
    if (Array.isArray(value) && value.length > 0) {
      parts.push('[');
      for (let i = 0; i < value.length; i++) {
        // JSON text holds no raw line break inside a string, so every line break is indentation.
        const item = JSON.stringify(ordered(value[i], shape), null, 2).replace(/\n/g, '\n    ');
        parts.push(i === 0 ? '\n    ' : ',\n    ', item);
        size += item.length + 6;
        if (size >= CHUNK_CHARS) {
          yield parts.join('');
          parts = [];
          size = 0;
        }
      }
      parts.push('\n  ]');
    } else {
      const text = JSON.stringify(ordered(value, shape), null, 2).replace(/\n/g, '\n  ');
      parts.push(text);
      size += text.length;
    }
    if (k < keys.length - 1) parts.push(',');
  }
  parts.push(keys.length === 0 ? '}\n' : '\n}\n');
  yield parts.join('');
}

export const renderJson: Formatter = (report) => [
  {
    name: 'report.json',
    get content() {
      return reportJson(report);
    },
    chunks: () => reportJsonChunks(report),
  },
];
