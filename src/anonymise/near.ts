/**
 * Which applications' findings may change when every date moves by whole weeks: those whose
 * readings hang on the calendar rather than on intervals. A bank holiday inside the
 * face-to-face window (10 England and Wales working days) in either position; a receipt that
 * crosses a time-limit switch (2023-04-05 by default); initial checks in hours across a clock change.
 */
import type { Application } from '../model/records.js';
import { DEFAULT_SCHEDULE, type LimitSchedule } from '../time/limits.js';
import { dayNumber } from '../time/london.js';
import { addWorkingDays, isBankHoliday } from '../time/working-days.js';
import { clockChangeBetween } from '../generate/calendar.js';

export interface NearFlags {
  readonly bankHoliday: boolean;
  readonly limitSwitch: boolean;
  readonly clockChange: boolean;
}

function holidayInWindow(received: number): boolean {
  const end = addWorkingDays(received, 10);
  for (let d = received; d <= end; d++) if (isBankHoliday(d)) return true;
  return false;
}

function switchDays(schedule: LimitSchedule): number[] {
  return schedule.slice(1).map((e) => {
    const [y, m, d] = e.from.split('-').map(Number) as [number, number, number];
    return dayNumber(y, m, d);
  });
}

/** Flags for an application whose dates move `days` earlier. */
export function nearFlags(app: Application, days: number, schedule: LimitSchedule = DEFAULT_SCHEDULE): NearFlags {
  const r = app.received_at.day;
  const bankHoliday =
    app.route === 'right_to_ask' && app.face_to_face_at !== null && (holidayInWindow(r) || holidayInWindow(r - days));
  const limitSwitch = switchDays(schedule).some((s) => r >= s && r - days < s);
  const checks = app.initial_checks_at;
  const clockChange =
    checks !== null &&
    checks.instant !== null &&
    app.received_at.instant !== null &&
    (clockChangeBetween(Math.min(r, checks.day), Math.max(r, checks.day)) ||
      clockChangeBetween(Math.min(r, checks.day) - days, Math.max(r, checks.day) - days));
  return { bankHoliday, limitSwitch, clockChange };
}
