import { describe, expect, it } from 'vitest';
import { detached } from '../../src/load/detach.js';

describe('detached', () => {
  it.each(['', 'A1', 'x'.repeat(12), 'x'.repeat(13), 'APP-2023-000123', 'é’ and more than thirteen'])('gives the same text for %j', (text) => {
    const source = `,,${text},,`;
    expect(detached(source.slice(2, 2 + text.length))).toBe(text);
  });
});
