/**
 * Keyed pseudonyms (HMAC-SHA-256) and the key-derived date offset. The same key gives the same
 * pseudonym for an id in every table and every run, so anonymised copies of two exports join;
 * without the key the pseudonyms cannot be reversed or recomputed.
 */
import { createHmac, randomBytes } from 'node:crypto';
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

/**
 * The least estimated strength of a key, in bits (see keyBits). What `--new-key` gives estimates at
 * 185 or more, a random hex key of 32 characters (128 bits, `openssl rand -hex 16`) at 96 or more
 * (5,000 drawn): 80 refuses none of those, and every key built from a word, a run or a repeat.
 */
export const MIN_KEY_BITS = 80;
/** The fewest distinct characters a key may have (a random hex key of 32 characters has about 14). */
export const MIN_KEY_DISTINCT = 8;

/** How to get a strong key, in every refusal. */
const GET_A_KEY = 'run "dvds-audit anonymise --new-key" (or "openssl rand -base64 32") for a strong one';

/** Shannon entropy of the symbols, in bits per symbol. */
function shannonBits(symbols: readonly (string | number)[]): number {
  const counts = new Map<string | number, number>();
  for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / symbols.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** The length of the shortest piece the text repeats (the whole length when it repeats none). */
function period(chars: readonly string[]): number {
  for (let p = 1; p < chars.length; p++) {
    let repeats = true;
    for (let i = p; i < chars.length && repeats; i++) repeats = chars[i] === chars[i - p];
    if (repeats) return p;
  }
  return chars.length;
}

/**
 * An estimate, in bits, of how hard a key is to guess, from its characters alone: the Shannon
 * entropy of its characters times their number, counting a repeated piece once ("abcd" x 8 is
 * "abcd"), and no more than the same measure of the steps between neighbouring characters, so a
 * run such as "abcdef..." or "0123..." counts little. It errs high for words (a passphrase counts
 * as random letters) and cannot know a key was taken from a list, so it only stops the keys that
 * are plainly weak; `--new-key` is the way to a strong one.
 */
export function keyBits(key: string): number {
  const chars = [...key].slice(0, period([...key]));
  const steps = chars.slice(1).map((c, i) => c.codePointAt(0)! - chars[i]!.codePointAt(0)!);
  return Math.min(shannonBits(chars) * chars.length, steps.length === 0 ? 0 : shannonBits(steps) * steps.length);
}

/** Why a key is too weak to use, or null. */
export function keyWeakness(key: string): string | null {
  const length = [...key].length;
  if (length < MIN_KEY_LENGTH) return `is ${length} characters; it must be at least ${MIN_KEY_LENGTH}`;
  const distinct = new Set(key).size;
  const bits = Math.floor(keyBits(key));
  if (distinct < MIN_KEY_DISTINCT || bits < MIN_KEY_BITS) {
    return (
      `is too easy to guess (${distinct} distinct characters, about ${bits} bits estimated; at least ${MIN_KEY_DISTINCT} and ${MIN_KEY_BITS} needed): ` +
      'whoever guesses it can recompute every pseudonym from a list of likely ids'
    );
  }
  return null;
}

/** A strong random key: 32 bytes from the system's CSPRNG as base64url (43 characters, 256 bits). */
export function newKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The key from the environment variable, or a UsageError: there is never a default key, nor a weak one. */
export function keyFromEnv(env: Readonly<Record<string, string | undefined>>, variable: string): string {
  const key = env[variable];
  if (key === undefined || key === '') {
    throw new UsageError(`no key: set the environment variable ${variable} to a secret of at least ${MIN_KEY_LENGTH} characters (${GET_A_KEY}); there is no default key`);
  }
  const weakness = keyWeakness(key);
  if (weakness !== null) throw new UsageError(`the key in ${variable} ${weakness}; ${GET_A_KEY}`);
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
