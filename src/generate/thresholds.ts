/**
 * The thresholds the generator plants on either side of, read from the built-in rules' option
 * defaults (what an audit without a config applies), so the planted cases follow a changed
 * default instead of a copy of it here.
 */
import deadlineMissed from '../../rules/deadline-missed.js';
import faceToFaceLate from '../../rules/face-to-face-late.js';
import handlerOutlier from '../../rules/handler-outlier.js';
import harmAfterRequest from '../../rules/harm-after-request.js';
import initialChecksLate from '../../rules/initial-checks-late.js';
import { type LimitSchedule, limitFor } from '../time/limits.js';
import { parseIsoDateValue } from '../time/parse.js';

const schedule: LimitSchedule = deadlineMissed.options.parse({}).schedule;
const lastChange = schedule[schedule.length - 1]!;
const lastChangeDay = parseIsoDateValue(lastChange.from)?.day;
if (schedule.length < 2 || lastChangeDay === undefined) {
  // Checked at load: the switch plans need a limit that changes.
  throw new Error('generate: the default time-limit schedule has no change of limit to plant around');
}
const outlier = handlerOutlier.options.parse({});
const checksHours = initialChecksLate.options.parse({}).hours;

export const THRESHOLDS = {
  /** deadline-missed (and no-outcome, disclosure-not-made): the overall limit by received date. */
  schedule,
  /** The day the limit last changed (the 28-day switch of 5 April 2023). */
  switchDay: lastChangeDay,
  /** The limits before and from that day. */
  limitBeforeSwitch: limitFor(lastChangeDay - 1, schedule).days,
  limitFromSwitch: lastChange.days,
  /** initial-checks-late: real hours allowed from receipt … */
  initialChecksHours: checksHours,
  /** … read as whole calendar days when a date has no time (as the rule reads them). */
  initialChecksDays: Math.ceil(checksHours / 24),
  /** face-to-face-late: working days allowed from receipt to the meeting. */
  faceToFaceWorkingDays: faceToFaceLate.options.parse({}).workingDays,
  /** harm-after-request: incidents up to this many days after receipt count. */
  harmWindowDays: harmAfterRequest.options.parse({}).windowDays,
  /** handler-outlier: handlers with fewer cases are not tested … */
  outlierMinCases: outlier.minCases,
  /** … and a tail probability below this is an outlier. */
  outlierAlpha: outlier.alpha,
} as const;

/** The overall limit in days for an application received on this day. */
export function limitDaysFor(receivedDay: number): number {
  return limitFor(receivedDay, schedule).days;
}
