/**
 * (v2) The persons and checks tables. Each subject has one person record whose surname, forenames
 * and date of birth are a function of the seed and the person number alone (a stream of their
 * own per person), so writing them moves no other table's draws. Surnames are distinct per person
 * (syllables spelling its number), so no two background records are likely duplicates. Each
 * application has a check about its subject on PNC, PND and the local system, on the right
 * identity, made on its received date (or its decision or closure date, if earlier), so
 * checks-missing and check-wrong-identity give nothing on a clean case.
 */
import { dayNumber } from '../time/london.js';
import { CHECK_PLANT_KINDS, NONE } from './case.js';
import { pad, personId } from './ids.js';
import type { Layout } from './layout.js';
import { createRng } from './prng.js';
import type { ApplicationState } from './state.js';
import type { TableWriter } from './table-writer.js';

const SYLLABLES = ['ka', 'lo', 'mi', 're', 'tu', 'sa', 'ne', 'vo', 'di', 'ba', 'fe', 'go', 'hu', 'ja', 'pi', 'ro', 'ze', 'wy', 'ca', 'te'];
const FORENAMES = ['Alex', 'Sam', 'Jordan', 'Chris', 'Lee', 'Robin', 'Dana', 'Jamie', 'Morgan', 'Kit', 'Pat', 'Toni', 'Ellis', 'Rory', 'Nico', 'Ash'];
const DOB_FROM = dayNumber(1950, 1, 1);
const DOB_TO = dayNumber(2002, 12, 31);
/** The required systems, in the order their checks are written. */
export const CHECK_SYSTEMS_WRITTEN = ['pnc', 'pnd', 'local'] as const;

export interface PersonDetails {
  readonly surname: string;
  readonly forenames: string;
  readonly dateOfBirth: number;
}

/** Two letters per digit in base 20: a distinct surname per person number. */
export function surnameOf(person: number): string {
  let n = person;
  let name = '';
  do {
    name = SYLLABLES[n % SYLLABLES.length]! + name;
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function personDetails(seed: number, person: number): PersonDetails {
  const rng = createRng((seed ^ Math.imul(person, 0x9e3779b1)) >>> 0, 6);
  const first = rng.pick(FORENAMES);
  const second = rng.chance(0.4) ? ` ${rng.pick(FORENAMES)}` : '';
  return { surname: surnameOf(person), forenames: first + second, dateOfBirth: rng.between(DOB_FROM, DOB_TO) };
}

/** One record per subject, in the order the subjects first appear. */
export async function writePersons(writer: TableWriter, layout: Layout, state: ApplicationState, seed: number): Promise<void> {
  const done = new Uint8Array(state.personCapacity);
  for (let i = 0; i < state.count; i++) {
    const subject = state.subject[i]!;
    if (done[subject]) continue;
    done[subject] = 1;
    const p = personDetails(seed, subject);
    writer.line([personId(subject), p.surname, p.forenames, layout.date(p.dateOfBirth), '']);
    if (writer.full) await writer.flush();
  }
  await writer.close();
}

/** The first vowel with an accent (é, á …): the same normalised surname. */
function accented(surname: string): string {
  const accents: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };
  const k = [...surname].findIndex((c) => c in accents);
  return k < 0 ? surname.toLowerCase() : surname.slice(0, k) + accents[surname[k]!]! + surname.slice(k + 1);
}

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
      count += 1;
      // The day after the decision: too late to count.
      const performed = here && plant === 'missing-late' ? state.checkPlantDay[i]! + 1 : day;
      let surname = p.surname;
      let dateOfBirth = p.dateOfBirth;
      let result: 'trace' | 'no_trace' = subject % 3 === 0 ? 'trace' : 'no_trace';
      if (here && plant === 'wrong-dob') {
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
