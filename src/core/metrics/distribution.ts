// Cloud Monitoring distributions (google.api.Distribution): bucket layouts and percentiles read
// from bucket counts. Cloud Monitoring computes ALIGN_PERCENTILE_xx the same way (interpolating
// inside the bucket that holds the rank), so the sandbox, which serves percentiles, and the GCP
// adapter, which reads them from merged distributions when one call must serve several
// statistics, share this code and agree to the digit.

export interface ExponentialBuckets {
  numFiniteBuckets: number;
  growthFactor: number;
  scale: number;
}

/**
 * Bucket i (1..N) holds [scale·g^(i-1), scale·g^i); bucket 0 is the underflow below `scale` and
 * bucket N+1 the overflow. Returns the N+1 boundaries.
 */
export function exponentialBounds(b: ExponentialBuckets): number[] {
  return Array.from({ length: b.numFiniteBuckets + 1 }, (_, i) => b.scale * b.growthFactor ** i);
}

/** Index of the bucket `value` falls in (0 = underflow, N+1 = overflow). */
export function bucketIndex(bounds: readonly number[], value: number): number {
  if (value < bounds[0]) return 0;
  let lo = 0;
  let hi = bounds.length - 1;
  if (value >= bounds[hi]) return bounds.length;
  // bounds[lo] <= value < bounds[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] <= value) lo = mid;
    else hi = mid;
  }
  return lo + 1;
}

/**
 * The `p` quantile (0..1) of a distribution given as bucket counts, interpolated geometrically
 * inside the bucket that holds the rank (buckets are exponential, so that is linear in log space).
 * Undefined for an empty distribution.
 */
export function distributionPercentile(bounds: readonly number[], counts: readonly number[], p: number): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return undefined;
  const rank = Math.min(Math.max(p, 0), 1) * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c <= 0) continue;
    if (seen + c >= rank) {
      const within = (rank - seen) / c;
      // The underflow and overflow buckets have one open side: answer their known edge.
      if (i === 0) return bounds[0];
      if (i >= bounds.length) return bounds[bounds.length - 1];
      const lo = bounds[i - 1];
      const hi = bounds[i];
      return lo * (hi / lo) ** within;
    }
    seen += c;
  }
  return bounds[bounds.length - 1];
}

/** Adds `b` into `a` (same layout), growing `a` as needed; bucketCounts may be shorter than the layout. */
export function addCounts(a: number[], b: readonly number[]): number[] {
  for (let i = 0; i < b.length; i++) a[i] = (a[i] ?? 0) + b[i];
  return a;
}
