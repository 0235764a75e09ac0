import rule from '../../rules/face-to-face-late.js';
import { app } from '../support/dataset.js';
import { RuleTester } from '../support/rule-tester.js';

const tester = new RuleTester({ asOf: '2024-01-01' });

const meeting = (received: string, at: string | null, route: 'right_to_ask' | 'right_to_know' = 'right_to_ask') => ({
  applications: [app({ application_id: 'A1', route, received_at: received, face_to_face_at: at })],
});

// Easter 2023: Good Friday 7 April, Easter Monday 10 April. Received Monday 3 April: the 10th
// working day after it is Wednesday 19 April.
// May 2023: bank holidays 1 May and 8 May (the Coronation). Received Friday 28 April: the 10th
// working day after it is Tuesday 16 May.
tester.run(rule, {
  valid: [
    { name: 'Easter 2023: meeting on the 10th working day is in time', tables: meeting('2023-04-03', '2023-04-19') },
    { name: '8 May 2023 bank holiday: meeting on the 10th working day is in time', tables: meeting('2023-04-28', '2023-05-16') },
    { name: 'a meeting time later that day does not matter (calendar date)', tables: meeting('2023-06-05T09:00', '2023-06-19T23:30') },
    { name: 'Right to Know cases never fire', tables: meeting('2023-04-03', '2023-06-01', 'right_to_know') },
    { name: 'no meeting recorded: nothing to measure', tables: meeting('2023-04-03', null) },
  ],
  invalid: [
    {
      name: 'Easter 2023: one day after the 10th working day is late; says when it happened and what the deadline was',
      tables: meeting('2023-04-03', '2023-04-20'),
      findings: [
        {
          applicationId: 'A1',
          severity: 'low',
          message: 'Application A1 had its face-to-face meeting on 2023-04-20, 11 working days after receipt on 2023-04-03, after the deadline of 2023-04-19.',
          evidence: { deadline: '2023-04-19', workingDays: 11, bankHolidays: ['2023-04-07', '2023-04-10'], calendarDays: 17 },
        },
      ],
    },
    {
      name: '8 May 2023 bank holiday: one day late',
      tables: meeting('2023-04-28', '2023-05-17'),
      findings: [{ applicationId: 'A1', severity: 'low', evidence: { deadline: '2023-05-16', workingDays: 11, bankHolidays: ['2023-05-01', '2023-05-08'] } }],
    },
    {
      name: 'no holidays: 10 working days from a Monday ends on the Monday two weeks on',
      tables: meeting('2023-06-05', '2023-06-20'),
      findings: [{ applicationId: 'A1', severity: 'low', evidence: { deadline: '2023-06-19', workingDays: 11, bankHolidays: [] } }],
    },
  ],
});
