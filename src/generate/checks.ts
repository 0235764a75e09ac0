/**
 * (v2) The checks table. Each application has a check about its subject on PNC, PND and the local
 * system, on the subject's identity (persons.ts), made on its received date (or its decision or
 * closure date, if earlier), so checks-missing and check-wrong-identity give nothing on a clean
 * case; the plans change them (`Case.checkPlant`).
 */
import { CHECK_PLANT_KINDS, NONE } from './case.js';
import { pad } from './ids.js';
import type { Layout } from './layout.js';
import { accented, personDetails } from './persons.js';
import type { ApplicationState } from './state.js';
import type { TableWriter } from './table-writer.js';

/** The required systems, in the order their checks are written. */
export const CHECK_SYSTEMS_WRITTEN = ['pnc', 'pnd', 'local'] as const;

/** The checks of each application, about its subject, on its subject's identity. */
export async function writeChecks(writer: TableWriter, layout: Layout, state: ApplicationState, seed: number): Promise<void> {
  let count = 0;
  for (let i = 0; i < state.count; i++) {
    const day = state.checkDay[i]!;
    if (day === NONE) continue;
    const subject = state.subject[i]!;
    const p = personDetails(seed, subject);
    const plant = state.checkPlant[i]! === 0 ? null : CHECK_PLANT_KINDS[state.checkPlant[i]! - 1]!;
    const planted = state.checkPlantSystem[i]!;
    CHECK_SYSTEMS_WRITTEN.forEach((system, k) => {
      const here = plant !== null && k === planted;
      if (here && plant === 'missing') return;
      // The source case: PND never searched.
      if (plant === 'source-case' && system === 'pnd') return;
      count += 1;
      // The day after the decision: too late to count.
      const performed = here && plant === 'missing-late' ? state.checkPlantDay[i]! + 1 : day;
      let surname = p.surname;
      let dateOfBirth = p.dateOfBirth;
      let result: 'trace' | 'no_trace' = subject % 3 === 0 ? 'trace' : 'no_trace';
      if (here && (plant === 'wrong-dob' || plant === 'source-case')) {
        // Eleven days off: one or two digits of the yyyyMMdd form differ.
        dateOfBirth += 11;
        result = 'no_trace';
      }
      if (here && plant === 'surname-variant') surname = count % 2 === 0 ? surname.toUpperCase() : accented(surname);
      writer.line([
        `CK${pad(count, 9)}`,
        `DV${pad(i + 1, 8)}`,
        layout.code('system', system),
        layout.code('about', 'subject'),
        layout.date(performed),
        '',
        surname,
        layout.date(dateOfBirth),
        layout.code('result', result),
      ]);
    });
    if (writer.full) await writer.flush();
  }
  await writer.close();
}
