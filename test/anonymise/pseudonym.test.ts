/**
 * (v2) Names in an anonymised copy: a surname becomes a keyed pseudonym of its normalised form, so
 * the identity comparisons of the source-case rules give the same answers on the copy.
 */
import { describe, expect, it } from 'vitest';
import { Pseudonymiser } from '../../src/anonymise/pseudonym.js';
import { forenameInitial, normaliseName } from '../../src/model/identity.js';

const KEY = 'k'.repeat(40);

describe('name pseudonyms', () => {
  const ids = new Pseudonymiser(KEY);

  it.each([
    ["O'Brien-Smith", 'OBRIEN SMITH'],
    ['Zoë', 'ZOE'],
    ['mcdonald', 'McDonald'],
  ])('%j and %j, equal when normalised, stay equal', (a, b) => {
    expect(ids.surname(a)).toBe(ids.surname(b));
    expect(ids.surname(a)).toMatch(/^[A-Z]{12}$/);
    // Normalising the pseudonym leaves it as it is, so the rules compare it as they did the name.
    expect(normaliseName(ids.surname(a))).toBe(ids.surname(a));
  });

  it('different names, different pseudonyms; another key, other pseudonyms; never the name', () => {
    expect(ids.surname('Smith')).not.toBe(ids.surname('Smyth'));
    expect(new Pseudonymiser('j'.repeat(40)).surname('Smith')).not.toBe(ids.surname('Smith'));
    expect(ids.surname('Smith')).not.toContain('SMITH');
    expect(ids.surname("'-")).toBe('');
  });

  it('forenames keep only whether two initials are equal', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
    const mapped = letters.map((l) => ids.forenames(`${l}ohn`));
    expect(new Set(mapped).size).toBe(26);
    expect(ids.forenames('Mary Ann')).toBe(ids.forenames('mark'));
    expect(ids.forenames('Émile')).toBe(ids.forenames('Eric'));
    expect(forenameInitial(ids.forenames('Mary'))).toBe(ids.forenames('Mary'));
    expect(ids.forenames('')).toBe('');
  });
});
