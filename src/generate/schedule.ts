/**
 * When each plan is planted: each plan accumulates its rate per application and is due once it
 * passes its phase (a random start in [0, 1)), so plants are spread evenly through the ids.
 */
import { OUTLIER_FAILURE_SHARE, PLAN_RATES, PLANS, V2_PLAN_RATES, V2_PLANS } from './plans.js';
import type { Rng } from './prng.js';

export class PlanSchedule<P extends string> {
  private readonly accumulated: Float64Array;
  private readonly phase: Float64Array;

  /** Draws the phases: the first draws of `rng`, one per plan. */
  constructor(
    readonly plans: readonly P[],
    private readonly rates: readonly number[],
    rng: Rng,
  ) {
    this.accumulated = new Float64Array(plans.length);
    this.phase = Float64Array.from(plans, () => rng.next());
  }

  /**
   * One application on. A plan that cannot be placed yet (no referral made yet, a date not
   * reached) carries at most one plant forward, so it does not burst once it can be placed.
   */
  advance(): void {
    const { accumulated, phase, rates } = this;
    for (let k = 0; k < accumulated.length; k++) accumulated[k] = Math.min(accumulated[k]! + rates[k]!, phase[k]! + 1);
  }

  /** The indices of the plans due, the most overdue first. */
  due(): number[] {
    const { accumulated, phase } = this;
    const due: number[] = [];
    for (let k = 0; k < accumulated.length; k++) if (accumulated[k]! >= phase[k]!) due.push(k);
    due.sort((x, y) => accumulated[y]! - phase[y]! - (accumulated[x]! - phase[x]!) || x - y);
    return due;
  }

  /** Plan k was planted on this application. */
  planted(k: number): void {
    this.accumulated[k]! -= 1;
  }
}

/** The plans' rates for an export of this size (a rare plan at least its minimum count). */
export function planRates(applications: number, handlerCount: number): number[] {
  return PLANS.map((plan) => {
    if (plan === 'outlier-failure') return Math.min(0.5, OUTLIER_FAILURE_SHARE / (1 - OUTLIER_FAILURE_SHARE) / handlerCount);
    const rate = PLAN_RATES[plan];
    return Math.max(rate.rate, rate.min / applications);
  });
}

export function v2PlanRates(applications: number): number[] {
  return V2_PLANS.map((plan) => Math.max(V2_PLAN_RATES[plan].rate, V2_PLAN_RATES[plan].min / applications));
}
