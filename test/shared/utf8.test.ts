import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Batches, utf8Bytes } from '../../src/shared/utf8.js';

const joined = (batches: Iterable<Buffer>): string => Buffer.concat([...batches].map((b) => Buffer.from(b))).toString('utf8');

describe('utf8Bytes', () => {
  it('is the UTF-8 of the text, astral and lone-surrogate characters as Buffer.from writes them', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Bytes(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
      }),
    );
  });
});

describe('utf8Batches', () => {
  it('gives the pieces joined, byte for byte, at any batch size, reused or not', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 40 }), fc.integer({ min: 1, max: 64 }), fc.boolean(), (pieces, size, reuse) => {
        // Each batch is copied as it comes: with reuse, the next one overwrites it.
        const copies: Buffer[] = [];
        for (const b of utf8Batches(pieces, { size, reuse })) copies.push(Buffer.from(b));
        expect(joined(copies)).toBe(pieces.join(''));
        for (const c of copies.slice(0, -1)) expect(c.length).toBeGreaterThan(0);
      }),
    );
  });

  it('fills a batch before it hands it on and keeps each batch without reuse', () => {
    const batches = [...utf8Batches(['ab', 'cd', 'ef', 'g'], { size: 6, reuse: false })];
    // Room is kept for 3 bytes a character: 'cd' (up to 6) does not fit after 'ab', 'g' (3) fits after 'ef'.
    expect(batches.map((b) => b.toString('utf8'))).toEqual(['ab', 'cd', 'efg']);
  });

  it('gives a piece longer than a batch on its own', () => {
    const batches = [...utf8Batches(['a', 'x'.repeat(10), 'b'], { size: 6, reuse: false })].map((b) => b.toString('utf8'));
    expect(batches).toEqual(['a', 'x'.repeat(10), 'b']);
  });
});
