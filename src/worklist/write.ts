/**
 * (v2) `worklist.csv` (BRIEF section 6b): the tool's columns refreshed, the team's carried over
 * verbatim. A team row (accepted or rejected) goes into its application's or staff member's slot;
 * a row whose id has left the export, a repeat, or a row naming no application or staff, is kept
 * at the end in its input order with only its kind and id among the tool's cells. Excel-friendly:
 * UTF-8 with BOM, CRLF, every cell under the reversible formula guard.
 */
import type { RenderedFile } from '../report/format-types.js';
import { type CarriedRow, carriedKey, type ReviewInput, WORKLIST_TEAM_COLUMNS, WORKLIST_TOOL_COLUMNS, worklistKey, type WorklistToolRow } from '../model/worklist.js';
import { csvText } from '../shared/csv-cell.js';

export const WORKLIST_FILE = 'worklist.csv';

function teamCells(row: CarriedRow | undefined, columns: readonly string[]): string[] {
  if (row === undefined) return columns.map(() => '');
  return [...columns.map((c) => row.cells.get(c) ?? ''), ...row.overflow];
}

export function renderWorklist(toolRows: readonly WorklistToolRow[], review: ReviewInput | undefined): RenderedFile {
  const columns = [...WORKLIST_TEAM_COLUMNS, ...(review?.extraColumns ?? [])];
  const slotted = new Map<string, CarriedRow>();
  const slots = new Set(toolRows.map((r) => worklistKey(r.kind, r.id)));
  const atEnd: CarriedRow[] = [];
  for (const row of review?.rows ?? []) {
    const key = carriedKey(row);
    if (!row.repeat && key !== null && slots.has(key)) slotted.set(key, row);
    else atEnd.push(row);
  }
  const records: string[][] = [[...WORKLIST_TOOL_COLUMNS, ...columns]];
  toolRows.forEach((r, i) => {
    records.push([
      r.kind,
      r.id,
      String(i + 1),
      r.received,
      r.suggested,
      r.findings.join(';'),
      r.referral,
      r.safeguarding === null ? '' : String(r.safeguarding),
      r.firstSeen,
      ...teamCells(slotted.get(worklistKey(r.kind, r.id)), columns),
    ]);
  });
  const blankTool = WORKLIST_TOOL_COLUMNS.slice(2).map(() => '');
  for (const row of atEnd) records.push([row.kind, row.id, ...blankTool, ...teamCells(row, columns)]);
  return { name: WORKLIST_FILE, content: csvText(records) };
}
