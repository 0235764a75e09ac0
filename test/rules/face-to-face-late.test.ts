import { describe, expect, it } from 'vitest';
import rule from '../../rules/face-to-face-late.js';
import { app, dataset, day } from '../support/dataset.js';
import { runRule } from '../support/run-rule.js';

type Case = {
  name: string;
  route?: 'right_to_ask' | 'right_to_know';
  received: string;
  meeting: string | null;
  fires: null | { deadline: string; working_days: number; bank_holidays: string[] };
};

// Easter 2023: Good Friday 7 April, Easter Monday 10 April. Received Monday 3 April: the 10th
// working day after it is Wednesday 19 April.
// May 2023: bank holidays 1 May and 8 May (the Coronation). Received Friday 28 April: the 10th
// working day after it is Tuesday 16 May.
const cases: Case[] = [
  { name: 'Easter 2023: meeting on the 10th working day is in time', received: '2023-04-03', meeting: '2023-04-19', fires: null },
  {
    name: 'Easter 2023: one day after the 10th working day is late',
    received: '2023-04-03',
    meeting: '2023-04-20',
    fires: { deadline: '2023-04-19', working_days: 11, bank_holidays: ['2023-04-07', '2023-04-10'] },
  },
  { name: '8 May 2023 bank holiday: meeting on the 10th working day is in time', received: '2023-04-28', meeting: '2023-05-16', fires: null },
  {
    name: '8 May 2023 bank holiday: one day late',
    received: '2023-04-28',
    meeting: '2023-05-17',
    fires: { deadline: '2023-05-16', working_days: 11, bank_holidays: ['2023-05-01', '2023-05-08'] },
  },
  {
    name: 'no holidays: 10 working days from a Monday ends on the Monday two weeks on',
    received: '2023-06-05',
    meeting: '2023-06-20',
    fires: { deadline: '2023-06-19', working_days: 11, bank_holidays: [] },
  },
  { name: 'a meeting time later that day does not matter (calendar date)', received: '2023-06-05T09:00', meeting: '2023-06-19T23:30', fires: null },
  { name: 'Right to Know cases never fire', route: 'right_to_know', received: '2023-04-03', meeting: '2023-06-01', fires: null },
  { name: 'no meeting recorded: nothing to measure', received: '2023-04-03', meeting: null, fires: null },
];

describe('face-to-face-late', () => {
  it.each(cases)('$name', ({ route, received, meeting, fires }) => {
    const found = runRule(
      rule,
      dataset({ applications: [app({ application_id: 'A1', route: route ?? 'right_to_ask', received_at: received, face_to_face_at: meeting })] }),
      { asOf: day('2024-01-01') },
    );
    if (fires === null) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('low');
    expect(found[0]?.evidence).toMatchObject(fires);
  });

  it('says when it happened and what the deadline was', () => {
    const [f] = runRule(rule, dataset({ applications: [app({ application_id: 'A1', received_at: '2023-04-03', face_to_face_at: '2023-04-20' })] }), {
      asOf: day('2024-01-01'),
    });
    expect(f?.message).toBe(
      'Application A1 had its face-to-face meeting on 2023-04-20, 11 working days after receipt on 2023-04-03, after the deadline of 2023-04-19.',
    );
    expect(f?.evidence.calendar_days).toBe(17);
  });
});
