/**
 * Synthetic free text for the generated exports. None of it names or describes a real person;
 * some of it holds commas, quotes, a pound sign and line breaks, so a reader's quoting is tested.
 */
export const NOTES = [
  'Applicant called back',
  'Referred to IDVA',
  'MARAC informed',
  'Safety plan discussed',
  'Interpreter requested',
  'Checks re-run after new information',
  'Applicant prefers contact by phone',
  'Awaiting partner agency reply',
];

export const ODD_NOTES = [
  'Applicant asked "can we meet at the station?", agreed',
  'Checks: PNC, PND, local systems; nothing further',
  'Applicant mentioned £200 owed, not relevant to risk',
  'Said "no further contact", see log',
  'Line one of the note\nline two, after a break',
  'Meeting moved twice\n"applicant at work"\nnew date agreed',
];

export const EXCEPTIONAL_CIRCUMSTANCES = [
  'Subject abroad; partner agency checks delayed',
  'Applicant unreachable for three weeks, attempts logged',
  'Awaiting information from another force',
  'Multi-agency forum date set by the local authority, "earliest available"',
];

/** (v2) Cells that say "none": not exceptional circumstances recorded (BRIEF section 2). */
export const NO_EXCEPTIONAL_CIRCUMSTANCES = ['No', 'N/A', 'n/a', ' none ', 'NIL', 'na', 'Not applicable', 'false', '0', '-', 'N', 'no'];

/** (v2) Genuine justifications that begin like a "no" token, yet are recorded. */
export const JUSTIFIED_CIRCUMSTANCES = [
  ...EXCEPTIONAL_CIRCUMSTANCES,
  'No reply from the partner agency for three weeks, chased twice',
  'None of the local checks could be run while the system was down',
  'N/A at first: subject found to be abroad, checks via Interpol',
];

export const REFERRAL_OUTCOMES = [
  'No case to answer',
  'Management action, reflective practice',
  'Written warning',
  'Final written warning',
  '',
];
