/**
 * Runs the enabled rules over a dataset: in an order that honours `after`, skipping (with the
 * reason) a rule whose input table is absent, and returns the findings sorted deterministically.
 */
import type { Dataset } from '../model/dataset.js';
import type { TableName } from '../model/records.js';
import type { Evidence, EvidenceValue, RuleStatus } from '../model/report.js';
import { ConfigError, DvdsError } from '../errors.js';
import { formatDay } from '../time/london.js';
import { declaredEvidenceKeys, evidenceProblem } from './define-rule.js';
import { fingerprint } from './fingerprint.js';
import { allRules, type AnyRule } from './registry.js';
import { ruleMeta } from './service-failure.js';
import { type ResolvedRule, resolveRules } from './settings.js';
import { CompactFinding, Described, type DescriptionSource, type FindingDescription } from './compact-finding.js';
import {
  type DescribedFindingInput,
  type Finding,
  type FindingInput,
  type ReportedFinding,
  type RuleContext,
  type RulesConfig,
  SEVERITIES,
  type Severity,
} from './types.js';
import { compareText } from '../shared/compare.js';
import { stableJson } from '../shared/stable-json.js';

export interface RunOptions {
  readonly dataset: Dataset;
  /** The audit date, a London day number. */
  readonly asOf: number;
  readonly rules?: RulesConfig;
  readonly plugins?: readonly AnyRule[];
}

export interface RunResult {
  readonly findings: Finding[];
  /** Every known rule, in run order: enabled or off, and why it was skipped if it could not run. */
  readonly rules: RuleStatus[];
  /** Each enabled rule's effective options (after defaults), by rule id. */
  readonly options: Record<string, unknown>;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<
  Severity,
  number
>;

const TABLE_FILES: Readonly<Record<TableName, string>> = {
  applications: 'applications.csv',
  incidents: 'incidents.csv',
  history: 'history.csv',
  staff: 'staff.csv',
  conduct_referrals: 'conduct_referrals.csv',
  household: 'household.csv',
  persons: 'persons.csv',
  checks: 'checks.csv',
};

export function runRules(opts: RunOptions): RunResult {
  const resolved = orderRules(resolveRules(allRules(opts.plugins), opts.rules));
  const reported = new Map<string, Reported>();
  const findings = new Map<string, Finding>();
  // Every finding is first seen today until a baseline says otherwise (src/baseline).
  const firstSeen = formatDay(opts.asOf);
  const statuses: RuleStatus[] = [];
  const options: Record<string, unknown> = {};

  for (const r of resolved) {
    const { rule } = r;
    const meta = ruleMeta(rule);
    const base: RuleStatus = {
      id: rule.id,
      title: rule.title,
      category: rule.category,
      severity: r.severity,
      enabled: r.enabled,
      failureType: meta.failureType,
      serviceFailure: meta.serviceFailure,
      decisionBasis: meta.decisionBasis,
    };
    if (!r.enabled) {
      statuses.push(base);
      continue;
    }
    const missing = (rule.requires ?? []).filter((t) => !opts.dataset.has(t));
    if (missing.length > 0) {
      statuses.push({ ...base, skippedReason: `needs ${missing.map((t) => TABLE_FILES[t]).join(', ')} (not supplied)` });
      continue;
    }
    const absent = Object.entries(rule.columns ?? {}).flatMap(([table, cols]) =>
      cols.filter((c) => !opts.dataset.hasColumn(table as TableName, c)).map((c) => `column ${c} of ${TABLE_FILES[table as TableName]}`),
    );
    if (absent.length > 0) {
      statuses.push({ ...base, skippedReason: `needs ${absent.join(', ')} (not in the export)` });
      continue;
    }
    options[rule.id] = r.options;
    const declared = declaredEvidenceKeys(rule);
    const describer = new RuleDescriber(rule, declared);
    const own: Reported = { rule, configured: r.severity, describer, inputs: [], copies: null };
    const ctx: RuleContext = {
      dataset: opts.dataset,
      asOf: opts.asOf,
      severity: r.severity,
      report: (input) => {
        const checked = checkInput(rule, declared, input);
        own.inputs.push(checked);
        addFinding(findings, rule, describer, checked, checked.severity ?? r.severity, firstSeen);
      },
      findingsOf: (ruleId) => reportedFindings(reported.get(ruleId)),
      serviceFailures: () => {
        const out: ReportedFinding[] = [];
        for (const of of reported.values()) {
          if (!ruleMeta(of.rule).serviceFailure) continue;
          for (const f of reportedFindings(of)) if (f.severity !== 'info') out.push(f);
        }
        return out;
      },
    };
    try {
      rule.check(ctx, r.options);
    } catch (error) {
      // Name the rule, so a faulty plugin is found from the one-line internal error.
      if (error instanceof DvdsError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`rule ${rule.id} failed: ${message}`, { cause: error });
    }
    reported.set(rule.id, own);
    statuses.push(base);
  }
  const sorted = [...findings.values()].sort(compareFindings);
  // A compact finding's describe may hold its rule's ctx, and through it this run's state: let go
  // of what the findings no longer need (the map, and each rule's inputs and findingsOf copies).
  for (const of of reported.values()) {
    of.inputs.length = 0;
    of.copies = null;
  }
  reported.clear();
  findings.clear();
  return { findings: sorted, rules: statuses, options };
}

/**
 * What one rule reported. The ReportedFinding copies `findingsOf` hands out are made only when a
 * later rule asks for them (at 1M applications most of the ~780k findings are never asked for).
 */
interface Reported {
  readonly rule: AnyRule;
  readonly configured: Severity;
  readonly describer: RuleDescriber;
  readonly inputs: CheckedInput[];
  copies: ReportedFinding[] | null;
}

/** A finding input as checked when reported: with its message and evidence, or with `describe`. */
type CheckedInput = FindingInput | DescribedFindingInput;

function isDescribed(input: CheckedInput): input is DescribedFindingInput {
  return typeof (input as { describe?: unknown }).describe === 'function';
}

/**
 * One rule's findings' descriptions: a compact input's built (and its evidence checked) on each
 * read; a full input's as it was checked when reported.
 */
class RuleDescriber implements DescriptionSource<CheckedInput> {
  constructor(
    private readonly rule: AnyRule,
    readonly declared: ReadonlySet<string> | null,
  ) {}

  describe(input: CheckedInput): FindingDescription {
    const reported = this.reported(input);
    const evidence = definedEvidence(reported.evidence);
    return evidence === reported.evidence ? (reported as FindingDescription) : { message: reported.message, evidence };
  }

  /** The message and evidence as the rule gave them (an optional key may be there, undefined). */
  reported(input: CheckedInput): FindingDescription<FindingInput['evidence']> {
    if (!isDescribed(input)) return input;
    const d: unknown = input.describe();
    const { message, evidence } = (typeof d === 'object' && d !== null ? d : {}) as { message?: unknown; evidence?: unknown };
    if (typeof message !== 'string' || message === '') throw new Error(`rule ${this.rule.id} described a finding without a message`);
    const problem = evidenceProblem(this.rule.evidence, this.declared, evidence);
    if (problem !== null) throw new Error(`rule ${this.rule.id} described a finding whose ${problem}`);
    return { message, evidence: evidence as FindingInput['evidence'] };
  }
}

/** What `findingsOf` hands out for a compact input: its message and evidence built on each read. */
class DescribedReport extends Described implements ReportedFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  declare readonly applicationId?: string;
  declare readonly staffId?: string;
  declare readonly key?: readonly (string | number)[];

  constructor(ruleId: string, severity: Severity, input: DescribedFindingInput, describer: RuleDescriber) {
    super(describer, input);
    this.ruleId = ruleId;
    this.severity = severity;
    const self = this as { applicationId?: string; staffId?: string; key?: readonly (string | number)[] };
    if (input.applicationId !== undefined) self.applicationId = input.applicationId;
    if (input.staffId !== undefined) self.staffId = input.staffId;
    if (input.key !== undefined) self.key = input.key;
  }
}

function reportedFindings(of: Reported | undefined): readonly ReportedFinding[] {
  if (of === undefined) return [];
  if (of.copies === null) {
    const copies = new Array<ReportedFinding>(of.inputs.length);
    for (let i = 0; i < copies.length; i++) copies[i] = toReported(of, of.inputs[i]!);
    of.copies = copies;
  }
  return of.copies;
}

/**
 * A finding input checked, as the rule gave it when it is a plain object (the usual case: no copy);
 * otherwise its own properties, as the ReportedFinding spread reads them. A full input's evidence
 * is checked now; a compact input's each time it is described.
 */
function checkInput(rule: AnyRule, declared: ReadonlySet<string> | null, input: CheckedInput): CheckedInput {
  // Plugins are plain JavaScript: check what they report rather than trust the types.
  if (input.severity !== undefined && !Object.hasOwn(SEVERITY_RANK, input.severity)) {
    throw new Error(`rule ${rule.id} reported a finding with an unknown severity ${JSON.stringify(input.severity)}`);
  }
  if (input.applicationId === undefined && input.staffId === undefined) {
    throw new Error(`rule ${rule.id} reported a finding about neither an application nor a staff member`);
  }
  const plain = Object.getPrototypeOf(input) === Object.prototype;
  if (isDescribed(input)) {
    if ('message' in input || 'evidence' in input) throw new Error(`rule ${rule.id} reported a finding with both describe and a message or evidence`);
    return plain ? input : { ...input, describe: input.describe.bind(input) };
  }
  if (typeof input.message !== 'string' || input.message === '') {
    throw new Error(`rule ${rule.id} reported a finding without a message`);
  }
  // Always on: at 200k applications (43k findings) it takes 40-170 ms of a ~6 s audit, and a
  // wrong key would otherwise reach every format and baseline unnoticed.
  const problem = evidenceProblem(rule.evidence, declared, input.evidence);
  if (problem !== null) throw new Error(`rule ${rule.id} reported a finding whose ${problem}`);
  return plain ? input : { ...input };
}

function toReported(of: Reported, input: CheckedInput): ReportedFinding {
  const severity = input.severity ?? of.configured;
  return isDescribed(input) ? new DescribedReport(of.rule.id, severity, input, of.describer) : { ...input, ruleId: of.rule.id, severity };
}

function addFinding(into: Map<string, Finding>, rule: AnyRule, describer: RuleDescriber, f: CheckedInput, severity: Severity, firstSeen: string): void {
  const ruleId = rule.id;
  let fp = fingerprint({ ruleId, applicationId: f.applicationId, staffId: f.staffId, key: f.key });
  const clash = into.get(fp);
  if (clash !== undefined) {
    // Two findings with the same identity: tell them apart by their content (never by the order
    // they came in, which follows row order); an exact repeat is the same finding, kept once.
    const own = describer.reported(f);
    const sameContent = clash.message === own.message && stableJson(clash.evidence) === stableJson(own.evidence) && clash.severity === severity;
    if (sameContent) return;
    fp = fingerprint({
      ruleId,
      applicationId: f.applicationId,
      staffId: f.staffId,
      key: [...(f.key ?? []), severity, own.message, evidenceIdentity(describer.declared, own.evidence)],
    });
    if (into.has(fp)) return;
  }
  const fields = { fingerprint: fp, ruleId, severity, category: rule.category, firstSeen };
  into.set(
    fp,
    new CompactFinding(
      f.applicationId === undefined ? (f.staffId === undefined ? fields : { ...fields, staffId: f.staffId }) : f.staffId === undefined ? { ...fields, applicationId: f.applicationId } : { ...fields, applicationId: f.applicationId, staffId: f.staffId },
      describer,
      f,
    ),
  );
}

/** The evidence without keys left undefined (an optional key a rule did not fill); a copy only when there are some. */
function definedEvidence(evidence: FindingInput['evidence']): Evidence {
  const keys = Object.keys(evidence);
  if (keys.every((k) => evidence[k] !== undefined)) return evidence as Evidence;
  const out: Record<string, EvidenceValue> = {};
  for (const k of keys) {
    const v = evidence[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * The evidence as part of a clash's fingerprint: with a declared schema, its values in the declared
 * key order (a key renamed in place keeps the fingerprint, so baselines still match); without one,
 * keys and values sorted by key, the only order such evidence has.
 */
function evidenceIdentity(declared: ReadonlySet<string> | null, evidence: FindingInput['evidence']): string {
  if (declared === null) return stableJson(evidence);
  const values: unknown[] = [];
  // An absent key stands as {}, which no evidence value can be, so it never equals a null.
  for (const key of declared) values.push(Object.hasOwn(evidence, key) ? evidence[key] : {});
  return stableJson(values);
}

/** Severity (critical first), rule id, application id, staff id, fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.applicationId ?? '', b.applicationId ?? '') ||
    compareText(a.staffId ?? '', b.staffId ?? '') ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

/**
 * Topological order over `after` (a rule runs after the rules it reads; a rule that reads the
 * service failures, after every service-failure rule), otherwise the listed order. An `after`
 * naming a rule that is not loaded is ignored; a cycle is a ConfigError.
 */
export function orderRules<T extends { readonly rule: AnyRule }>(items: readonly T[]): T[] {
  const index = new Map(items.map((item, i) => [item.rule.id, i]));
  const failureRules = items.filter((item) => ruleMeta(item.rule).serviceFailure).map((item) => item.rule.id);
  const pending = items.map(
    (item) =>
      new Set(
        [...(item.rule.after ?? []), ...(item.rule.readsServiceFailures === true ? failureRules : [])].filter(
          (id) => index.has(id) && id !== item.rule.id,
        ),
      ),
  );
  const done = new Set<string>();
  const out: T[] = [];
  while (out.length < items.length) {
    let next = -1;
    for (let i = 0; i < items.length; i++) {
      const id = items[i]!.rule.id;
      if (done.has(id)) continue;
      if ([...pending[i]!].every((dep) => done.has(dep))) {
        next = i;
        break;
      }
    }
    if (next === -1) {
      const stuck = items.filter((item) => !done.has(item.rule.id)).map((item) => item.rule.id);
      throw new ConfigError(`rules ${stuck.join(', ')} wait for each other through "after" (a cycle); none can run first`);
    }
    out.push(items[next]!);
    done.add(items[next]!.rule.id);
  }
  return out;
}

export type { ResolvedRule };
