/**
 * The people of an export, numbered as they are first needed. A few applications are about
 * people met before (the same pair again, or the same subject with another person at risk),
 * drawn from a window of recent background applications.
 */
import { type Case, NONE } from './case.js';
import type { Plan } from './plans.js';
import type { Rng } from './prng.js';
import type { ApplicationState } from './state.js';

const REUSE_WINDOW = 500;
/** Below this draw an application takes an earlier pair; below the next, an earlier subject. */
const SAME_PAIR = 0.02;
const SAME_SUBJECT = 0.07;
const KEEP_PEOPLE: ReadonlySet<Plan> = new Set<Plan>(['v2:possible-duplicate-subject', 'v2:withdrawn-with-history', 'v2:source-case']);

export interface ApplicationPeople {
  readonly personAtRisk: number;
  readonly subject: number;
  /** NONE for Right to Know (no applicant). */
  readonly applicant: number;
}

export class People {
  private next = 1;
  private readonly reusable: number[] = [];

  constructor(private readonly state: ApplicationState) {}

  /** A person never seen before. */
  newPerson(): number {
    return this.next++;
  }

  /** Whether this draw would take an earlier application's people (when the case allows it). */
  wouldReuse(reuseDraw: number): boolean {
    return this.reusable.length > 0 && reuseDraw < SAME_SUBJECT;
  }

  /**
   * The person at risk and subject of application i (kept in the state), and its applicant.
   * `ownPeople`: the case's findings hang on its pair or subject, so it gets people of its own.
   */
  pick(i: number, app: Case, ownPeople: boolean, reuseDraw: number, rng: Rng): ApplicationPeople {
    const state = this.state;
    const reusable = this.reusable;
    let personAtRisk: number;
    let subject: number;
    if (!ownPeople && reusable.length > 0 && reuseDraw < SAME_PAIR) {
      const earlier = reusable[rng.int(reusable.length)]!;
      personAtRisk = state.personAtRisk[earlier]!;
      subject = state.subject[earlier]!;
      state.linkPair(earlier, i);
    } else if (!ownPeople && reusable.length > 0 && reuseDraw < SAME_SUBJECT) {
      personAtRisk = this.next++;
      subject = state.subject[reusable[rng.int(reusable.length)]!]!;
    } else {
      personAtRisk = this.next++;
      subject = this.next++;
    }
    state.personAtRisk[i] = personAtRisk;
    state.subject[i] = subject;
    let applicant = NONE;
    if (app.route === 'right_to_ask') applicant = rng.chance(0.6) ? personAtRisk : this.next++;
    return { personAtRisk, subject, applicant };
  }

  /**
   * Offers application i's people to later applications: a background case's, or a v2 case's
   * (reused as the background case's would have been: every finding that hangs on them is
   * worked out over the pair's chain).
   */
  offer(i: number, app: Case, v2Slot: boolean): void {
    if (app.plan !== null && !v2Slot) return;
    // (v2) Findings that hang on the subject's history (their own, or a duplicate record's) would
    // follow the subject to a later application, and a later Right to Know on the pair would
    // answer a withdrawal: these keep their people to themselves. Leaving them out changes which
    // earlier application a later one takes its people from, not how many draws it makes.
    if (app.plan !== null && KEEP_PEOPLE.has(app.plan)) return;
    if (this.reusable.length < REUSE_WINDOW) this.reusable.push(i);
    else this.reusable[i % REUSE_WINDOW] = i;
  }
}
