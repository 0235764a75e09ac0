/**
 * (v2) `worklist.csv` (BRIEF section 6b): the tool's columns refreshed, the team's carried over
 * verbatim. A team row (accepted or rejected) goes into its application's or staff member's slot;
 * a row whose id has left the export, a repeat, or a row naming no application or staff, is kept
 * at the end in its input order with only its kind and id among the tool's cells. Excel-friendly:
 * UTF-8 with BOM, CRLF, every cell under the reversible formula guard.
 */
import type { RenderedFile } from '../report/format-types.js';
import { type CarriedRow, carriedKey, type ReviewInput, WORKLIST_TEAM_COLUMNS, WORKLIST_TOOL_COLUMNS, worklistKey, type WorklistRows, type WorklistToolRow } from '../model/worklist.js';
import { csvPieces, csvText } from '../shared/csv-cell.js';

export const WORKLIST_FILE = 'worklist.csv';

function teamCells(row: CarriedRow | undefined, columns: readonly string[]): string[] {
  if (row === undefined) return columns.map(() => '');
  return [...columns.map((c) => row.cells.get(c) ?? ''), ...row.overflow];
}

/**
 * The worklist file for these tool rows (an array, or the decisions' rows made as they are read)
 * and the team's worklist read in; written in pieces, so a national export's file is never one string.
 */
export function renderWorklist(toolRows: readonly WorklistToolRow[] | WorklistRows, review: ReviewInput | undefined): RenderedFile {
  const rows = Array.isArray(toolRows) ? rowsOf(toolRows as readonly WorklistToolRow[]) : (toolRows as WorklistRows);
  const columns = [...WORKLIST_TEAM_COLUMNS, ...(review?.extraColumns ?? [])];
  const slotted = new Map<string, CarriedRow>();
  const atEnd: CarriedRow[] = [];
  for (const row of review?.rows ?? []) {
    const key = carriedKey(row);
    if (!row.repeat && key !== null && rows.has(key)) slotted.set(key, row);
    else atEnd.push(row);
  }
  const blankTool = WORKLIST_TOOL_COLUMNS.slice(2).map(() => '');
  function* records(): Generator<readonly string[]> {
    yield [...WORKLIST_TOOL_COLUMNS, ...columns];
    let order = 0;
    for (const r of rows) {
      order += 1;
      yield [
        r.kind,
        r.id,
        String(order),
        r.received,
        r.suggested,
        r.findings.join(';'),
        r.referral,
        r.safeguarding === null ? '' : String(r.safeguarding),
        r.firstSeen,
        ...teamCells(slotted.get(worklistKey(r.kind, r.id)), columns),
      ];
    }
    for (const row of atEnd) yield [row.kind, row.id, ...blankTool, ...teamCells(row, columns)];
  }
  return {
    name: WORKLIST_FILE,
    get content() {
      return csvText(records());
    },
    chunks: () => csvPieces(records()),
  };
}

function rowsOf(rows: readonly WorklistToolRow[]): WorklistRows {
  const keys = new Set(rows.map((r) => worklistKey(r.kind, r.id)));
  return { has: (key) => keys.has(key), [Symbol.iterator]: () => rows[Symbol.iterator]() };
}
