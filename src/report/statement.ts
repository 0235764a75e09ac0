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

/**
 * The statement's parts, in order: screened and reviewed, what was concluded, referrals, DSI
 * matters, what is left; rows of the input worklist no longer in the export only with --review.
 */
export function statementParts(w: WorklistSection): string[] {
  const c = w.concluded;
  return [
    `${counted(w.screened, 'application')} screened, ${w.reviewed} reviewed`,
    `failures concluded: harm ${c.harm}, service ${c.service}, administrative ${c.administrative} (no failure ${c.no_failure})`,
    // Assess entries are counted apart: "referrals to the IOPC" never includes a matter that may not be referred.
    `referrals to the IOPC: ${w.referrals.made} made, ${w.referrals.due} due, ${w.referrals.overdue} overdue`,
    `DSI matters to assess: ${w.assess.assessed} assessed, ${w.assess.due} due, ${w.assess.overdue} overdue`,
    `${counted(w.awaiting, 'suggested failure')} awaiting a conclusion`,
    counted(w.disagreements, 'disagreement'),
    ...(w.rows === undefined ? [] : [`${counted(w.missingFromExport, 'worklist row')} no longer in the export`]),
  ];
}

/**
 * "Review progress", not "Review": the summary also has the review list ("Review N"), which is
 * the findings left to look at, not the team's progress.
 */
export const STATEMENT_LABEL = 'Review progress';

/** One line: the parts, after the label. */
export function statementText(w: WorklistSection): string {
  return `${STATEMENT_LABEL}: ${statementParts(w).join('; ')}`;
}

/** The input worklist's row accounting (only with --review), as the inputs table words it. */
export function worklistRowsText(rows: NonNullable<WorklistSection['rows']>): string {
  return `Worklist ${rows.file}: ${counted(rows.read, 'row')} read, ${rows.accepted} accepted, ${rows.rejected} rejected`;
}

/** How every format marks a finding the review dismissed. */
export const DISMISSED_MARK = 'dismissed: concluded no_failure';
