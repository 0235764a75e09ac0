/**
 * (v2) The review worklist (BRIEF section 6b): the CSV the review team fills in, one row per
 * application (and per staff member with a finding or a referral), carried from run to run. The
 * tool writes its own columns afresh each run; the team's columns come back verbatim.
 */
import type { Conclusion, FailureType, RejectedRow } from './report.js';

export type WorklistKind = 'application' | 'staff';

/** The tool's columns, in order; refreshed on every run. */
export const WORKLIST_TOOL_COLUMNS = ['kind', 'id', 'order', 'received', 'suggested', 'findings', 'referral', 'safeguarding', 'first_seen'] as const;
/** The team's columns, in order; carried over verbatim. */
export const WORKLIST_TEAM_COLUMNS = ['reviewer', 'reviewed_at', 'conclusion', 'referred_at', 'iopc_reference', 'reason'] as const;
export type TeamColumn = (typeof WORKLIST_TEAM_COLUMNS)[number];

/** The key of a worklist row: kind and id. */
export function worklistKey(kind: WorklistKind, id: string): string {
  return `${kind}\u0000${id}`;
}

/** The key of a row as the team left it (kind and id trimmed, kind in any case), or null when it names no row. */
export function carriedKey(row: { readonly kind: string; readonly id: string }): string | null {
  const kind = row.kind.trim().toLowerCase();
  const id = row.id.trim();
  return (kind === 'application' || kind === 'staff') && id !== '' ? worklistKey(kind, id) : null;
}

/** What an accepted row of the team's worklist says, as the decisions read it. */
export interface ReviewEntry {
  readonly kind: WorklistKind;
  readonly id: string;
  readonly conclusion: Conclusion | null;
  /** London day numbers. */
  readonly reviewedAt: number | null;
  readonly referredAt: number | null;
  readonly iopcReference: string | null;
}

/** One row of the team's worklist as read: the team's cells verbatim (formula guard undone), for carrying over. */
export interface CarriedRow {
  readonly kind: string;
  readonly id: string;
  /** By column name: the team columns, then any columns the team added, in the file's order. */
  readonly cells: ReadonlyMap<string, string>;
  /** Cells beyond the header's count (a row with too many fields), kept so nothing typed is lost. */
  readonly overflow: readonly string[];
  readonly line: number;
  /** Accepted rows have an entry; a rejected row is carried but has no effect. */
  readonly entry: ReviewEntry | null;
  /** A later row for a (kind, id) already seen: carried at the end, like a row whose id left the export. */
  readonly repeat: boolean;
}

/** The team's worklist, read and validated (`audit --review FILE`). */
export interface ReviewInput {
  /** Relative path for reports. */
  readonly file: string;
  readonly sha256: string;
  /** Columns the team added beyond the tool's and the team's, in the file's order. */
  readonly extraColumns: readonly string[];
  readonly rows: readonly CarriedRow[];
  /** Accepted entries by `worklistKey`. */
  readonly entries: ReadonlyMap<string, ReviewEntry>;
  readonly rejected: readonly RejectedRow[];
}

/**
 * The next worklist's tool rows: which (kind, id) pairs have a row, and the rows in order, made as
 * they are read (a national export's million rows are never all held). Each read runs afresh.
 */
export interface WorklistRows extends Iterable<WorklistToolRow> {
  /** Whether the worklist has a row for this `worklistKey`. */
  has(key: string): boolean;
}

/** The tool's cells of one worklist row, in the worklist's order (decide/worklist.ts). */
export interface WorklistToolRow {
  readonly kind: WorklistKind;
  readonly id: string;
  /** YYYY-MM-DD, or '' for staff. */
  readonly received: string;
  /** '' for staff. */
  readonly suggested: FailureType | '';
  readonly findings: readonly string[];
  /** `basis/route` of its strongest route, or ''. */
  readonly referral: string;
  /** Safeguarding priority, or null. */
  readonly safeguarding: number | null;
  /** YYYY-MM-DD, or ''. */
  readonly firstSeen: string;
}
