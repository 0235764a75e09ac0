/**
 * IOPC referrals and their legal route (BRIEF section 6, v2; domain.md section 3). Per
 * harm-after-request finding of an application, by its harm and whether a service failure existed
 * on the incident date:
 *
 *   critical + failure  -> mandatory  dsi-and-conduct   (Sch.3 Part 2A and para 13(1)(a))
 *   critical, none      -> assess     dsi-assess        (record the DSI matter; refer if contact may have contributed)
 *   high + failure      -> voluntary  conduct-gravity   (para 13(2), failure to protect)
 *   high, none          -> nothing
 *
 * and a handler-prior-referral finding with any service failure: voluntary conduct-prior-referral.
 * One entry per application (the strongest basis; every route; every finding behind them), and one
 * per previously referred staff member.
 */
import type { RuleKinds } from '../engine/service-failure.js';
import type { Evidence, Finding, Severity } from '../engine/types.js';
import type { Dataset } from '../model/dataset.js';
import { endDay, outcomeDate } from '../model/outcome.js';
import type { Application, ConductReferral, Incident } from '../model/records.js';
import type { Check, Staff } from '../model/records.js';
import { CHRONOLOGY_EVENTS, type ChronologyEntry, type ChronologyEvent, type Referral, type ReferralBasis, type ReferralRoute, type ReferralStatus } from '../model/report.js';
import type { DateValue } from '../time/london.js';
import { formatDateValue, formatDay } from '../time/london.js';
import { parseIsoDay } from '../time/parse.js';
import { nextWorkingDay } from '../time/working-days.js';
import { type ApplicationFailures, applicationFailures, failureExistedOn } from './failure-existed.js';
import { compareText } from '../shared/compare.js';
import { type FindingsByApplication, sortedUnique } from './findings-index.js';
import { type DeadlineSettings, effectiveLimit } from './limit.js';

export const HARM_RULE = 'harm-after-request';
export const PRIOR_REFERRAL_RULE = 'handler-prior-referral';

export interface ReferralInput {
  readonly dataset: Dataset;
  readonly byApplication: FindingsByApplication;
  readonly kinds: RuleKinds;
  readonly asOf: number;
  readonly deadline: DeadlineSettings;
}

/** The strongest basis first. */
export const BASIS_RANK: Readonly<Record<ReferralBasis, number>> = { mandatory: 0, voluntary: 1, assess: 2 };
const ROUTE_RANK: Readonly<Record<ReferralRoute, number>> = {
  'dsi-and-conduct': 0,
  'dsi-assess': 1,
  'conduct-gravity': 2,
  'conduct-prior-referral': 3,
};
const ROUTE_BASIS: Readonly<Record<ReferralRoute, ReferralBasis>> = {
  'dsi-and-conduct': 'mandatory',
  'dsi-assess': 'assess',
  'conduct-gravity': 'voluntary',
  'conduct-prior-referral': 'voluntary',
};
const KIND_RANK = { application: 0, staff: 1 } as const;

/** Strongest basis first, applications before staff, then by id. */
export function compareReferrals(a: Referral, b: Referral): number {
  return BASIS_RANK[a.basis] - BASIS_RANK[b.basis] || KIND_RANK[a.kind] - KIND_RANK[b.kind] || compareText(a.id, b.id);
}

/** One route that applied, with the findings it needs and the day it became clear. */
interface RouteGround {
  readonly route: ReferralRoute;
  readonly findings: readonly Finding[];
  /** London day on which every finding it needs had been reported. */
  readonly clearOn: number;
  readonly reason: string;
  readonly incident?: Incident;
  readonly failureKinds?: readonly string[];
}

/** The referral routes of one application, or none; shared by the entry and the suggested type. */
export interface ApplicationRoutes {
  readonly app: Application;
  readonly failures: ApplicationFailures;
  readonly routes: readonly RouteGround[];
  readonly priorReferrals: readonly ConductReferral[];
}

/** The refer-by date: the next England and Wales working day after the day a matter became clear. */
export function referByDay(clearOn: number): number {
  return nextWorkingDay(clearOn);
}

export function statusOf(referBy: number, asOf: number): ReferralStatus {
  return asOf > referBy ? 'overdue' : 'due';
}

function seenDay(f: Finding): number {
  const day = parseIsoDay(f.firstSeen);
  if (day === null) throw new Error(`finding ${f.fingerprint} has no valid firstSeen (${JSON.stringify(f.firstSeen)})`);
  return day;
}

/** The later of the lead finding's firstSeen and the earliest firstSeen of the failures behind it. */
function clearOn(lead: Finding, failures: readonly Finding[]): number {
  let earliest = Infinity;
  for (const f of failures) earliest = Math.min(earliest, seenDay(f));
  return earliest === Infinity ? seenDay(lead) : Math.max(seenDay(lead), earliest);
}

/** Every route of every application with a harm or prior-referral finding. */
export function applicationRoutes(input: ReferralInput): ApplicationRoutes[] {
  const out: ApplicationRoutes[] = [];
  for (const entry of input.byApplication.applications(input.dataset)) {
    if (!entry.findings.some((f) => f.ruleId === HARM_RULE || f.ruleId === PRIOR_REFERRAL_RULE)) continue;
    const routes = routesOf(entry.app, entry.findings, input);
    if (routes !== null) out.push(routes);
  }
  return out;
}

function routesOf(app: Application, findings: readonly Finding[], input: ReferralInput): ApplicationRoutes | null {
  const { dataset } = input;
  const failures = applicationFailures(app, findings, effectiveLimit(app, input.deadline), input.kinds);
  const routes: RouteGround[] = [];
  for (const finding of findings) {
    if (finding.ruleId !== HARM_RULE) continue;
    const incident = incidentOf(finding, app, dataset);
    const existed = failureExistedOn(failures, incident.occurred_at.day);
    const critical = isCritical(finding.severity);
    const failed = existed.limitPassed || existed.decidedOnWrongBasis;
    if (!critical && !failed) continue;
    const what = harmSentence(finding, incident, app);
    const failureKinds = [...(existed.limitPassed ? ['limit-passed'] : []), ...(existed.decidedOnWrongBasis ? ['decided-on-wrong-basis'] : [])];
    if (critical && failed) {
      routes.push({
        route: 'dsi-and-conduct',
        findings: [finding, ...existed.grounds],
        clearOn: clearOn(finding, existed.grounds),
        incident,
        failureKinds,
        reason:
          `Mandatory referral (DSI matter and conduct matter): ${what}, when ${existed.phrases.join(', and ')}. ` +
          'A death or serious injury after police contact is a DSI matter to record and refer (Police Reform Act 2002, Sch.3 Part 2A, ' +
          'paras 14A-14C); the service failure before it is also a conduct matter relating to a death or serious injury, which must be ' +
          'referred (Sch.3 para 13(1)(a)).',
      });
    } else if (critical) {
      routes.push({
        route: 'dsi-assess',
        findings: [finding],
        clearOn: seenDay(finding),
        incident,
        failureKinds,
        reason:
          `Record and assess (DSI matter): ${what}; no service failure had occurred by then. Record it as a DSI matter ` +
          '(Police Reform Act 2002, Sch.3 Part 2A, paras 14A-14C) and assess whether the police contact may have caused or contributed ' +
          'to it, directly or indirectly; refer it to the IOPC if so. It is not a conduct referral under para 13(1)(a).',
      });
    } else {
      routes.push({
        route: 'conduct-gravity',
        findings: [finding, ...existed.grounds],
        clearOn: clearOn(finding, existed.grounds),
        incident,
        failureKinds,
        reason:
          `Voluntary referral for gravity (failure to protect): ${what}, when ${existed.phrases.join(', and ')}. ` +
          'A conduct matter may be referred to the IOPC for its gravity (Police Reform Act 2002, Sch.3 para 13(2)).',
      });
    }
  }

  const prior = findings.filter((f) => f.ruleId === PRIOR_REFERRAL_RULE);
  const end = endDay(app, input.asOf);
  const priorReferrals = app.handler_id === null ? [] : referralsBefore(dataset, app.handler_id, end);
  if (prior.length > 0 && failures.all.length > 0) {
    const lead = prior.reduce((a, b) => (seenDay(b) < seenDay(a) ? b : a));
    const first = priorReferrals[0];
    const timing = first === undefined ? '' : first.referred_at.day < app.received_at.day ? ' before the application was received' : ' while they handled it';
    const listed = priorReferrals.map((r) => `${r.referral_id} on ${formatDay(r.referred_at.day)}`).join(', ');
    routes.push({
      route: 'conduct-prior-referral',
      findings: [...prior, ...failures.all],
      clearOn: clearOn(lead, failures.all),
      reason:
        `Voluntary referral (previously referred handler): handler ${app.handler_id ?? 'unknown'} had been referred for conduct` +
        `${listed === '' ? '' : ` (${listed})`}${timing} and held application ${app.application_id} until ${formatDay(end)}; the application ` +
        `has a service failure (${sortedUnique(failures.all.map((f) => f.ruleId)).join(', ')}). A conduct matter may be referred for its ` +
        'gravity (Police Reform Act 2002, Sch.3 para 13(2)).',
    });
  }
  if (routes.length === 0) return null;
  return { app, failures, routes, priorReferrals };
}

export function decideReferrals(input: ReferralInput, routes: readonly ApplicationRoutes[]): Referral[] {
  const out: Referral[] = routes.map((r) => applicationReferral(r, input));
  out.push(...staffReferrals(routes, input));
  return out.sort(compareReferrals);
}

function applicationReferral(routed: ApplicationRoutes, input: ReferralInput): Referral {
  const { app, failures, priorReferrals } = routed;
  const routes = [...routed.routes].sort(
    (a, b) =>
      ROUTE_RANK[a.route] - ROUTE_RANK[b.route] ||
      (a.incident?.occurred_at.day ?? 0) - (b.incident?.occurred_at.day ?? 0) ||
      compareText(a.incident?.incident_id ?? '', b.incident?.incident_id ?? ''),
  );
  const basis = strongest(routes.map((r) => ROUTE_BASIS[r.route]));
  const behind = routes.flatMap((r) => r.findings);
  const referBy = referByDay(Math.min(...routes.map((r) => r.clearOn)));
  const incidents = routes.filter((r) => r.incident !== undefined);
  const limit = failures.limit;
  const outcome = outcomeDate(app);
  const evidence: Evidence = {
    personAtRiskId: app.person_at_risk_id,
    subjectId: app.subject_id,
    handlerId: app.handler_id,
    receivedAt: formatDateValue(app.received_at),
    decision: app.decision,
    outcomeAt: outcome === null ? null : formatDateValue(outcome),
    endDate: formatDay(endDay(app, input.asOf)),
    exceptionalCircumstances: app.exceptional_circumstances,
    limitDays: limit.days,
    limit: limit.description,
    limitFrom: input.deadline.source === 'default' ? 'default schedule (deadline-missed is off)' : 'deadline-missed options',
    limitEnds: formatDay(limit.lastDay),
    serviceFailureRules: sortedUnique(failures.all.map((f) => f.ruleId)),
    firstSeen: formatDay(Math.min(...behind.map(seenDay))),
    // Only the evidence of the grounds this referral has.
    ...(incidents.length === 0
      ? {}
      : {
          incidentIds: incidents.map((g) => g.incident!.incident_id),
          incidentDates: incidents.map((g) => formatDateValue(g.incident!.occurred_at)),
          incidentHarms: incidents.map((g) => g.incident!.harm),
          incidentVictimIds: incidents.map((g) => g.incident!.victim_id),
          incidentRoutes: incidents.map((g) => g.route),
        }),
    ...(incidents.some((g) => (g.failureKinds ?? []).length > 0)
      ? { failureBeforeIncident: sortedUnique(incidents.flatMap((g) => g.failureKinds ?? [])) }
      : {}),
    ...(routes.some((r) => r.route === 'conduct-prior-referral')
      ? {
          conductReferralIds: priorReferrals.map((r) => r.referral_id),
          conductReferralDates: priorReferrals.map((r) => formatDay(r.referred_at.day)),
        }
      : {}),
  };
  return {
    kind: 'application',
    id: app.application_id,
    basis,
    routes: sortedRoutes(routes.map((r) => r.route)),
    grounds: sortedUnique(behind.map((f) => f.ruleId)),
    applicationIds: [app.application_id],
    ...(app.handler_id === null ? {} : { staffId: app.handler_id, staff: staffOf(app.handler_id, input.dataset) }),
    referBy: formatDay(referBy),
    status: statusOf(referBy, input.asOf),
    reasons: routes.map((r) => r.reason),
    findings: sortedUnique(behind.map((f) => f.fingerprint)),
    evidence,
    chronology: applicationChronology(app, limit.lastDay, input.dataset),
  };
}

/**
 * A staff member who handled an application with a service failure after one of their conduct
 * referrals (the application has a handler-prior-referral finding): one voluntary entry listing them.
 */
function staffReferrals(routes: readonly ApplicationRoutes[], input: ReferralInput): Referral[] {
  const byStaff = new Map<string, ApplicationRoutes[]>();
  for (const r of routes) {
    const staffId = r.app.handler_id;
    if (staffId === null || !r.routes.some((g) => g.route === 'conduct-prior-referral')) continue;
    const list = byStaff.get(staffId);
    if (list) list.push(r);
    else byStaff.set(staffId, [r]);
  }
  const out: Referral[] = [];
  for (const [staffId, apps] of byStaff) {
    const grounds = apps.flatMap((a) => a.routes.filter((g) => g.route === 'conduct-prior-referral'));
    const behind = grounds.flatMap((g) => g.findings);
    const applicationIds = sortedUnique(apps.map((a) => a.app.application_id));
    const referralsById = new Map<string, ConductReferral>();
    for (const a of apps) for (const r of a.priorReferrals) referralsById.set(r.referral_id, r);
    const earlier = [...referralsById.values()].sort((a, b) => a.referred_at.day - b.referred_at.day || compareText(a.referral_id, b.referral_id));
    const referBy = referByDay(Math.min(...grounds.map((g) => g.clearOn)));
    const failureRules = sortedUnique(behind.filter((f) => f.ruleId !== PRIOR_REFERRAL_RULE).map((f) => f.ruleId));
    const n = applicationIds.length;
    out.push({
      kind: 'staff',
      id: staffId,
      basis: 'voluntary',
      routes: ['conduct-prior-referral'],
      grounds: sortedUnique(behind.map((f) => f.ruleId)),
      applicationIds,
      staffId,
      staff: staffOf(staffId, input.dataset),
      referBy: formatDay(referBy),
      status: statusOf(referBy, input.asOf),
      reasons: [
        `Voluntary referral (previously referred staff member): ${staffId} held ${n} application${n === 1 ? '' : 's'} with a service failure ` +
          `(${applicationIds.join(', ')}) after their conduct referral${earlier.length === 1 ? '' : 's'} ` +
          `${earlier.map((r) => `${r.referral_id} of ${formatDay(r.referred_at.day)}`).join(', ')}. A conduct matter may be referred for its ` +
          'gravity (Police Reform Act 2002, Sch.3 para 13(2)).',
      ],
      findings: sortedUnique(behind.map((f) => f.fingerprint)),
      evidence: {
        staffId,
        role: input.dataset.staffById(staffId)?.role ?? null,
        conductReferralIds: earlier.map((r) => r.referral_id),
        conductReferralDates: earlier.map((r) => formatDay(r.referred_at.day)),
        conductReferralBodies: earlier.map((r) => r.body),
        applicationIds,
        serviceFailureRules: failureRules,
        firstSeen: formatDay(Math.min(...behind.map(seenDay))),
      },
      chronology: sortChronology([
        ...input.dataset.referralsByStaff(staffId).map(conductEvent),
        ...apps.map((a): Dated => ({ at: a.app.received_at, event: 'received', ref: a.app.application_id })),
        ...apps.map((a): Dated => ({ at: fromLimit(a.failures.limit.lastDay), event: 'limit-ends', ref: a.app.application_id })),
      ]),
    });
  }
  return out;
}

function strongest(bases: readonly ReferralBasis[]): ReferralBasis {
  return bases.reduce((a, b) => (BASIS_RANK[b] < BASIS_RANK[a] ? b : a));
}

function sortedRoutes(routes: readonly ReferralRoute[]): ReferralRoute[] {
  return [...new Set(routes)].sort((a, b) => ROUTE_RANK[a] - ROUTE_RANK[b]);
}

function isCritical(severity: Severity): boolean {
  return severity === 'critical';
}

function harmSentence(finding: Finding, incident: Incident, app: Application): string {
  const child = finding.evidence['victimRelation'] === 'child';
  const victim = child ? `${incident.victim_id}, a child of person at risk ${app.person_at_risk_id},` : `person at risk ${app.person_at_risk_id}`;
  return (
    `${victim} suffered ${harmWords(incident)} (incident ${incident.incident_id}, ${formatDateValue(incident.occurred_at)}) by subject ` +
    `${app.subject_id} after application ${app.application_id} was received`
  );
}

function harmWords(incident: Incident): string {
  switch (incident.harm) {
    case 'death':
      return 'fatal harm';
    case 'serious_injury':
      return 'serious injury';
    case 'injury':
      return 'injury';
    case 'no_injury':
      return 'an incident without injury';
  }
}

/**
 * The incident a harm-after-request finding is about. The finding names it and its victim in its
 * evidence; the dates are read from the Dataset, through the (victim, subject) index.
 */
function incidentOf(finding: Finding, app: Application, dataset: Dataset): Incident {
  const id = finding.evidence['incidentId'];
  const victim = finding.evidence['victimId'];
  if (typeof id === 'string') {
    const victimId = typeof victim === 'string' ? victim : app.person_at_risk_id;
    const match = dataset.incidentsByPair(victimId, app.subject_id).filter((i) => i.incident_id === id);
    if (match.length === 1) return match[0]!;
    if (match.length > 1) {
      // Only a hand-built dataset repeats a key: the finding's own date tells them apart.
      const at = finding.evidence['occurredAt'];
      const dated = match.find((i) => formatDateValue(i.occurred_at) === at);
      if (dated) return dated;
      return [...match].sort((a, b) => a.occurred_at.day - b.occurred_at.day)[0]!;
    }
  }
  throw new Error(`finding ${finding.fingerprint} (${HARM_RULE}) on application ${app.application_id} names no incident of its victim and subject`);
}

/** The staff member's conduct referrals dated strictly before a day, by date then id. */
function referralsBefore(dataset: Dataset, staffId: string, day: number): ConductReferral[] {
  return dataset
    .referralsByStaff(staffId)
    .filter((r) => r.referred_at.day < day)
    .sort((a, b) => a.referred_at.day - b.referred_at.day || compareText(a.referral_id, b.referral_id));
}

/** The register's name and role of a staff member: an officer's name, never a person at risk's. */
function staffOf(staffId: string, dataset: Dataset): NonNullable<Referral['staff']> {
  const row: Staff | undefined = dataset.staffById(staffId);
  return {
    id: staffId,
    ...(row?.display_name == null ? {} : { displayName: row.display_name }),
    ...(row === undefined ? {} : { role: row.role }),
  };
}

interface Dated {
  readonly at: DateValue;
  readonly event: ChronologyEvent;
  readonly ref?: string;
}

const EVENT_RANK: Readonly<Record<ChronologyEvent, number>> = Object.fromEntries(CHRONOLOGY_EVENTS.map((e, i) => [e, i])) as Record<ChronologyEvent, number>;

const fromLimit = (day: number): DateValue => ({ day, instant: null });

const conductEvent = (r: ConductReferral): Dated => ({ at: r.referred_at, event: 'conduct-referral', ref: `${r.referral_id} (${r.body})` });

const checkEvent = (c: Check): Dated => ({ at: c.performed_at, event: 'check', ref: `${c.check_id} (${c.system})` });

/**
 * One dated list of what happened to an application: its own dates, its checks, the subject's
 * incidents against the person at risk from the day of receipt, and the handler's conduct
 * referrals. Only ids, codes and dates: no name or note of a person at risk or a subject.
 */
function applicationChronology(app: Application, limitEnds: number, dataset: Dataset): ChronologyEntry[] {
  const own: (Dated | null)[] = [
    { at: app.received_at, event: 'received' },
    app.initial_checks_at === null ? null : { at: app.initial_checks_at, event: 'initial-checks' },
    app.face_to_face_at === null ? null : { at: app.face_to_face_at, event: 'face-to-face' },
    { at: fromLimit(limitEnds), event: 'limit-ends' },
    app.decision_at === null ? null : { at: app.decision_at, event: 'decision', ...(app.decision === null ? {} : { ref: app.decision }) },
    app.disclosure_at === null
      ? null
      : { at: app.disclosure_at, event: 'disclosure', ...(app.disclosure_method === null ? {} : { ref: app.disclosure_method }) },
    app.closed_at === null ? null : { at: app.closed_at, event: 'closed' },
  ];
  const incidents = dataset
    .incidentsByPair(app.person_at_risk_id, app.subject_id)
    .filter((i) => i.occurred_at.day >= app.received_at.day)
    .map((i): Dated => ({ at: i.occurred_at, event: 'incident', ref: `${i.incident_id} (${i.harm})` }));
  const conduct = app.handler_id === null ? [] : dataset.referralsByStaff(app.handler_id).map(conductEvent);
  return sortChronology([...own.filter((d) => d !== null), ...dataset.checksOf(app.application_id).map(checkEvent), ...incidents, ...conduct]);
}

/** By day, then the fixed event order, then time (a date alone first), then ref: the same input gives the same list. */
function sortChronology(dated: readonly Dated[]): ChronologyEntry[] {
  return [...dated]
    .sort(
      (a, b) =>
        a.at.day - b.at.day ||
        EVENT_RANK[a.event] - EVENT_RANK[b.event] ||
        (a.at.instant ?? -Infinity) - (b.at.instant ?? -Infinity) ||
        compareText(a.ref ?? '', b.ref ?? ''),
    )
    .map((d) => ({ date: formatDateValue(d.at), event: d.event, ...(d.ref === undefined ? {} : { ref: d.ref }) }));
}
