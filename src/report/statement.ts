/**
 * (v2) The review's statement (BRIEF section 6b), worded once so every human format says the same
 * thing in the same words; each format only escapes and places it. Plain text: a format escapes it
 * as it escapes any other value (the worklist's file name comes from the user).
 */
import type { WorklistSection } from './model.js';

/** `1 application`, `2 applications`: counts are exact, so the noun follows them. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** One line: screened and reviewed, what was concluded, referrals, DSI matters, what is left. */
export function statementText(w: WorklistSection): string {
  const c = w.concluded;
  const parts = [
    `${counted(w.screened, 'application')} screened, ${w.reviewed} reviewed`,
    `failures concluded: harm ${c.harm}, service ${c.service}, administrative ${c.administrative} (no failure ${c.no_failure})`,
    // Assess entries are counted apart: "referrals to the IOPC" never includes a matter that may not be referred.
    `referrals to the IOPC: ${w.referrals.made} made, ${w.referrals.due} due, ${w.referrals.overdue} overdue`,
    `DSI matters to assess: ${w.assess.assessed} assessed, ${w.assess.due} due, ${w.assess.overdue} overdue`,
    `${counted(w.awaiting, 'suggested failure')} awaiting a conclusion`,
    counted(w.disagreements, 'disagreement'),
    `${counted(w.missingFromExport, 'worklist row')} no longer in the export`,
  ];
  return `Review: ${parts.join('; ')}`;
}

/** The input worklist's row accounting (only with --review), as the inputs table words it. */
export function worklistRowsText(rows: NonNullable<WorklistSection['rows']>): string {
  return `Worklist ${rows.file}: ${counted(rows.read, 'row')} read, ${rows.accepted} accepted, ${rows.rejected} rejected`;
}

/** How every format marks a finding the review dismissed. */
export const DISMISSED_MARK = 'dismissed: concluded no_failure';
