/**
 * The report's JSON model (schemaVersion 2, BRIEF section 7), as the formatters read it: every
 * formatter renders from it and computes nothing it does not hold. The shapes are defined once,
 * as zod schemas, in src/model/report.ts; these are their inferred types.
 */
export {
  CHRONOLOGY_EVENTS,
  type ChronologyEntry,
  type ChronologyEvent,
  type InputSummary,
  type Referral,
  REFERRAL_BASES,
  REFERRAL_ROUTES,
  REFERRAL_STATUSES,
  type ReferralBasis,
  type ReferralRoute,
  type ReferralStatus,
  type RejectedRow,
  type Report,
  type RuleStatus,
  type SafeguardingEntry,
  type Statistics,
  type SuggestedType,
  type Summary,
  type WorklistSection,
} from '../model/report.js';
