/**
 * Builders for the v2 source-case tables (persons, checks) in rule tests, beside the ones in
 * dataset.ts: dates are written as the export writes them and parsed by the loader's code.
 */
import type { Check, Person } from '../../src/model/records.js';
import { d } from './dataset.js';

// Lines far from dataset.ts's counter, so a builder here never repeats one of its lines.
let line = 100_000;

export function person(fields: { person_id: string; surname: string; forenames?: string | null; date_of_birth?: string | null; pnc_id?: string | null }): Person {
  const { date_of_birth = null, forenames = null, pnc_id = null, ...rest } = fields;
  return { ...rest, forenames, pnc_id, date_of_birth: date_of_birth === null ? null : d(date_of_birth), line: ++line };
}

export function check(
  fields: Partial<Omit<Check, 'performed_at' | 'searched_date_of_birth'>> & {
    check_id: string;
    application_id: string;
    performed_at: string;
    searched_date_of_birth?: string | null;
  },
): Check {
  const { performed_at, searched_date_of_birth = null, ...rest } = fields;
  return {
    system: 'pnc',
    about: null,
    performed_by: null,
    searched_surname: null,
    result: 'no_trace',
    ...rest,
    performed_at: d(performed_at),
    searched_date_of_birth: searched_date_of_birth === null ? null : d(searched_date_of_birth),
    line: ++line,
  };
}
