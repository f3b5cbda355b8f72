// RED rules (rate, errors, duration) on endpoints: what a caller of the endpoint feels now, plus
// endpoints that nobody calls. "Now" is the newest buckets covering at least 15 minutes.
import { days, duration, ms, num, pct, usd } from './format';
import { endpointFinding, instanceCount, instancesLabel, isProvisioned, RECENT_MS, variantMonthlyCost } from './endpoint';
import { cleanEndpoint } from './sanitize';
import { DAY_MS, max, percentile, recentP95, since, sum, trailing, valueAt, weightedMean } from './stats';
import type { Thresholds } from './thresholds';
import type { EndpointObservation, Finding, RuleDoc } from './types';

/** Fewer requests than this make an error rate noise (1 failure in 3 is not 33 % of anything). */
const MIN_REQUESTS = 20;
/** Below this utilization, extrapolating capacity from it is guesswork. */
const MIN_UTILIZATION_FOR_CAPACITY = 10;

export const latencyRule: RuleDoc = {
  id: 'red/latency-p99',
  family: 'red',
  name: 'LatencyP99High',
  summary: 'p99 model latency above the threshold.',
  description: 'The slowest 1 % of requests take longer than `latencyMs` over the most recent buckets (at least 15 minutes). The message gives the level before the rise and how long it has lasted.',
  defaultSeverity: 'warning',
  thresholds: ['latencyMs'],
};

export const errorRateRule: RuleDoc = {
  id: 'red/error-rate',
  family: 'red',
  name: 'ErrorRateHigh',
  summary: 'Share of failed requests (4xx + 5xx) above the warning or error threshold.',
  description: 'Errors as a share of requests over the most recent buckets (at least 15 minutes and 20 requests), weighted by requests. Above `errorRateWarningPercent` it is a warning, above `errorRateErrorPercent` an error.',
  defaultSeverity: 'error',
  thresholds: ['errorRateWarningPercent', 'errorRateErrorPercent'],
};

export const capacityRule: RuleDoc = {
  id: 'red/near-capacity',
  family: 'red',
  name: 'TrafficNearCapacity',
  summary: 'Recent traffic close to what the instances can serve.',
  description: 'Capacity is estimated as the request rate at which the busiest resource (CPU or GPU, per instance) would reach 100 %, from the current rate and utilization. Reported when recent traffic reaches `capacityPercent` of it, unless utilization/cpu-high or utilization/gpu-high already reports the endpoint.',
  defaultSeverity: 'warning',
  thresholds: ['capacityPercent', 'rightsizingHeadroomPercent'],
};

export const idleRule: RuleDoc = {
  id: 'red/idle-endpoint',
  family: 'red',
  name: 'IdleEndpoint',
  summary: 'A provisioned endpoint with (almost) no traffic for days.',
  description: 'Instances bill by the hour whether or not requests arrive. An endpoint that averaged under `idleRequestsPerSecond` for `idleDays` can be deleted, or moved to serverless inference, which bills per request.',
  defaultSeverity: 'warning',
  thresholds: ['idleDays', 'idleRequestsPerSecond'],
};

export const redRules: readonly RuleDoc[] = [latencyRule, errorRateRule, capacityRule, idleRule];

export function evaluateRed(raw: EndpointObservation, t: Thresholds): Finding[] {
  const obs = cleanEndpoint(raw);
  return [...latency(obs, t), ...errorRate(obs, t), ...nearCapacity(obs, t), ...idle(obs, t)];
}

function latency(obs: EndpointObservation, t: Thresholds): Finding[] {
  const series = obs.latencyP99;
  const end = obs.window.end;
  const { indexes, spanMs } = trailing(series, end, RECENT_MS);
  if (!series || !indexes.length) return [];
  const p99 = max(indexes.map((i) => series.values[i]));
  if (p99 === undefined || !(p99 > t.latencyMs)) return [];
  // The run of buckets above the threshold that ends at the newest breach.
  let last = indexes[indexes.length - 1];
  while (last > 0 && !(series.values[last] > t.latencyMs)) last--;
  let first = last;
  while (first > 0 && series.values[first - 1] > t.latencyMs) first--;
  const runMs = end - series.timestamps[first];
  const before = series.values.slice(0, first);
  const baseline = before.length >= 3 ? percentile(before, 50) : undefined;
  const parts = [`p99 latency ${ms(p99)} over the last ${duration(spanMs)}, above the ${ms(t.latencyMs)} threshold`];
  if (baseline !== undefined) parts.push(`it was ${ms(baseline)} before (median)`);
  if (runMs >= 2 * series.periodMs) parts.push(`above the threshold for about ${duration(runMs)}`);
  return [
    endpointFinding(latencyRule, obs, 'warning', `p99 latency ${ms(p99)}`, `${parts.join('; ')}.`, {
      p99Ms: p99,
      thresholdMs: t.latencyMs,
      windowMinutes: spanMs / 60_000,
      ...(baseline !== undefined ? { baselineP99Ms: baseline } : {}),
      aboveForHours: runMs / 3_600_000,
    }, {
      summary: runMs >= 2 * series.periodMs
        ? `Look at what changed about ${duration(runMs)} ago (a new model, container or input size); roll it back if latency rose with it.`
        : 'Check whether traffic or the model changed; scale out if the instances are saturated.',
    }),
  ];
}

function errorRate(obs: EndpointObservation, t: Thresholds): Finding[] {
  const series = obs.errorRate;
  const end = obs.window.end;
  const { indexes, spanMs } = trailing(series, end, RECENT_MS);
  if (!series || !indexes.length) return [];
  const weights = indexes.map((i) => valueAt(obs.invocations, series.timestamps[i]));
  const requests = sum(weights.map((w) => w ?? 0));
  const rate = weightedMean(indexes.map((i) => series.values[i]), weights);
  if (rate === undefined || requests < MIN_REQUESTS) return [];
  const severity = rate > t.errorRateErrorPercent ? 'error' : rate > t.errorRateWarningPercent ? 'warning' : undefined;
  if (!severity) return [];
  const limit = severity === 'error' ? t.errorRateErrorPercent : t.errorRateWarningPercent;
  const earlier = series.timestamps.slice(0, indexes[0]);
  const baseline = earlier.length >= 3 ? weightedMean(series.values.slice(0, indexes[0]), earlier.map((ts) => valueAt(obs.invocations, ts))) : undefined;
  const message =
    `${pct(rate)} of requests failed over the last ${duration(spanMs)} (${num(requests)} requests), above the ${pct(limit)} ${severity} threshold` +
    (baseline !== undefined ? `; ${pct(baseline)} before.` : '.');
  return [
    endpointFinding(errorRateRule, obs, severity, `Error rate ${pct(rate)}`, message, {
      errorRatePercent: rate,
      thresholdPercent: limit,
      requests,
      windowMinutes: spanMs / 60_000,
      ...(baseline !== undefined ? { baselineErrorRatePercent: baseline } : {}),
    }, { summary: 'Read the container logs for the failing requests (5xx: the model or container; 4xx: callers sending bad input) and roll back a recent change if the errors started with it.' }),
  ];
}

function nearCapacity(obs: EndpointObservation, t: Thresholds): Finding[] {
  if (!isProvisioned(obs)) return [];
  const end = obs.window.end;
  const { indexes, spanMs } = trailing(obs.invocations, end, RECENT_MS);
  if (!obs.invocations || !indexes.length || spanMs <= 0) return [];
  const rps = sum(indexes.map((i) => obs.invocations!.values[i])) / (spanMs / 1000);
  const recentMean = (s: EndpointObservation['cpu']) => {
    const r = trailing(s, end, RECENT_MS);
    return s && r.indexes.length ? sum(r.indexes.map((i) => s.values[i])) / r.indexes.length : undefined;
  };
  const cpu = recentMean(obs.cpu);
  const gpu = recentMean(obs.gpu);
  const bottleneck = (gpu ?? -1) > (cpu ?? -1) ? 'GPU' : 'CPU';
  const util = Math.max(cpu ?? 0, gpu ?? 0);
  if (util < Math.max(t.capacityPercent, MIN_UTILIZATION_FOR_CAPACITY) || rps <= 0) return [];
  // Chronic saturation is the utilization rules' finding; this one is about traffic catching up.
  if ((recentP95(obs.cpu, end, t.recentHours) ?? 0) > t.cpuHighPercent || (recentP95(obs.gpu, end, t.recentHours) ?? 0) > t.gpuHighPercent) return [];
  const capacity = (rps * 100) / util;
  const count = instanceCount(obs);
  const recommended = Math.max(count + 1, Math.ceil((count * util) / (100 - t.rightsizingHeadroomPercent)));
  const now = variantMonthlyCost(obs);
  const then = variantMonthlyCost(obs, recommended);
  const extra = now !== undefined && then !== undefined ? then - now : undefined;
  const message =
    `${num(rps)} req/s over the last ${duration(spanMs)} is ${pct(util)} of the estimated capacity of about ${num(capacity)} req/s ` +
    `(${bottleneck} at ${pct(util)} on ${instancesLabel(obs)}).`;
  return [
    endpointFinding(capacityRule, obs, 'warning', `Traffic at ${pct(util)} of capacity`, message, {
      requestsPerSecond: rps,
      capacityRequestsPerSecond: capacity,
      utilizationPercent: util,
      bottleneck,
      thresholdPercent: t.capacityPercent,
    }, {
      summary: `Scale out to ${recommended} instances${extra !== undefined ? ` (about ${usd(extra)}/month more)` : ''}, or add an autoscaling policy on InvocationsPerInstance.`,
      instanceCount: recommended,
      monthlyExtraCostUsd: extra,
    }),
  ];
}

function idle(obs: EndpointObservation, t: Thresholds): Finding[] {
  if (!isProvisioned(obs)) return [];
  const end = obs.window.end;
  const from = end - t.idleDays * DAY_MS;
  // Both the check window and the endpoint's life must span the whole idle period.
  if (obs.window.start > from + 60 * 60_000) return [];
  if (obs.resource.createdAt !== undefined && obs.resource.createdAt > from) return [];
  // No datapoint means no request at all in that bucket: CloudWatch publishes nothing for zero traffic.
  const requests = sum(since(obs.invocations, from)?.values ?? []);
  const rps = requests / (t.idleDays * 86_400);
  if (rps >= t.idleRequestsPerSecond) return [];
  const cost = variantMonthlyCost(obs);
  const message =
    `${num(requests)} requests in the last ${days(t.idleDays)} (${num(rps)} req/s on average, under ${num(t.idleRequestsPerSecond)}) ` +
    `on ${instancesLabel(obs)}${cost !== undefined ? `, which cost about ${usd(cost)}/month` : ''}.`;
  return [
    endpointFinding(idleRule, obs, 'warning', `Idle for ${days(t.idleDays)}`, message, {
      requests,
      requestsPerSecond: rps,
      days: t.idleDays,
      ...(cost !== undefined ? { monthlyCostUsd: cost } : {}),
    }, {
      summary: `Delete the endpoint, or move it to serverless inference, which bills per request${cost !== undefined ? `: about ${usd(cost)}/month less` : ''}.`,
      monthlySavingUsd: cost,
    }),
  ];
}
