/**
 * Exact binomial tail probabilities and quantiles, for the handler outlier test and its funnel
 * plot. Sums in log space so n in the tens of thousands neither overflows nor underflows.
 */

const logFactorialCache: number[] = [0];

function logFactorial(n: number): number {
  for (let i = logFactorialCache.length; i <= n; i++) {
    logFactorialCache[i] = logFactorialCache[i - 1]! + Math.log(i);
  }
  return logFactorialCache[n]!;
}

/** log P(X = k) for X ~ Binomial(n, p), 0 < p < 1. */
function logPmf(k: number, n: number, p: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logPmf(k, n, p));
}

/** One-sided upper tail P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let sum = 0;
  for (let i = k; i <= n; i++) sum += binomialPmf(i, n, p);
  return Math.min(1, sum);
}

/** P(X ≤ k). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += binomialPmf(i, n, p);
  return Math.min(1, sum);
}

/** Smallest k with P(X ≤ k) ≥ q: the q-quantile of Binomial(n, p). */
export function binomialQuantile(q: number, n: number, p: number): number {
  let cumulative = 0;
  for (let k = 0; k <= n; k++) {
    cumulative += binomialPmf(k, n, p);
    if (cumulative >= q - 1e-12) return k;
  }
  return n;
}
