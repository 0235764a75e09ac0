/**
 * A handler whose cases fail improbably often against the force-wide failure rate: a funnel-plot
 * outlier above the 99.8% limit, tested exactly with the one-sided binomial tail.
 */
import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { binomialUpperTail } from '../src/stats/binomial.js';
import { percent } from '../src/shared/percent.js';

export default defineRule({
  id: 'handler-outlier',
  title: 'Handler with improbably many service failures',
  firesWhen: 'a handler with ≥ 20 cases has improbably many service failures (binomial tail < 0.001)',
  category: 'conduct',
  severity: 'high',
  failureType: 'none',
  serviceFailure: false,
  decisionBasis: false,
  rationale:
    'IOPC learning and the Wiltshire review (2023–24): the failures were concentrated in one staff member\'s applications, and ' +
    'Police Reform Act 2002 Part 2 covers police staff as well as officers; a handler whose failure rate lies above the 99.8% ' +
    'funnel-plot limit (one-sided binomial P(X ≥ failures | n, p0) < 0.001) against the rate of all handled cases warrants review.',
  readsServiceFailures: true,
  // Without `handler_id` no case has a handler and the rule would report no outlier as if none were.
  columns: { applications: ['handler_id'] },
  options: z.strictObject({
    minCases: z.number().int().positive().max(1_000_000).default(20).describe('handlers with fewer cases are not tested: too few to tell chance from pattern'),
    alpha: z.number().gt(0).lt(1).default(0.001).describe('the one-sided tail probability below which a handler is an outlier'),
  }),
  evidence: z.strictObject({
    n: z.number().int(),
    failures: z.number().int(),
    rate: z.number(),
    p0: z.number(),
    p0Failures: z.number().int(),
    p0Cases: z.number().int(),
    tailProbability: z.number(),
    threshold: z.number(),
    minCases: z.number().int(),
    failingApplicationIds: z.array(z.string()),
  }),
  check(ctx, options) {
    const { dataset } = ctx;
    // An application fails when any service-failure rule reported it (once, however many did).
    const failing = new Set<string>();
    for (const f of ctx.serviceFailures()) if (f.applicationId !== undefined) failing.add(f.applicationId);

    // Each handler's failing cases, in id order (sort() compares UTF-16 code units), as an export
    // in any row order gives.
    const handlers = dataset.handlerIds().map((h) => {
      const handled = dataset.applicationsByHandler(h);
      const failed = handled.filter((a) => failing.has(a.application_id)).map((a) => a.application_id).sort();
      return { h, n: handled.length, failed };
    });
    const cases = handlers.reduce((sum, x) => sum + x.n, 0);
    const failures = handlers.reduce((sum, x) => sum + x.failed.length, 0);
    if (cases === 0 || failures === 0) return;
    const p0 = failures / cases;

    for (const { h, n, failed } of handlers) {
      if (n < options.minCases) continue;
      const k = failed.length;
      const tail = binomialUpperTail(k, n, p0);
      if (!(tail < options.alpha)) continue;
      const rate = k / n;
      ctx.report({
        staffId: h,
        describe: () => ({
          message:
            `Handler ${h} had ${k} failing cases out of ${n} (${percent(rate)}) against ${percent(p0)} over all handled cases, ` +
            `a tail probability of ${tail.toPrecision(3)}, below ${options.alpha}.`,
          evidence: {
            n,
            failures: k,
            rate,
            p0,
            p0Failures: failures,
            p0Cases: cases,
            tailProbability: tail,
            threshold: options.alpha,
            minCases: options.minCases,
            failingApplicationIds: failed,
          },
        }),
      });
    }
  },
});
