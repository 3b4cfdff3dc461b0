/**
 * Time to first reply, kept as a histogram so that days add up and percentiles of any range
 * come out of the rollups exactly as a recount computes them. Buckets grow by 5 %: bucket i
 * holds durations in (1.05^(i-1), 1.05^i] seconds, bucket 0 anything up to one second. A
 * percentile is reported as its bucket's upper bound, so it is never more than 5 % above the
 * exact value (docs/operations/statistics.md).
 */
const GROWTH = 1.05;
const LOG_GROWTH = Math.log(GROWTH);

export function firstReplyBucket(seconds: number): number {
  if (!(seconds > 1)) return 0;
  // Rounding guards against 1.05^i landing a hair above an exact power.
  return Math.ceil(Number((Math.log(seconds) / LOG_GROWTH).toFixed(9)));
}

export function bucketUpperSeconds(bucket: number): number {
  return bucket <= 0 ? 1 : Math.round(GROWTH ** bucket);
}

/**
 * Nearest-rank percentile (the smallest bucket holding at least p of the values), as the
 * bucket's upper bound in seconds; null without values.
 */
export function percentileSeconds(histogram: Readonly<Record<string, number>>, p: number): number | null {
  const buckets = Object.entries(histogram)
    .map(([bucket, n]) => [Number(bucket), n] as const)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a - b);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= rank) return bucketUpperSeconds(bucket);
  }
  return bucketUpperSeconds(buckets.at(-1)?.[0] ?? 0);
}
