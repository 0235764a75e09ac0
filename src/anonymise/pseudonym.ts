/**
 * Keyed pseudonyms (HMAC-SHA-256) and the key-derived date offset. The same key gives the same
 * pseudonym for an id in every table and every run, so anonymised copies of two exports join;
 * without the key the pseudonyms cannot be reversed or recomputed.
 */
import { createHmac } from 'node:crypto';
import { UsageError } from '../errors.js';
import { forenameInitial, normaliseName } from '../model/identity.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const DEFAULT_KEY_ENV = 'DVDS_ANONYMISE_KEY';
export const MIN_KEY_LENGTH = 32;

/**
 * Id namespaces. People share one (an applicant may be the person at risk, a subject may be a
 * suspect), and so do staff (handler_id and staff_id), so joins survive.
 */
export const ID_KINDS = ['application', 'person', 'staff', 'incident', 'record', 'referral', 'check', 'pnc'] as const;
export type IdKind = (typeof ID_KINDS)[number];

const PREFIX: Readonly<Record<IdKind, string>> = {
  application: 'APP-',
  person: 'PER-',
  staff: 'STF-',
  incident: 'INC-',
  record: 'REC-',
  referral: 'REF-',
  check: 'CHK-',
  pnc: 'PNC-',
};

/** The key from the environment variable, or a UsageError: there is never a default key. */
export function keyFromEnv(env: Readonly<Record<string, string | undefined>>, variable: string): string {
  const key = env[variable];
  if (key === undefined || key === '') {
    throw new UsageError(
      `no key: set the environment variable ${variable} to a secret of at least ${MIN_KEY_LENGTH} characters (e.g. the output of "openssl rand -hex 32"); there is no default key`,
    );
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw new UsageError(`the key in ${variable} is ${key.length} characters; it must be at least ${MIN_KEY_LENGTH}`);
  }
  return key;
}

/** Pseudonyms of one key, cached per id (people and staff recur across rows and tables). */
export class Pseudonymiser {
  private readonly cache = new Map<string, string>();

  private initials: string | null = null;

  constructor(private readonly key: string) {}

  /**
   * (v2) A surname as a keyed pseudonym of its normalised form, in the letters A-Z: equal names
   * stay equal, and normalising the pseudonym leaves it as it is.
   */
  surname(text: string): string {
    const normal = normaliseName(text);
    if (normal === '') return '';
    const cacheKey = `surname\u0000${normal}`;
    let p = this.cache.get(cacheKey);
    if (p === undefined) {
      const digest = createHmac('sha256', this.key).update(`dvds-audit/surname\u0000${normal}`).digest();
      p = Array.from(digest.subarray(0, 12), (b) => LETTERS[b % 26]!).join('');
      this.cache.set(cacheKey, p);
    }
    return p;
  }

  /**
   * (v2) Forenames as one letter: the normalised initial through a permutation of A-Z drawn from
   * the key, so two records keep only whether their initials are equal.
   */
  forenames(text: string): string {
    const initial = forenameInitial(text);
    if (initial === null) return '';
    this.initials ??= keyedPermutation(this.key);
    return this.initials[LETTERS.indexOf(initial)]!;
  }

  of(kind: IdKind, id: string): string {
    const cacheKey = `${kind}\u0000${id}`;
    let p = this.cache.get(cacheKey);
    if (p === undefined) {
      p = pseudonym(this.key, kind, id);
      this.cache.set(cacheKey, p);
    }
    return p;
  }
}

/** e.g. `PER-3f9a0c1b2d4e5f60`: a prefix for the kind, then 16 hex digits of HMAC-SHA-256(key, kind, id). */
export function pseudonym(key: string, kind: IdKind, id: string): string {
  const digest = createHmac('sha256', key).update(`dvds-audit/${kind}\u0000${id}`).digest('hex');
  return PREFIX[kind] + digest.slice(0, 16);
}

/** A permutation of A-Z from the key (Fisher-Yates over HMAC-SHA-256 bytes). */
function keyedPermutation(key: string): string {
  const letters = LETTERS.split('');
  const bytes = createHmac('sha256', key).update('dvds-audit/initials/v1').digest();
  for (let i = letters.length - 1; i > 0; i--) {
    const j = bytes.readUInt8(i % bytes.length) % (i + 1);
    [letters[i], letters[j]] = [letters[j]!, letters[i]!];
  }
  return letters.join('');
}

/** The whole-week offset for --shift-weeks: 1 to 52 weeks, from the key alone. */
export function shiftWeeks(key: string): number {
  const digest = createHmac('sha256', key).update('dvds-audit/shift-weeks/v1').digest();
  return 1 + (digest.readUInt32BE(0) % 52);
}
