/**
 * Guessing which table an export is, and how it maps onto that table's canonical fields: each header is
 * scored against each field by its name (normalised, abbreviations expanded, synonyms) and by
 * the shape of its values (dates, yes/no, codes, ids, free text); the best pairs win, one header
 * per field. Also guesses the date formats (flagging dd/MM against MM/dd when no day above 12
 * is seen) and value maps for codes it recognises (RTA/RTK, DISC, Y/N …).
 */
import { normaliseEnum } from '../load/cells.js';
import { type FieldSpec, TABLE_FIELDS } from '../load/fields.js';
import { CHECK_ABOUT, CHECK_RESULTS, CHECK_SYSTEMS, DECISIONS, DISCLOSURE_METHODS, ROUTES, TABLES, type TableName } from '../model/records.js';
import { compareText } from '../shared/compare.js';

export interface MappingGuess {
  /** Canonical field -> header. */
  readonly columns: Record<string, string>;
  /** Canonical field -> { export value: canonical value }, only for values not read as they are. */
  readonly values: Record<string, Record<string, string>>;
  readonly dateFormats: string[];
  /** Canonical fields with no header found. */
  readonly unmapped: { field: string; required: boolean }[];
  /** Headers no field took. */
  readonly unusedHeaders: string[];
  /** Things a person should check: ambiguous dates, codes not recognised. */
  readonly warnings: string[];
}

// Words an export uses for the same thing, so tokens compare as meanings.
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ref: 'reference',
  refno: 'reference',
  no: 'number',
  num: 'number',
  nbr: 'number',
  dt: 'date',
  f2f: 'face to face',
  ftf: 'face to face',
  circs: 'circumstances',
  par: 'person at risk',
  oic: 'officer',
  rec: 'received',
  recd: 'received',
  rcvd: 'received',
  dob: 'birth',
  imm: 'immediate',
  disc: 'disclosure',
};

const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  application_id: ['application id', 'application reference', 'dvds reference', 'dvds number', 'dvds id', 'reference', 'case reference', 'case id', 'case number', 'occurrence number', 'occurrence reference', 'urn', 'id'],
  route: ['route', 'entry route', 'application route', 'application type', 'type', 'scheme', 'rta rtk'],
  received_at: ['received', 'date received', 'received date', 'application date', 'date of application', 'date applied', 'start date', 'date opened', 'opened', 'created', 'date created', 'date reported', 'trigger date'],
  applicant_id: ['applicant', 'applicant reference', 'applicant id', 'requester', 'requester reference', 'requester id'],
  person_at_risk_id: ['person at risk', 'person at risk reference', 'person at risk id', 'victim', 'victim reference', 'potential victim', 'recipient', 'recipient reference'],
  subject_id: ['subject', 'subject reference', 'subject id', 'perpetrator', 'perpetrator reference', 'nominal', 'partner', 'alleged perpetrator', 'suspect', 'suspect reference'],
  handler_id: ['handler', 'handler id', 'researcher', 'officer', 'staff', 'staff number', 'owner', 'assigned to', 'allocated to', 'investigator', 'case officer'],
  initial_checks_at: ['initial checks', 'initial checks done', 'initial checks date', 'checks done', 'checks completed', 'initial risk assessment', 'date checked'],
  immediate_risk: ['immediate risk', 'imminent risk', 'risk immediate', 'urgent'],
  face_to_face_at: ['face to face', 'face to face meeting', 'face to face date', 'meeting', 'meeting date', 'date of meeting'],
  decision: ['decision', 'outcome', 'result', 'disclosure decision'],
  decision_at: ['decision date', 'date of decision', 'outcome date', 'date decided', 'decided'],
  disclosure_at: ['disclosure date', 'date disclosed', 'date of disclosure', 'disclosed', 'disclosure made'],
  disclosure_method: ['disclosure method', 'method', 'method of disclosure', 'how disclosed', 'disclosure type'],
  exceptional_circumstances: ['exceptional circumstances', 'extension reason', 'delay reason', 'reason for delay', 'justification'],
  closed_at: ['closed', 'date closed', 'closed date', 'closure date', 'date of closure', 'finalised'],
  notes: ['notes', 'case notes', 'comments', 'narrative', 'remarks'],
  decision_maker_id: ['decision maker', 'decision maker id', 'decided by', 'authorised by', 'authorising officer'],
  decision_record_at: ['decision record', 'decision record date', 'rationale recorded', 'decision log date', 'decision rationale date'],
  decision_record_modified_at: ['decision record modified', 'decision record amended', 'rationale amended', 'rationale modified', 'last modified'],
  incident_id: ['incident number', 'incident reference', 'incident id', 'incident', 'crime number', 'crime reference', 'occurrence'],
  occurred_at: ['date of incident', 'incident date', 'occurred', 'offence date', 'date of offence'],
  victim_id: ['victim', 'victim reference', 'victim id', 'injured party'],
  suspect_id: ['suspect', 'suspect reference', 'suspect id', 'offender', 'perpetrator'],
  harm: ['harm', 'injury', 'injury level', 'injury severity', 'level of harm'],
  record_id: ['record number', 'record reference', 'record id', 'record'],
  recorded_at: ['date recorded', 'recorded', 'record date', 'recorded date'],
  category: ['record type', 'category', 'type'],
  domestic_abuse: ['da flag', 'domestic abuse', 'domestic abuse flag', 'domestic'],
  subject_role: ['subject role', 'role in record', 'involvement'],
  staff_id: ['staff number', 'staff id', 'staff reference', 'collar number', 'warrant number', 'employee number'],
  role: ['rank grade', 'rank', 'grade', 'role'],
  display_name: ['name', 'display name', 'full name'],
  referral_id: ['referral number', 'referral reference', 'referral id'],
  referred_at: ['date referred', 'referral date', 'referred'],
  body: ['referred to', 'body', 'referral body'],
  outcome: ['result', 'outcome', 'referral outcome'],
  member_id: ['member', 'member reference', 'member id', 'household member', 'relevant person'],
  relationship: ['relationship', 'relation', 'relationship to person at risk'],
  // (v2) persons
  person_id: ['person id', 'person reference', 'nominal', 'nominal id', 'nominal reference', 'person'],
  surname: ['surname', 'family name', 'last name'],
  forenames: ['forenames', 'forename', 'first name', 'first names', 'given names', 'given name'],
  date_of_birth: ['date of birth', 'birth date', 'birth'],
  pnc_id: ['pnc id', 'pnc number', 'pnc reference', 'pnc'],
  // (v2) checks
  check_id: ['check id', 'check reference', 'check number', 'search id', 'search reference'],
  system: ['system', 'system searched', 'database', 'source'],
  about: ['check on', 'about', 'checked person', 'searched person', 'subject of check'],
  performed_at: ['date checked', 'check date', 'date of check', 'performed', 'searched on', 'date searched'],
  performed_by: ['checked by', 'performed by', 'searched by', 'researcher'],
  searched_surname: ['surname searched', 'searched surname', 'name searched'],
  searched_date_of_birth: ['birth searched', 'searched birth', 'searched date of birth', 'date of birth searched'],
  result: ['result', 'check result', 'trace result', 'outcome'],
};

function tokens(text: string): string[] {
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  return words.flatMap((w) => (ABBREVIATIONS[w] ?? w).split(' '));
}

function nameScore(field: string, header: string): number {
  const h = tokens(header);
  const hs = new Set(h);
  if (hs.size === 0) return 0;
  let best = 0;
  for (const synonym of [field.replace(/_at$/, '').replace(/_/g, ' '), field.replace(/_/g, ' '), ...(SYNONYMS[field] ?? [])]) {
    const s = tokens(synonym);
    if (s.join(' ') === h.join(' ')) return 1;
    const ss = new Set(s);
    const common = [...ss].filter((t) => hs.has(t)).length;
    const union = new Set([...ss, ...hs]).size;
    best = Math.max(best, (0.9 * common) / union);
  }
  return best;
}

// ---- the shape of a column's values ----

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(:\d{2})?)?$/;
const YMD_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(:\d{2})?)?$/;
const NAMED_MONTH = /^(\d{1,2})([ -])([A-Za-z]{3})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(:\d{2})?)?$/;
const BOOLEAN = new Set(['yes', 'no', 'y', 'n', 'true', 'false', '1', '0']);

interface Shape {
  readonly filled: number;
  readonly dates: number;
  readonly booleans: number;
  readonly distinct: number;
  readonly spaced: number;
  readonly meanLength: number;
}

function isDateLike(v: string): boolean {
  return ISO_DATE.test(v) || NUMERIC_DATE.test(v) || YMD_SLASH.test(v) || NAMED_MONTH.test(v);
}

function shapeOf(values: readonly string[]): Shape {
  const filled = values.filter((v) => v !== '');
  return {
    filled: filled.length,
    dates: filled.filter(isDateLike).length,
    booleans: filled.filter((v) => BOOLEAN.has(v.toLowerCase())).length,
    distinct: new Set(filled).size,
    spaced: filled.filter((v) => /\s/.test(v)).length,
    meanLength: filled.reduce((s, v) => s + v.length, 0) / Math.max(1, filled.length),
  };
}

/** How well a column's values fit a field's kind: 0 (cannot be) to 1; 0.5 when nothing is known. */
function shapeScore(spec: FieldSpec, shape: Shape, values: readonly string[]): number {
  if (shape.filled === 0) return 0.5;
  const share = (n: number): number => n / shape.filled;
  switch (spec.kind) {
    case 'date':
      return share(shape.dates) >= 0.9 ? 1 : share(shape.dates) * 0.5;
    case 'boolean':
      return share(shape.booleans) >= 0.9 ? 1 : recognisedShare(spec.name, values) >= 0.9 ? 0.9 : 0.1;
    case 'enum': {
      if (share(shape.dates) > 0.5) return 0;
      const known = recognisedShare(spec.name, values);
      return known >= 0.9 ? 1 : shape.distinct <= 12 ? 0.5 : 0.1;
    }
    case 'id':
      return share(shape.dates) > 0.5 || share(shape.spaced) > 0.5 ? 0.1 : 0.8;
    case 'text':
    case 'presence':
    case 'recorded':
    case 'ignored':
      return share(shape.dates) > 0.5 ? 0.1 : shape.meanLength > 8 || share(shape.spaced) > 0.3 ? 0.9 : 0.5;
  }
}

// ---- codes ----

const VALUE_PATTERNS: Readonly<Record<string, readonly [RegExp, string][]>> = {
  route: [
    [/^(rta|r2a|right ?to ?ask|ask|request)$/i, 'right_to_ask'],
    [/^(rtk|r2k|right ?to ?know|know|proactive)$/i, 'right_to_know'],
  ],
  decision: [
    [/^(disc|disclose|disclosed|disclosure( made)?|yes)$/i, 'disclose'],
    [/^(nodisc|no ?disc|no ?disclosure|not ?disclosed|non ?disclosure|nd|no|refused|declined)$/i, 'no_disclosure'],
    [/^(nfa|np|not ?proceeded|no ?further ?action|closed ?no ?action)$/i, 'not_proceeded'],
    [/^(wdn|wd|w\/d|withdrawn|withdrew)$/i, 'withdrawn'],
  ],
  disclosure_method: [
    [/^(f2f|ftf|face ?to ?face|in ?person|person|visit)$/i, 'in_person'],
    [/^(tel|phone|telephone|call|phone ?call)$/i, 'telephone'],
    [/^(letter|written|writing|email|e-mail|post)$/i, 'written'],
    [/^(other|oth)$/i, 'other'],
  ],
  immediate_risk: [
    [/^(yes|y|true|1)$/i, 'yes'],
    [/^(no|n|false|0)$/i, 'no'],
  ],
  system: [
    [/^(pnc|police ?national ?computer)$/i, 'pnc'],
    [/^(pnd|police ?national ?database)$/i, 'pnd'],
    [/^(visor|vi ?sor)$/i, 'visor'],
    [/^(local|lcl|local ?systems?|niche|athena|storm)$/i, 'local'],
    [/^(partner|partners?|partner ?agency|mash|marac)$/i, 'partner'],
    [/^(other|oth)$/i, 'other'],
  ],
  about: [
    [/^(subj|subject|perpetrator|perp)$/i, 'subject'],
    [/^(par|person ?at ?risk|victim|pv)$/i, 'person_at_risk'],
    [/^(app|applicant|requester)$/i, 'applicant'],
  ],
  result: [
    [/^(trace|traced|t|found|hit|yes|y)$/i, 'trace'],
    [/^(no ?trace|nt|nft|nothing ?found|nil|no|n|none)$/i, 'no_trace'],
  ],
};

const CANONICAL: Readonly<Record<string, readonly string[]>> = {
  route: ROUTES,
  decision: DECISIONS,
  disclosure_method: DISCLOSURE_METHODS,
  immediate_risk: ['yes', 'no', 'y', 'n', 'true', 'false', '1', '0'],
  system: CHECK_SYSTEMS,
  about: CHECK_ABOUT,
  result: CHECK_RESULTS,
};

/** The canonical value of an export value, `''` when it is already read as is, null when unknown. */
function canonicalValue(field: string, value: string): string | null {
  if ((CANONICAL[field] ?? []).includes(normaliseEnum(value))) return '';
  for (const [pattern, canonical] of VALUE_PATTERNS[field] ?? []) if (pattern.test(value.trim())) return canonical;
  return null;
}

function recognisedShare(field: string, values: readonly string[]): number {
  const filled = values.filter((v) => v !== '');
  if (filled.length === 0 || !VALUE_PATTERNS[field]) return 0;
  return filled.filter((v) => canonicalValue(field, v) !== null).length / filled.length;
}

// ---- dates ----

interface DateEvidence {
  dayFirst: number;
  monthFirst: number;
  numeric: number;
  separators: Set<string>;
  shortYear: boolean;
  withTime: boolean;
  withSeconds: boolean;
  ymdSlash: boolean;
  namedMonth: Set<string>;
}

function dateFormatsFor(values: readonly string[], warnings: string[]): string[] {
  const e: DateEvidence = {
    dayFirst: 0,
    monthFirst: 0,
    numeric: 0,
    separators: new Set(),
    shortYear: false,
    withTime: false,
    withSeconds: false,
    ymdSlash: false,
    namedMonth: new Set(),
  };
  for (const v of values) {
    let m = NUMERIC_DATE.exec(v);
    if (m) {
      e.numeric += 1;
      if (Number(m[1]) > 12) e.dayFirst += 1;
      if (Number(m[3]) > 12) e.monthFirst += 1;
      e.separators.add(m[2]!);
      if (m[4]!.length === 2) e.shortYear = true;
      if (m[5] !== undefined) e.withTime = true;
      if (m[7] !== undefined) e.withSeconds = true;
      continue;
    }
    m = YMD_SLASH.exec(v);
    if (m) {
      e.ymdSlash = true;
      if (m[4] !== undefined) e.withTime = true;
      if (m[6] !== undefined) e.withSeconds = true;
      continue;
    }
    m = NAMED_MONTH.exec(v);
    if (m) {
      e.namedMonth.add(m[2]!);
      if (m[5] !== undefined) e.withTime = true;
      if (m[7] !== undefined) e.withSeconds = true;
    }
  }
  const dates: string[] = [];
  const times = (date: string): string[] => [
    ...(e.withSeconds ? [`${date} HH:mm:ss`] : []),
    ...(e.withTime ? [`${date} HH:mm`] : []),
    date,
  ];
  if (e.numeric > 0) {
    let order: 'dd/MM' | 'MM/dd' = 'dd/MM';
    if (e.dayFirst > 0 && e.monthFirst > 0) {
      warnings.push(`dates: some values read as day first (${e.dayFirst}) and some as month first (${e.monthFirst}); assumed dd/MM (UK), check the rest`);
    } else if (e.monthFirst > 0) {
      order = 'MM/dd';
      warnings.push(`dates: values such as 12/31 put the month first; using MM/dd (US order) — check this is right`);
    } else if (e.dayFirst === 0) {
      warnings.push(`dates: dd/MM or MM/dd is ambiguous — no day above 12 in ${e.numeric} sampled values; assumed dd/MM (UK)`);
    }
    const year = e.shortYear ? 'yy' : 'yyyy';
    for (const sep of [...e.separators].sort()) {
      const date = order === 'dd/MM' ? `dd${sep}MM${sep}${year}` : `MM${sep}dd${sep}${year}`;
      dates.push(...times(date));
    }
  }
  if (e.ymdSlash) dates.push(...times('yyyy/MM/dd'));
  for (const sep of [...e.namedMonth].sort()) dates.push(...times(`dd${sep}MMM${sep}yyyy`));
  return [...new Set(dates)];
}

// ---- putting it together ----

const THRESHOLD = 0.5;

export function guessMapping(headers: readonly string[], rows: readonly (readonly string[])[], table: TableName = 'applications'): MappingGuess {
  const specs = TABLE_FIELDS[table] as readonly FieldSpec[];
  const columnValues = headers.map((_, c) => rows.map((r) => (r[c] ?? '').trim()));
  const shapes = columnValues.map(shapeOf);
  const pairs: { field: string; header: number; score: number }[] = [];
  for (const spec of specs) {
    headers.forEach((header, c) => {
      const name = nameScore(spec.name, header);
      if (name === 0) return;
      const shape = shapeScore(spec, shapes[c]!, columnValues[c]!);
      let score = 0.7 * name + 0.3 * shape;
      if (shape < 0.3) score *= 0.3;
      pairs.push({ field: spec.name, header: c, score });
    });
  }
  pairs.sort((a, b) => b.score - a.score || a.header - b.header || compareText(a.field, b.field));
  const columns: Record<string, string> = {};
  const taken = new Set<number>();
  for (const p of pairs) {
    if (p.score < THRESHOLD || columns[p.field] !== undefined || taken.has(p.header)) continue;
    columns[p.field] = headers[p.header]!;
    taken.add(p.header);
  }

  const warnings: string[] = [];
  const valuesOf = (field: string): string[] => {
    const c = headers.indexOf(columns[field] ?? '\u0000');
    return c === -1 ? [] : columnValues[c]!;
  };
  const dateValues = specs.filter((s) => s.kind === 'date').flatMap((s) => valuesOf(s.name).filter((v) => v !== ''));
  const dateFormats = dateFormatsFor(dateValues, warnings);

  const values: Record<string, Record<string, string>> = {};
  for (const field of Object.keys(VALUE_PATTERNS)) {
    if (columns[field] === undefined || !specs.some((f) => f.name === field)) continue;
    const map: Record<string, string> = {};
    const unknown: string[] = [];
    for (const v of [...new Set(valuesOf(field).filter((x) => x !== ''))].sort()) {
      const canonical = canonicalValue(field, v);
      if (canonical === null) unknown.push(v);
      else if (canonical !== '') map[v] = canonical;
    }
    if (Object.keys(map).length > 0) values[field] = map;
    if (unknown.length > 0) {
      warnings.push(`${field}: values not recognised, map them in inputs.${table}.values.${field}: ${unknown.map((u) => JSON.stringify(u)).join(', ')}`);
    }
  }

  const ordered: Record<string, string> = {};
  for (const spec of specs) if (columns[spec.name] !== undefined) ordered[spec.name] = columns[spec.name]!;
  return {
    columns: ordered,
    values,
    dateFormats,
    unmapped: specs.filter((s) => columns[s.name] === undefined).map((s) => ({ field: s.name, required: s.required })),
    unusedHeaders: headers.filter((_, c) => !taken.has(c)),
    warnings,
  };
}

export interface TableGuess {
  readonly table: TableName;
  readonly guess: MappingGuess;
}

/**
 * (v2) Which table an export is: the table whose required fields the headers map best (then the
 * most fields mapped; then the order of TABLES, applications first).
 */
export function guessTable(headers: readonly string[], rows: readonly (readonly string[])[]): TableGuess {
  let best: { table: TableName; guess: MappingGuess; required: number; mapped: number } | null = null;
  for (const table of TABLES) {
    const guess = guessMapping(headers, rows, table);
    const specs = TABLE_FIELDS[table] as readonly FieldSpec[];
    const needed = specs.filter((f) => f.required);
    const required = needed.filter((f) => guess.columns[f.name] !== undefined).length / needed.length;
    const mapped = Object.keys(guess.columns).length / specs.length;
    if (best === null || required > best.required || (required === best.required && mapped > best.mapped)) best = { table, guess, required, mapped };
  }
  return { table: best!.table, guess: best!.guess };
}
