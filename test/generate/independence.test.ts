/**
 * The generator's ground truth of the decisions (referral-truth.ts) is worked out afresh from the
 * planted dates, so a slip in src/decide shows as a difference in the ground-truth test: nothing
 * the generator loads, directly or through another module, may come from src/decide.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const RELATIVE_IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;

/** Every source file a file loads, itself included, following relative imports (type-only ones too). */
async function closure(entries: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(file, 'utf8');
    for (const [, specifier] of text.matchAll(RELATIVE_IMPORT)) {
      const target = resolve(dirname(file), specifier!).replace(/\.js$/, '.ts');
      if (!existsSync(target)) throw new Error(`${relative('.', file)} imports ${specifier}, which is not a source file`);
      stack.push(target);
    }
  }
  return [...seen].map((f) => relative('.', f).split('\\').join('/')).sort();
}

describe('generate: independence from src/decide', () => {
  it('no module the generator loads comes from src/decide', async () => {
    const dir = resolve('src/generate');
    const entries = (await readdir(dir)).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
    const loaded = await closure(entries);
    // The walk reaches what it should: the referral truth, and the rules whose defaults it reads.
    expect(loaded).toContain('src/generate/referral-truth.ts');
    expect(loaded).toContain('rules/harm-after-request.ts');
    expect(loaded.filter((f) => f.startsWith('src/decide/'))).toEqual([]);
  });
});
