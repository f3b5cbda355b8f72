// CloudWatch statistics over the sandbox's per-minute data. A minute holds either a handful of
// weighted values (one per instance, a count, or 0/1 per request for error metrics) or a
// log-normal latency distribution over that minute's requests, so percentiles over any period are
// computed from the distribution the story describes instead of from made-up summary numbers.

export type MinuteData =
  | { kind: 'values'; values: number[]; weights?: number[] }
  | { kind: 'lognormal'; count: number; mu: number; sigma: number };

export type Statistic =
  | { kind: 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' }
  | { kind: 'percentile'; p: number };

/** `Average`, `p99`, `p99.9`. Unsupported statistics (tm99, IQM, TC(...)) return undefined. */
export function parseStatistic(text: string): Statistic | undefined {
  if (text === 'Sum' || text === 'Average' || text === 'Minimum' || text === 'Maximum' || text === 'SampleCount') return { kind: text };
  const match = /^p(\d{1,2}(\.\d{1,10})?|100)$/.exec(text);
  if (!match) return undefined;
  return { kind: 'percentile', p: Number(match[1]) / 100 };
}

const Z_MIN = -3.1;
const Z_MAX = 3.7;

/** Minimum and maximum of a latency minute: the fastest and slowest of thousands of requests. */
function lognormalExtremes(m: { mu: number; sigma: number }): [number, number] {
  return [Math.exp(m.mu + Z_MIN * m.sigma), Math.exp(m.mu + Z_MAX * m.sigma)];
}

export function computeStatistic(minutes: MinuteData[], stat: Statistic): number | undefined {
  if (minutes.length === 0) return undefined;
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const m of minutes) {
    if (m.kind === 'values') {
      m.values.forEach((v, i) => {
        const w = m.weights ? m.weights[i] : 1;
        if (w <= 0) return;
        count += w;
        sum += v * w;
        min = Math.min(min, v);
        max = Math.max(max, v);
      });
    } else {
      count += m.count;
      sum += m.count * Math.exp(m.mu + (m.sigma * m.sigma) / 2);
      const [lo, hi] = lognormalExtremes(m);
      min = Math.min(min, lo);
      max = Math.max(max, hi);
    }
  }
  if (count === 0) return undefined;
  switch (stat.kind) {
    case 'Sum':
      return sum;
    case 'SampleCount':
      return count;
    case 'Average':
      return sum / count;
    case 'Minimum':
      return min;
    case 'Maximum':
      return max;
    case 'percentile':
      return minutes[0].kind === 'values' ? weightedPercentile(minutes, stat.p, count) : lognormalMixturePercentile(minutes, stat.p, count);
  }
}

/** Nearest rank over weighted values. */
function weightedPercentile(minutes: MinuteData[], p: number, total: number): number {
  const pairs: Array<[number, number]> = [];
  for (const m of minutes) {
    if (m.kind !== 'values') continue;
    m.values.forEach((v, i) => pairs.push([v, m.weights ? m.weights[i] : 1]));
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const rank = p * total;
  let seen = 0;
  for (const [value, weight] of pairs) {
    seen += weight;
    if (seen >= rank && weight > 0) return value;
  }
  return pairs[pairs.length - 1][0];
}

/**
 * The request-weighted mixture of each minute's log-normal, inverted by bisection in log space.
 * The mixture's quantile lies between its components' quantiles, which brackets the search tightly.
 */
function lognormalMixturePercentile(minutes: MinuteData[], p: number, total: number): number {
  const parts = minutes.filter((m): m is Extract<MinuteData, { kind: 'lognormal' }> => m.kind === 'lognormal' && m.count > 0);
  const z = Math.max(Z_MIN, Math.min(Z_MAX, normalQuantile(Math.min(Math.max(p, 1e-9), 1 - 1e-9))));
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of parts) {
    lo = Math.min(lo, m.mu + m.sigma * z);
    hi = Math.max(hi, m.mu + m.sigma * z);
  }
  if (hi - lo < 1e-9) return Math.exp(lo);
  const cdf = (logX: number) => parts.reduce((acc, m) => acc + m.count * normalCdf((logX - m.mu) / m.sigma), 0) / total;
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/** Abramowitz-Stegun 7.1.26 erf; plenty for percentiles of synthetic data. */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Acklam's rational approximation of the inverse normal CDF. */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** z of the 99th percentile: a latency signal states p99, the distribution is derived from it. */
export const Z_P99 = normalQuantile(0.99);
