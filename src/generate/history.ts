/**
 * The history table: what police held about each subject. The planted records, then (once per
 * subject, from the history stream) a few records that must not make withheld-despite-history
 * fire: domestic-abuse records held only after every decision not to disclose about the subject,
 * and records that are not domestic abuse. (v2) Last, the records held under the planted second
 * person records of subjects (persons.ts).
 */
import type { HistoryCategory } from '../model/records.js';
import { HISTORY_CATEGORIES } from '../model/records.js';
import { NONE, NOT_JUDGED } from './case.js';
import { pad, personId } from './ids.js';
import type { Layout } from './layout.js';
import { duplicateId } from './persons.js';
import type { Rng } from './prng.js';
import type { ApplicationState } from './state.js';
import type { TableWriter } from './table-writer.js';

class HistoryTable {
  private count = 0;

  constructor(
    private readonly writer: TableWriter,
    private readonly layout: Layout,
  ) {}

  write(subject: number | string, day: number, category: HistoryCategory, domesticAbuse: boolean, subjectRole: '' | 'victim' | 'witness' = ''): void {
    this.count += 1;
    const layout = this.layout;
    this.writer.line([
      `HR${pad(this.count, 8)}`,
      typeof subject === 'string' ? subject : personId(subject),
      layout.date(day),
      layout.code('category', category),
      layout.code('domestic_abuse', domesticAbuse ? 'yes' : 'no'),
      layout.code('subject_role', subjectRole),
    ]);
  }
}

/** The background records of the subject of application i (drawn as under the background cases). */
function subjectRecords(table: HistoryTable, state: ApplicationState, i: number, asOf: number, rng: Rng): void {
  const subject = state.subject[i]!;
  const received = state.receivedDay[i]!;
  const countDraw = rng.next();
  const count = countDraw < 0.45 ? 0 : countDraw < 0.75 ? 1 : countDraw < 0.9 ? 2 : 3;
  // (v2) A subject of a v2 case draws as under the background cases; a domestic-abuse record
  // that would then count against a real decision not to disclose is one they witnessed.
  const judged = state.subjectJudgedDay[subject]!;
  const domesticAbuse = (day: number, category: HistoryCategory): void =>
    table.write(subject, day, category, true, judged !== NOT_JUDGED && day <= judged ? 'witness' : '');
  for (let k = 0; k < count; k++) {
    const category = rng.pick(HISTORY_CATEGORIES);
    if (rng.chance(0.4)) {
      const lastJudged = state.backgroundJudgedDay.get(subject) ?? judged;
      if (lastJudged === NOT_JUDGED) {
        domesticAbuse(received - rng.between(0, 3650), category);
        continue;
      }
      // Held only after every decision not to disclose about this subject.
      if (lastJudged < asOf) {
        domesticAbuse(rng.chance(0.1) ? lastJudged + 1 : rng.between(lastJudged + 1, asOf), category);
        continue;
      }
    }
    table.write(subject, Math.min(asOf, received - 3650 + rng.int(4051)), category, false);
  }
}

export async function writeHistory(writer: TableWriter, layout: Layout, state: ApplicationState, asOf: number, rng: Rng): Promise<void> {
  const table = new HistoryTable(writer, layout);
  const done = new Uint8Array(state.personCapacity);
  const n = state.count;
  const planted = (i: number): HistoryCategory => HISTORY_CATEGORIES[state.historyCategory[i]!]!;
  for (let i = 0; i < n; i++) {
    if (writer.full) await writer.flush();
    if (state.historyDay[i] !== NONE && !state.historyV2[i]) table.write(state.subject[i]!, state.historyDay[i]!, planted(i), true);
    const subject = state.subject[i]!;
    if (done[subject]) continue;
    done[subject] = 1;
    subjectRecords(table, state, i, asOf, rng);
  }
  // (v2) The records planted for v2 cases (some in which the subject was the victim), last, so the
  // numbers above stay as they were.
  for (let i = 0; i < n; i++) {
    if (state.historyDay[i] !== NONE && state.historyV2[i]) table.write(state.subject[i]!, state.historyDay[i]!, planted(i), true, state.historyVictim[i] ? 'victim' : '');
    if (writer.full) await writer.flush();
  }
  // (v2) The domestic-abuse records held under the planted second person records of subjects.
  for (let i = 0; i < n; i++) {
    if (state.duplicateKind[i] !== 0) table.write(duplicateId(i), state.duplicateDay[i]!, HISTORY_CATEGORIES[state.duplicateCategory[i]!]!, true);
    if (writer.full) await writer.flush();
  }
  await writer.close();
}
