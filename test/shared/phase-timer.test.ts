/** The phase timer on a stand-in clock and process: what it records, and the line format. */
import { describe, expect, it } from 'vitest';
import { startPhaseTimer, timingLines } from '../../src/shared/phase-timer.js';

describe('phase timer', () => {
  it('times each phase from the end of the one before, and the total from the start', () => {
    const ticks = [1000, 1250.4, 1300, 2300.6];
    const rss = [100, 200, 300].map((m) => m * 2 ** 20);
    const timer = startPhaseTimer(
      () => ticks.shift()!,
      () => ({ rss: rss.shift()!, heapUsed: 50 * 2 ** 20 }),
    );
    expect(timer.figures()).toEqual([]);
    timer.end('load');
    timer.end('rules');
    timer.end('decide');
    expect(timingLines(timer.figures())).toEqual([
      'timing load: 250 ms, rss 100 MiB, heap used 50 MiB',
      'timing rules: 50 ms, rss 200 MiB, heap used 50 MiB',
      'timing decide: 1001 ms, rss 300 MiB, heap used 50 MiB',
      'timing total: 1301 ms, rss 300 MiB, heap used 50 MiB',
    ]);
  });
});
