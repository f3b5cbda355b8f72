// Utilization rules on endpoint instances: memory (level and leaks), CPU and GPU saturation, disk.
// Over-provisioning, which needs the catalog to name a smaller type, is in rightsizing.ts.
import type { Catalog } from '../catalog/catalog';
import { duration, gib, num, pct, usd } from './format';
import { endpointFinding, instanceCount, instancesLabel, isProvisioned, variantMonthlyCost } from './endpoint';
import { cleanEndpoint } from './sanitize';
import { coveredMs, DAY_MS, HOUR_MS, linearFit, max, recentP95, since } from './stats';
import type { Thresholds } from './thresholds';
import type { EndpointObservation, Finding, RuleDoc, Series } from './types';

/** "Steadily": a straight line explains at least this much of the memory curve. */
const LEAK_MIN_R2 = 0.8;
/** A leak that fills memory within this long is an error, not a warning. */
const LEAK_URGENT_MS = DAY_MS;

export const memoryHighRule: RuleDoc = {
  id: 'utilization/memory-high',
  family: 'utilization',
  name: 'MemoryHigh',
  summary: 'Memory p95 above the warning or error (out-of-memory risk) threshold.',
  description: 'p95 of memory utilization per instance over the last `recentHours`. Above `memoryWarningPercent` a spike can push the container out of memory; above `memoryErrorPercent` it is likely.',
  defaultSeverity: 'warning',
  thresholds: ['memoryWarningPercent', 'memoryErrorPercent', 'recentHours', 'rightsizingHeadroomPercent'],
};

export const memoryLeakRule: RuleDoc = {
  id: 'utilization/memory-leak',
  family: 'utilization',
  name: 'MemoryLeak',
  summary: 'Memory rising steadily: a leak that ends in an out-of-memory restart.',
  description: 'Least-squares slope of memory over the last `memoryLeakWindowHours`; reported when it rises at least `memoryLeakPercentPerDay` points a day and a straight line explains the curve (R² ≥ 0.8). An error when the trend reaches 100 % within a day.',
  defaultSeverity: 'warning',
  thresholds: ['memoryLeakPercentPerDay', 'memoryLeakWindowHours'],
};

export const cpuHighRule: RuleDoc = {
  id: 'utilization/cpu-high',
  family: 'utilization',
  name: 'CpuHigh',
  summary: 'CPU p95 above the threshold: under-provisioned.',
  description: 'p95 of CPU utilization per instance (CloudWatch sums over vCPUs; divided by the vCPU count first) over the last `recentHours`. Requests queue when the CPU is saturated, so latency follows.',
  defaultSeverity: 'warning',
  thresholds: ['cpuHighPercent', 'recentHours', 'rightsizingHeadroomPercent'],
};

export const gpuHighRule: RuleDoc = {
  id: 'utilization/gpu-high',
  family: 'utilization',
  name: 'GpuHigh',
  summary: 'GPU p95 above the threshold: under-provisioned.',
  description: 'p95 of GPU utilization per GPU over the last `recentHours`. Saturated accelerators queue requests.',
  defaultSeverity: 'warning',
  thresholds: ['gpuHighPercent', 'recentHours', 'rightsizingHeadroomPercent'],
};

export const diskHighRule: RuleDoc = {
  id: 'utilization/disk-high',
  family: 'utilization',
  name: 'DiskHigh',
  summary: 'Disk utilization above the threshold.',
  description: 'The highest disk utilization of the last `recentHours`. A full disk fails model downloads, logging and temporary files.',
  defaultSeverity: 'warning',
  thresholds: ['diskHighPercent', 'recentHours'],
};

export function evaluateUtilization(raw: EndpointObservation, t: Thresholds, catalog: Catalog): Finding[] {
  const obs = cleanEndpoint(raw);
  if (!isProvisioned(obs)) return [];
  return [
    ...memoryHigh(obs, t, catalog),
    ...memoryLeak(obs, t),
    ...saturation(obs, t, 'CPU'),
    ...saturation(obs, t, 'GPU'),
    ...diskHigh(obs, t),
  ];
}

function memoryHigh(obs: EndpointObservation, t: Thresholds, catalog: Catalog): Finding[] {
  const end = obs.window.end;
  const p95 = recentP95(obs.memory, end, t.recentHours);
  if (p95 === undefined) return [];
  const severity = p95 > t.memoryErrorPercent ? 'error' : p95 > t.memoryWarningPercent ? 'warning' : undefined;
  if (!severity) return [];
  const limit = severity === 'error' ? t.memoryErrorPercent : t.memoryWarningPercent;
  const spec = obs.spec;
  const peak = max(since(obs.memory, end - t.recentHours * HOUR_MS)?.values ?? []) ?? p95;
  const used = spec ? (peak / 100) * spec.memoryGiB : undefined;
  // The same family with the same accelerators and the peak at (100 - headroom) %.
  const bigger =
    spec && used !== undefined
      ? catalog.smallestFitting(spec.provider, {
          sameFamilyAs: spec.name,
          vcpu: spec.vcpu,
          gpus: spec.gpus,
          memoryGiB: Math.max(spec.memoryGiB + 0.01, used / (1 - t.rightsizingHeadroomPercent / 100)),
        })
      : undefined;
  const extra = bigger ? monthlyDelta(obs, bigger) : undefined;
  const message =
    `Memory p95 ${pct(p95)} over the last ${duration(t.recentHours * HOUR_MS)} on ${instancesLabel(obs)}` +
    (used !== undefined && spec ? ` (peak ${gib(used)} of ${gib(spec.memoryGiB)})` : '') +
    `, above the ${pct(limit)} ${severity} threshold${severity === 'error' ? ': out-of-memory risk' : ''}.`;
  return [
    endpointFinding(memoryHighRule, obs, severity, `Memory p95 ${pct(p95)}`, message, {
      memoryP95Percent: p95,
      memoryPeakPercent: peak,
      thresholdPercent: limit,
      ...(used !== undefined ? { memoryPeakGiB: used } : {}),
    }, {
      summary: bigger
        ? `Move to ${bigger.name} (${gib(bigger.memoryGiB)} memory)${extra !== undefined ? `, about ${usd(extra)}/month more` : ''}, or reduce what the container keeps in memory.`
        : 'Reduce what the container keeps in memory (model copies, caches, batch size), or move to a type with more memory.',
      instanceType: bigger?.name,
      monthlyExtraCostUsd: extra,
    }),
  ];
}

function monthlyDelta(obs: EndpointObservation, to: NonNullable<EndpointObservation['spec']>): number | undefined {
  const now = variantMonthlyCost(obs);
  const then = variantMonthlyCost({ ...obs, spec: to });
  return now !== undefined && then !== undefined ? then - now : undefined;
}

function memoryLeak(obs: EndpointObservation, t: Thresholds): Finding[] {
  const end = obs.window.end;
  const windowMs = t.memoryLeakWindowHours * HOUR_MS;
  const window = since(obs.memory, end - windowMs);
  // A slope over a fraction of the window, or over a handful of points, says little.
  if (!window || window.values.length < 6 || coveredMs(window, end - windowMs, end) < 0.8 * windowMs) return [];
  const fit = linearFit(window.timestamps, window.values);
  if (!fit) return [];
  const perDay = fit.slope * DAY_MS;
  if (perDay < t.memoryLeakPercentPerDay || fit.r2 < LEAK_MIN_R2) return [];
  const last = window.values[window.values.length - 1];
  const fromValue = fit.intercept + fit.slope * window.timestamps[0];
  const toFullMs = Math.max(0, ((100 - last) / perDay) * DAY_MS);
  const severity = toFullMs <= LEAK_URGENT_MS ? 'error' : 'warning';
  const spanMs = end - window.timestamps[0];
  const message =
    `Memory rose steadily from ${pct(fromValue)} to ${pct(last)} over the last ${duration(spanMs)} on ${instancesLabel(obs)} ` +
    `(+${num(perDay)} points a day, R² ${fit.r2.toFixed(2)}); at this rate it reaches 100 % in about ${duration(toFullMs)}.`;
  return [
    endpointFinding(memoryLeakRule, obs, severity, `Memory leak: +${num(perDay)} %/day`, message, {
      slopePercentPerDay: perDay,
      r2: fit.r2,
      fromPercent: fromValue,
      memoryPercent: last,
      hoursToFull: toFullMs / HOUR_MS,
      windowHours: spanMs / HOUR_MS,
    }, { summary: 'Restart the instances (update the endpoint with its current config) to reclaim memory now, then find what the container keeps growing (caches, request buffers, model reloads).' }),
  ];
}

function saturation(obs: EndpointObservation, t: Thresholds, which: 'CPU' | 'GPU'): Finding[] {
  const series: Series | undefined = which === 'CPU' ? obs.cpu : obs.gpu;
  const limit = which === 'CPU' ? t.cpuHighPercent : t.gpuHighPercent;
  const p95 = recentP95(series, obs.window.end, t.recentHours);
  if (p95 === undefined || !(p95 > limit)) return [];
  const count = instanceCount(obs);
  const recommended = Math.max(count + 1, Math.ceil((count * p95) / (100 - t.rightsizingHeadroomPercent)));
  const now = variantMonthlyCost(obs);
  const then = variantMonthlyCost(obs, recommended);
  const extra = now !== undefined && then !== undefined ? then - now : undefined;
  const message = `${which} p95 ${pct(p95)} over the last ${duration(t.recentHours * HOUR_MS)} on ${instancesLabel(obs)}, above ${pct(limit)}: the endpoint is under-provisioned and requests queue.`;
  const rule = which === 'CPU' ? cpuHighRule : gpuHighRule;
  return [
    endpointFinding(rule, obs, 'warning', `${which} p95 ${pct(p95)}`, message, {
      [which === 'CPU' ? 'cpuP95Percent' : 'gpuP95Percent']: p95,
      thresholdPercent: limit,
      instanceCount: count,
    }, {
      summary: `Scale out to ${recommended} instances${extra !== undefined ? ` (about ${usd(extra)}/month more)` : ''}, or move to a larger type.`,
      instanceCount: recommended,
      monthlyExtraCostUsd: extra,
    }),
  ];
}

function diskHigh(obs: EndpointObservation, t: Thresholds): Finding[] {
  const peak = max(since(obs.disk, obs.window.end - t.recentHours * HOUR_MS)?.values ?? []);
  if (peak === undefined || !(peak > t.diskHighPercent)) return [];
  const message = `Disk utilization reached ${pct(peak)} in the last ${duration(t.recentHours * HOUR_MS)} on ${instancesLabel(obs)}, above ${pct(t.diskHighPercent)}.`;
  return [
    endpointFinding(diskHighRule, obs, 'warning', `Disk ${pct(peak)}`, message, { diskPeakPercent: peak, thresholdPercent: t.diskHighPercent }, {
      summary: 'Free space in the container (logs, temporary files, unpacked model archives) or give the variant a larger volume.',
    }),
  ];
}
