/**
 * The built-in rules, in the order they are listed. Each lives in its own file beside this one.
 */
import type { RuleDefinition } from '../src/engine/types.js';
import checkWrongIdentity from './check-wrong-identity.js';
import checksMissing from './checks-missing.js';
import dateOrder from './date-order.js';
import decisionRecordAltered from './decision-record-altered.js';
import decisionRecordMissing from './decision-record-missing.js';
import deadlineMissed from './deadline-missed.js';
import disclosureNotInPerson from './disclosure-not-in-person.js';
import disclosureNotMade from './disclosure-not-made.js';
import faceToFaceLate from './face-to-face-late.js';
import futureDate from './future-date.js';
import handlerOutlier from './handler-outlier.js';
import handlerPriorReferral from './handler-prior-referral.js';
import harmAfterRequest from './harm-after-request.js';
import initialChecksLate from './initial-checks-late.js';
import noOutcome from './no-outcome.js';
import possibleDuplicateSubject from './possible-duplicate-subject.js';
import unknownHandler from './unknown-handler.js';
import withdrawnWithHistory from './withdrawn-with-history.js';
import withheldDespiteHistory from './withheld-despite-history.js';

export const builtinRules: readonly RuleDefinition<unknown>[] = [
  noOutcome,
  disclosureNotMade,
  deadlineMissed,
  withheldDespiteHistory,
  harmAfterRequest,
  handlerPriorReferral,
  handlerOutlier,
  initialChecksLate,
  faceToFaceLate,
  disclosureNotInPerson,
  dateOrder,
  futureDate,
  unknownHandler,
  checksMissing,
  checkWrongIdentity,
  possibleDuplicateSubject,
  decisionRecordMissing,
  decisionRecordAltered,
  withdrawnWithHistory,
];
