/**
 * Compact findings (issue 13): a finding holds its identity and the decisions' members, and keeps
 * the values its message and evidence are made of, as the rule reported them; the message and the
 * evidence object are built each time they are read and dropped after. Held, the built text
 * (a rope of concatenations) and evidence took ~285 bytes a finding (measured at 100k applications).
 *
 * `message` and `evidence` are own enumerable accessors, so whatever reads a finding as a plain
 * object (a spread, JSON.stringify, for...in, a test's toEqual) sees them as values.
 */
import type { Category, Evidence, Finding, FindingList, Severity } from '../model/report.js';

/** What a finding says: the one sentence and the evidence behind it. */
export interface FindingDescription<E = Evidence> {
  readonly message: string;
  readonly evidence: E;
}

/**
 * Where a compact finding's description comes from: the input the rule reported, and the rule's
 * describer (shared by all its findings), which builds and checks it.
 */
export interface DescriptionSource<I = unknown> {
  describe(input: I): FindingDescription;
}

// The last description built, by input: a writer reads a finding's message and evidence (and the
// JSON writer each member twice) one after the other, so one description serves them all.
let lastInput: unknown = null;
let lastDescription: FindingDescription | null = null;

function described(source: DescriptionSource, input: unknown): FindingDescription {
  if (lastInput !== input || lastDescription === null) {
    const d = source.describe(input);
    lastInput = input;
    lastDescription = d;
  }
  return lastDescription;
}

/** The members a run finding takes as decisions are made (the report's Finding has them read-only). */
export type FindingMembers = Pick<Finding, 'status' | 'firstSeen' | 'dismissed' | 'list' | 'handlerId' | 'receivedAt'>;

/**
 * An object whose `message` and `evidence` are built from its source on each read: own enumerable
 * accessors, one descriptor pair for every such object, so they share hidden classes and read as
 * fast as plain members.
 */
export class Described {
  readonly #source: DescriptionSource;
  readonly #input: unknown;
  declare readonly message: string;
  declare readonly evidence: Evidence;

  constructor(source: DescriptionSource, input: unknown) {
    this.#source = source;
    this.#input = input;
    Object.defineProperty(this, 'message', Described.#MESSAGE);
    Object.defineProperty(this, 'evidence', Described.#EVIDENCE);
  }

  static readonly #MESSAGE: PropertyDescriptor = {
    get(this: Described) {
      return described(this.#source, this.#input).message;
    },
    enumerable: true,
    configurable: true,
  };

  static readonly #EVIDENCE: PropertyDescriptor = {
    get(this: Described) {
      return described(this.#source, this.#input).evidence;
    },
    enumerable: true,
    configurable: true,
  };

  /** The same source and input, for a copy that describes itself alike. */
  protected sameDescription(): [DescriptionSource, unknown] {
    return [this.#source, this.#input];
  }
}

type FindingFields = Omit<Finding, 'message' | 'evidence'>;

/** A finding of a run: the report's Finding, its message and evidence built on each read. */
export class CompactFinding extends Described implements Finding {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly category: Category;
  // Declared, not initialised: an absent member is no own property at all, as in a plain finding.
  declare readonly applicationId?: string;
  declare readonly staffId?: string;
  declare status?: 'new' | 'unchanged';
  firstSeen: string;
  declare dismissed?: true;
  declare list?: FindingList;
  declare handlerId?: string;
  declare receivedAt?: string;

  constructor(fields: FindingFields, source: DescriptionSource, input: unknown) {
    super(source, input);
    this.fingerprint = fields.fingerprint;
    this.ruleId = fields.ruleId;
    this.severity = fields.severity;
    this.category = fields.category;
    if (fields.applicationId !== undefined) (this as { applicationId?: string }).applicationId = fields.applicationId;
    if (fields.staffId !== undefined) (this as { staffId?: string }).staffId = fields.staffId;
    this.firstSeen = fields.firstSeen;
    for (const key of OPTIONAL_MEMBERS) if (fields[key] !== undefined) (this as Record<string, unknown>)[key] = fields[key];
  }

  /** This finding with some members set: a new finding sharing the same description. */
  with(members: Partial<FindingMembers>): CompactFinding {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(this)) if (key !== 'message' && key !== 'evidence') fields[key] = (this as Record<string, unknown>)[key];
    return new CompactFinding({ ...(fields as unknown as FindingFields), ...members }, ...this.sameDescription());
  }
}

const OPTIONAL_MEMBERS = ['status', 'dismissed', 'list', 'handlerId', 'receivedAt'] as const;

/**
 * A finding with some members set, without touching the one given: a compact finding stays
 * compact (a spread would build and keep its message and evidence); a plain one is spread.
 */
export function withMembers(f: Finding, members: Partial<FindingMembers>): Finding {
  return f instanceof CompactFinding ? f.with(members) : { ...f, ...members };
}
