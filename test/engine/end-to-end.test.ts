/**
 * The engine end to end through the library: a CSV export on disk, the real loader, the built-in
 * rules. Expected findings are checked by hand against the brief (section 4 and 5).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { runRules } from '../../src/engine/run.js';
import { loadInputs } from '../../src/load/index.js';
import { day } from '../support/dataset.js';
import { tempDir } from '../support/temp.js';

const HEADER =
  'application_id,route,received_at,person_at_risk_id,subject_id,handler_id,initial_checks_at,immediate_risk,face_to_face_at,' +
  'decision,decision_at,disclosure_at,disclosure_method,exceptional_circumstances,closed_at,notes';

const ROWS = [
  // 35 days to disclosure, received the day before the 28-day limit began: in time. Meeting on the
  // 10th working day after Tuesday 4 April 2023 (Easter in between): Thursday 20 April, in time.
  'A1,right_to_ask,2023-04-04,P1,S1,,2023-04-04T10:00,,2023-04-20,disclose,2023-04-25,2023-05-09,in person,,2023-05-10,',
  // 29 days from 5 April 2023: over 28. By telephone. Its note must never reach a finding.
  'A2,RTA,2023-04-05,P2,S2,,,,,Disclose,2023-04-20,2023-05-04,Telephone,,,"SECRET NOTE, do not copy"',
  // 92 days (> 56), exceptional circumstances recorded: info.
  'A3,right to know,2023-06-01,P3,S3,,,,,no_disclosure,2023-09-01,,,awaiting partner agency,2023-09-02,',
  // Open with no decision: past the limit at the as-of date. Checks 23.5 real hours later: in time.
  'A4,right_to_ask,2023-03-25T09:00,P4,S4,,2023-03-26T09:30,yes,,,,,,,,',
  // Withdrawn: no deadline.
  'A5,Right-To-Ask,2023-06-01,P5,S5,,,,,Withdrawn,,,,,2023-12-01,',
];

const MINE = new Set(['no-outcome', 'disclosure-not-made', 'deadline-missed', 'initial-checks-late', 'face-to-face-late', 'disclosure-not-in-person']);

describe('engine on a loaded export', () => {
  it('finds what the brief says, and skips what lacks its table', async () => {
    const dir = await tempDir('e2e');
    await writeFile(join(dir, 'applications.csv'), `${[HEADER, ...ROWS].join('\r\n')}\r\n`);
    const config = defaultConfig(dir);
    const loaded = await loadInputs({ cwd: dir, config: { ...config, inputs: { applications: { values: { route: { RTA: 'right_to_ask' } } } as never } } });
    expect(loaded.rejectedRows).toEqual([]);

    const { findings, rules } = runRules({ dataset: loaded.dataset, asOf: day('2023-12-31') });
    expect(findings.filter((f) => MINE.has(f.ruleId)).map((f) => [f.severity, f.ruleId, f.applicationId])).toEqual([
      ['high', 'no-outcome', 'A4'],
      ['medium', 'deadline-missed', 'A2'],
      ['low', 'disclosure-not-in-person', 'A2'],
      ['info', 'deadline-missed', 'A3'],
    ]);
    expect(findings.find((f) => f.ruleId === 'deadline-missed' && f.applicationId === 'A2')?.evidence).toMatchObject({
      receivedAt: '2023-04-05',
      outcomeAt: '2023-05-04',
      days: 29,
      limitDays: 28,
      deadline: '2023-05-03',
    });
    expect(rules.find((r) => r.id === 'harm-after-request')?.skippedReason).toBe('needs incidents.csv (not supplied)');
    // Each of these rules ran (enabled, not skipped): the applications table is all they need.
    const mine = rules.filter((s) => MINE.has(s.id)).map((r) => [r.id, r.enabled, r.skippedReason ?? null]);
    expect(mine.sort()).toEqual([...MINE].sort().map((id) => [id, true, null]));
    expect(JSON.stringify(findings)).not.toMatch(/SECRET|partner agency/);
  });
});
