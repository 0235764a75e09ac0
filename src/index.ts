/**
 * dvds-audit as a library: `audit()` returns the Report (the JSON model of BRIEF section 7);
 * the formatters render it; `decide()` turns findings into referrals and safeguarding.
 */
export { audit, auditRun, parseAsOf, type AuditOptions, type AuditProgress, type AuditRun } from './audit.js';
export { readWorklist } from './worklist/read.js';
export { renderWorklist, WORKLIST_FILE } from './worklist/write.js';
export { decide, referByDay, statusOf, SAFEGUARDING_ACTION, SAFEGUARDING_RULES, type DecideInput, type Decisions } from './decide/index.js';
export { applyBaseline, baselineOfReport, checkReport, diffReports, readReportFile, reportSha256, type BaselineFindings, type BaselineResult, type ReportDiff } from './baseline/index.js';
export { readBaselineFile } from './baseline/baseline-file.js';
export { reportJson, renderJson } from './report/json.js';
export { FILE_FORMATS, formatter, parseFormatList, writeFileAtomic, writeRendered } from './report/formats.js';
export { FORMATS, type FormatName, type FormatOptions, type Formatter, type RenderedFile } from './report/format-types.js';
export { exitCodeFor, failingFindings, parseFailOn, FAIL_ON_VALUES, type FailOn } from './cli/exit-code.js';
export { runRules, compareFindings, type RunOptions, type RunResult } from './engine/run.js';
export { defineRule } from './engine/define-rule.js';
export { RuleKinds, ruleMeta } from './engine/service-failure.js';
export { loadPlugins } from './engine/plugins.js';
export { loadConfig, type ResolvedConfig } from './config/load-config.js';
export { loadInputs, assertStrict, type LoadOptions, type LoadResult } from './load/index.js';
export { Dataset } from './model/dataset.js';
export { DEFAULT_SCHEDULE, LimitSchedule, limitFor } from './time/limits.js';
export { ConfigError, DvdsError, InputError, UsageError } from './errors.js';
export { TOOL_NAME, TOOL_VERSION } from './version.js';
export type {
  Category,
  Evidence,
  EvidenceValue,
  Finding,
  FindingInput,
  ReportedFinding,
  RuleContext,
  RuleDefinition,
  RulesConfig,
  RuleSetting,
  Severity,
} from './engine/types.js';
export type * from './model/records.js';
export type {
  InputSummary,
  Referral,
  ReferralBasis,
  RejectedRow,
  Report,
  RuleStatus,
  SafeguardingEntry,
  Statistics,
  Summary,
} from './report/model.js';
