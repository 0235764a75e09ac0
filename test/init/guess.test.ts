/**
 * Guessing the applications mapping from headers and values.
 */
import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../src/init/guess.js';

describe('guessMapping', () => {
  it.each([
    ['DVDS Ref', 'application_id'],
    ['Case Reference', 'application_id'],
    ['Date Received', 'received_at'],
    ['ReceivedDate', 'received_at'],
    ['Person At Risk Ref', 'person_at_risk_id'],
    ['PAR', 'person_at_risk_id'],
    ['Subject Ref', 'subject_id'],
    ['Researcher', 'handler_id'],
    ['F2F Meeting', 'face_to_face_at'],
    ['Outcome', 'decision'],
    ['Outcome Date', 'decision_at'],
    ['Date Disclosed', 'disclosure_at'],
    ['Exceptional Circs', 'exceptional_circumstances'],
    ['closed_at', 'closed_at'],
  ])('maps the header %j to %s', (header, field) => {
    const values: Record<string, string> = {
      application_id: 'X1',
      person_at_risk_id: 'P1',
      subject_id: 'S1',
      handler_id: 'E1',
      decision: 'DISC',
      exceptional_circumstances: 'awaiting another force',
    };
    const guess = guessMapping([header], [[values[field] ?? '01/02/2024']]);
    expect(guess.columns).toEqual({ [field]: header });
  });

  it('lets the values decide between headers of similar names: dates go to date fields', () => {
    const guess = guessMapping(['Outcome', 'Outcome Date'], [['DISC', '13/02/2024']]);
    expect(guess.columns).toEqual({ decision: 'Outcome', decision_at: 'Outcome Date' });
  });

  it('does not map a column of words to a date field', () => {
    const guess = guessMapping(['Date Received'], [['last week'], ['soon']]);
    expect(guess.columns).toEqual({});
    expect(guess.unmapped.find((u) => u.field === 'received_at')).toEqual({ field: 'received_at', required: true });
  });

  it('finds day-first dates and times, and flags dd/MM vs MM/dd when no day is above 12', () => {
    const dayFirst = guessMapping(['Date Received'], [['25/03/2024 14:05'], ['01/04/2024']]);
    expect(dayFirst.dateFormats).toEqual(['dd/MM/yyyy HH:mm', 'dd/MM/yyyy']);
    expect(dayFirst.warnings).toEqual([]);
    const ambiguous = guessMapping(['Date Received'], [['01/02/2024'], ['03/04/2024']]);
    expect(ambiguous.dateFormats).toEqual(['dd/MM/yyyy']);
    expect(ambiguous.warnings.join('\n')).toMatch(/dd\/MM or MM\/dd is ambiguous — no day above 12 in 2 sampled values; assumed dd\/MM/);
    const monthFirst = guessMapping(['Date Received'], [['12/31/2023']]);
    expect(monthFirst.dateFormats).toEqual(['MM/dd/yyyy']);
    expect(monthFirst.warnings.join('\n')).toMatch(/month first/);
    const iso = guessMapping(['received_at'], [['2024-03-25T14:05']]);
    expect(iso.dateFormats).toEqual([]);
  });

  it('maps recognised codes, leaves canonical ones alone, and names the ones it does not know', () => {
    const guess = guessMapping(
      ['Route', 'Outcome', 'Method', 'Immediate Risk'],
      [
        ['RTA', 'DISC', 'F2F', 'Y'],
        ['RTK', 'No Disclosure', 'Tel', 'N'],
        ['RTA', 'Parked', 'in person', 'Y'],
      ],
    );
    expect(guess.values).toEqual({
      route: { RTA: 'right_to_ask', RTK: 'right_to_know' },
      decision: { DISC: 'disclose' },
      disclosure_method: { F2F: 'in_person', Tel: 'telephone' },
    });
    expect(guess.warnings).toEqual(['decision: values not recognised, map them in inputs.applications.values.decision: "Parked"']);
  });

  it('lists the fields it could not map, required ones marked, and the headers it did not use', () => {
    const guess = guessMapping(['Ref', 'Colour'], [['A1', 'blue']]);
    expect(guess.columns).toEqual({ application_id: 'Ref' });
    expect(guess.unusedHeaders).toEqual(['Colour']);
    expect(guess.unmapped.filter((u) => u.required).map((u) => u.field)).toEqual(['route', 'received_at', 'person_at_risk_id', 'subject_id']);
  });
});
