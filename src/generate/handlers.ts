/**
 * Who handles each application: handlers in turn (one rotation for clean cases, one without the
 * outlier for failing ones), each skipping anyone with a conduct referral before the case's end
 * date; the outlier, a referred handler or an unknown id where the plan says; and, per handler,
 * the cases held, the failures and the last end date (what handler-outlier and the referrals need).
 */
import { type Case, endDay, NONE } from './case.js';
import type { Rng } from './prng.js';
import type { HandlingRecord, Staff } from './staff.js';

/** Handlers taken in turn, skipping anyone with a conduct referral dated before the case's end date. */
class Rotation {
  private at = 0;
  constructor(
    private readonly ids: readonly string[],
    private readonly referredDays: readonly ReadonlyMap<string, number>[],
  ) {}

  next(end: number): string | null {
    for (let tries = 0; tries < this.ids.length; tries++) {
      const id = this.ids[this.at % this.ids.length]!;
      this.at += 1;
      if (this.referredDays.every((m) => !(m.get(id)! < end))) return id;
    }
    return null;
  }
}

export interface HandlerStats {
  cases: number;
  failures: number;
  /** The latest end date of the handler's cases. */
  last: number;
}

/** An application's slot as placed: what `assign` needs to choose its handler. */
export interface Slot {
  readonly app: Case;
  readonly failing: boolean;
  /** A v2 plan took a background slot. */
  readonly v2Slot: boolean;
  /** The handler `referredDuring` chose for a v2 case (else ''). */
  readonly presetHandler: string;
  /** The end date of the case the main stream built for the slot. */
  readonly mainEnd: number;
}

export class Handlers implements HandlingRecord {
  /** (v2) Referrals planted while a handler held a case: handler -> day (at most one each). */
  readonly plantedReferral = new Map<string, number>();
  readonly stats = new Map<string, HandlerStats>();
  casesWithHandler = 0;
  /** The day of the first conduct referral on the register. */
  readonly firstReferral: number;
  private readonly lastReferral: number;
  private readonly referred: readonly string[];
  private readonly byReferralDay: readonly [string, number][];
  private readonly unreferred: readonly string[];
  private readonly cleanRotation: Rotation;
  private readonly failureRotation: Rotation;
  private unknownAt = 0;
  private referredAt = 0;
  private referredDuringAt = 0;

  constructor(
    private readonly staff: Staff,
    private readonly asOf: number,
  ) {
    const { handlers, outlier, referredDay } = staff;
    this.referred = [...referredDay.keys()];
    this.firstReferral = Math.min(...referredDay.values());
    this.lastReferral = Math.max(...referredDay.values());
    this.byReferralDay = [...referredDay].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1));
    this.unreferred = handlers.filter((h) => h !== outlier && !referredDay.has(h));
    this.cleanRotation = new Rotation(handlers, [referredDay, this.plantedReferral]);
    this.failureRotation = new Rotation(
      handlers.filter((h) => h !== outlier),
      [referredDay, this.plantedReferral],
    );
  }

  lastEndDay(handler: string): number {
    return this.stats.get(handler)?.last ?? NONE;
  }

  /**
   * (v2) A handler for a case whose conduct referral comes while they hold it, dated after receipt
   * and before the end date. Best a referred handler whose referral falls there (the rotations
   * already know it, so the handlers of later cases stay as they were); once no referral is
   * left to come, a new referral, dated on or after the end of every case the handler held so far
   * (so none of those fires), which the rotations skip afterwards for cases ending after it.
   * '' when no handler fits (yet). Draws from the v2 stream.
   */
  referredDuring(app: Case, v2Rng: Rng): string {
    const end = endDay(app, this.asOf);
    const received = app.receivedDay;
    if (end - received < 2) return '';
    // The first referral dated after receipt (binary search over the referrals by date).
    const byDay = this.byReferralDay;
    let lo = 0;
    let hi = byDay.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byDay[mid]![1] > received) hi = mid;
      else lo = mid + 1;
    }
    const next = byDay[lo];
    if (next !== undefined && next[1] < end) return next[0];
    if (received <= this.lastReferral) return '';
    // Late in the handling, so a handler free of later-ending cases is easier to find; a few
    // handlers in turn per try (the plan stays due and tries again on the next case).
    const day = v2Rng.between(Math.max(received + 1, end - 3), end - 1);
    const unreferred = this.unreferred;
    for (let tries = 0; tries < Math.min(8, unreferred.length); tries++) {
      const handler = unreferred[this.referredDuringAt++ % unreferred.length]!;
      if (!this.plantedReferral.has(handler) && this.lastEndDay(handler) <= day) {
        this.plantedReferral.set(handler, day);
        return handler;
      }
    }
    return '';
  }

  /** The handler of the case in this slot ('' for none). Draws from the main stream. */
  assign(slot: Slot, rng: Rng): string {
    const { app, failing, v2Slot } = slot;
    const { outlier, referredDay, unknownHandlers } = this.staff;
    const asOf = this.asOf;
    let handler = '';
    if (app.handlerKind === 'referred-during') handler = slot.presetHandler;
    else if (app.handlerKind === 'outlier') handler = outlier;
    else if (app.handlerKind === 'unknown') handler = unknownHandlers[this.unknownAt++ % unknownHandlers.length]!;
    else if (app.handlerKind === 'prior-referral') {
      const referred = this.referred;
      for (let tries = 0; tries < referred.length; tries++) {
        const candidate = referred[this.referredAt++ % referred.length]!;
        if (referredDay.get(candidate)! < app.receivedDay) {
          handler = candidate;
          break;
        }
      }
    } else if (v2Slot) {
      // Draw and turn the clean rotation as the background case would have, and give the v2 case
      // that handler when it may hold it (so the handlers of later cases stay as they were).
      const end = endDay(app, asOf);
      const none = rng.chance(0.01);
      const candidate = none ? null : this.cleanRotation.next(slot.mainEnd);
      if (candidate !== null && !(failing && candidate === outlier) && !this.referredBefore(candidate, end)) handler = candidate;
      else handler = (failing ? this.failureRotation : this.cleanRotation).next(end) ?? '';
    } else if (failing) handler = this.failureRotation.next(endDay(app, asOf)) ?? '';
    else if (app.plan !== null || !rng.chance(0.01)) handler = this.cleanRotation.next(endDay(app, asOf)) ?? '';
    // A v2 case of another kind still draws and turns the clean rotation as the background would have.
    if (v2Slot && app.handlerKind !== 'rotation' && !rng.chance(0.01)) this.cleanRotation.next(slot.mainEnd);
    return handler;
  }

  /** Counts the case for its handler. */
  record(handler: string, app: Case, failing: boolean): void {
    if (handler === '') return;
    this.casesWithHandler += 1;
    const stats = this.stats.get(handler) ?? { cases: 0, failures: 0, last: NONE };
    stats.cases += 1;
    if (failing) stats.failures += 1;
    // A referral on or after this day cannot fire (handler-prior-referral reads the end date).
    stats.last = Math.max(stats.last, endDay(app, this.asOf));
    this.stats.set(handler, stats);
  }

  private referredBefore(handler: string, end: number): boolean {
    return this.staff.referredDay.get(handler)! < end || this.plantedReferral.get(handler)! < end;
  }
}
