/** A rate (0..1) as a percentage with one decimal, the same in every message and format. */
export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
