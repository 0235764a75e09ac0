/**
 * Keys for anonymise (issue 15 item 8): a guessable key would let anyone recompute the pseudonyms
 * from a list of likely ids (a 32-character key of one letter reversed 400 of 400), so keys too
 * short, of few characters, repeating a piece or running in sequence are refused; `--new-key`'s
 * keys, and random hex keys of 32 characters or more, never are.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anonymise } from '../../src/anonymise/anonymise.js';
import { keyBits, keyFromEnv, keyWeakness, MIN_KEY_BITS, newKey } from '../../src/anonymise/pseudonym.js';
import { UsageError } from '../../src/errors.js';

const WEAK = {
  'one letter, 32 times': 'a'.repeat(32),
  'one letter, 64 times': 'Z'.repeat(64),
  'two letters alternating': 'ab'.repeat(20),
  'a phrase repeated': 'source-case-key-'.repeat(3),
  'a password repeated': 'password1234'.repeat(3),
  'the alphabet and digits in order': 'abcdefghijklmnopqrstuvwxyz0123456789',
  'digits in order, repeated': '0123456789'.repeat(4),
  'a name and a run': 'test-key-0123456789-abcdefghijklmnopqrstuvwxyz',
  'seven characters shuffled': 'abcdefgbadcfegagfedcbaabcdefgbadcfeg',
};

describe('anonymise keys', () => {
  it.each(Object.entries(WEAK))('refuses %s', (_name, key) => {
    expect(keyWeakness(key)).toMatch(/^is too easy to guess \(\d+ distinct characters, about \d+ bits estimated; at least 8 and 80 needed\)/);
    expect(() => keyFromEnv({ K: key }, 'K')).toThrow(UsageError);
    expect(() => keyFromEnv({ K: key }, 'K')).toThrow(/the key in K is too easy to guess .*; run "dvds-audit anonymise --new-key"/);
  });

  it('refuses a short key by its length, and no key at all, saying how to get one', () => {
    expect(keyWeakness('short')).toBe('is 5 characters; it must be at least 32');
    expect(() => keyFromEnv({}, 'K')).toThrow(/no key: set the environment variable K .*--new-key/);
  });

  it('the library refuses a weak key as the CLI does, before reading anything', async () => {
    await expect(anonymise({ input: '/nonexistent', out: '/nonexistent-out', key: 'a'.repeat(32), shiftWeeks: false, cwd: '/' })).rejects.toThrow(
      /^the key is too easy to guess/,
    );
  });

  it('accepts every key --new-key gives (43 base64url characters, all different) and random hex keys', () => {
    const keys = Array.from({ length: 1000 }, () => newKey());
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(keyWeakness(key)).toBeNull();
    }
    for (let i = 0; i < 1000; i++) {
      expect(keyWeakness(randomBytes(16).toString('hex'))).toBeNull();
      expect(keyWeakness(randomBytes(32).toString('base64'))).toBeNull();
    }
  });

  it('estimates a repeat by its piece and a run by its steps', () => {
    expect(keyBits('a'.repeat(32))).toBe(0);
    expect(keyBits('qC8cZBENDA8iIbJW'.repeat(2))).toBe(keyBits('qC8cZBENDA8iIbJW'));
    expect(keyBits('abcdefghijklmnopqrstuvwxyzABCDEF')).toBeLessThan(MIN_KEY_BITS);
    expect(keyBits('qC8cZBENDA8iIbJWDffe9oIV5QnGYIhhd5U4MzP8KuE')).toBeGreaterThan(150);
  });
});
