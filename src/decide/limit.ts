/**
 * The overall time limit the decisions judge "a service failure already existed" against: the
 * effective options of `deadline-missed` (its schedule and grace days), so the decision agrees
 * with the rule a force configured; the default schedule when that rule is off.
 */
import type { Application } from '../model/records.js';
import { type AppliedLimit, DeadlineMissedOptions, describeLimit, limitFor } from '../time/limits.js';

export interface DeadlineSettings extends Readonly<DeadlineMissedOptions> {
  /** Whether the settings came from the rule's options or are the defaults (rule off). */
  readonly source: 'deadline-missed' | 'default';
}

export function deadlineSettings(ruleOptions: Readonly<Record<string, unknown>>): DeadlineSettings {
  const raw = ruleOptions['deadline-missed'];
  // The rule's own schema: its defaults when it is off, and its options as the engine parsed them.
  if (raw === undefined) return { ...DeadlineMissedOptions.parse({}), source: 'default' };
  const parsed = DeadlineMissedOptions.safeParse(raw);
  if (!parsed.success) {
    // The engine hands over the rule's own parsed options; anything else is a programming error.
    throw new Error(`deadline-missed options do not hold a schedule: ${parsed.error.message}`);
  }
  return { ...parsed.data, source: 'deadline-missed' };
}

export interface EffectiveLimit {
  readonly applied: AppliedLimit;
  readonly graceDays: number;
  /** Days allowed: the limit plus any grace days. */
  readonly days: number;
  /** Last London day on which an outcome was in time. */
  readonly lastDay: number;
  readonly description: string;
}

export function effectiveLimit(app: Application, settings: DeadlineSettings): EffectiveLimit {
  const applied = limitFor(app.received_at, settings.schedule);
  const days = applied.days + settings.graceDays;
  const grace = settings.graceDays > 0 ? ` + ${settings.graceDays} grace days` : '';
  return {
    applied,
    graceDays: settings.graceDays,
    days,
    lastDay: app.received_at.day + days,
    description: `${describeLimit(applied)}${grace}`,
  };
}
