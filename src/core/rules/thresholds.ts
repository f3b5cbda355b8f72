// Every number a rule compares against, with its default, its range and the setting that changes
// it (`mlMonitor.thresholds.<key>`). The table is the one source: the settings reader, the CLI's
// --thresholds file, docs/rules.md and a test that keeps package.json in step all read it.

export interface Thresholds {
  /** Recent p99 latency above this is a warning. */
  latencyMs: number;
  errorRateWarningPercent: number;
  errorRateErrorPercent: number;
  /** Recent traffic at this share of the estimated capacity or more. */
  capacityPercent: number;
  /** A provisioned endpoint below `idleRequestsPerSecond` on average for this many days is idle. */
  idleDays: number;
  idleRequestsPerSecond: number;
  memoryWarningPercent: number;
  memoryErrorPercent: number;
  /** Memory rising at least this fast (least-squares slope) over `memoryLeakWindowHours`. */
  memoryLeakPercentPerDay: number;
  memoryLeakWindowHours: number;
  cpuHighPercent: number;
  gpuHighPercent: number;
  /** CPU and GPU p95 under this for `overProvisionedDays` or longer. */
  overProvisionedPercent: number;
  overProvisionedDays: number;
  /** A recommended type must keep the observed peak this far below its capacity. */
  rightsizingHeadroomPercent: number;
  diskHighPercent: number;
  trainingGpuLowPercent: number;
  trainingCpuBusyPercent: number;
  datasetQueryP95Ms: number;
  storageGrowthPercentPerMonth: number;
  /** Capacity of one bucket or store; 0 = unlimited (S3). */
  storageCapacityGiB: number;
  storageFullDays: number;
  /** A workspace using this share of its compute quota or more. */
  quotaPercent: number;
  /** How far back the health check reads metrics. */
  lookbackDays: number;
  /** "Current" conditions (memory, CPU, disk high) are judged over this many hours. */
  recentHours: number;
}

export type ThresholdKey = keyof Thresholds;

export interface ThresholdInfo {
  key: ThresholdKey;
  default: number;
  minimum: number;
  maximum: number;
  /** Markdown, for the settings UI and docs. */
  description: string;
}

const pct = (key: ThresholdKey, def: number, description: string): ThresholdInfo => ({ key, default: def, minimum: 0, maximum: 100, description });

export const thresholdTable: readonly ThresholdInfo[] = [
  { key: 'latencyMs', default: 1000, minimum: 1, maximum: 600_000, description: 'p99 latency above this many milliseconds is flagged.' },
  pct('errorRateWarningPercent', 1, 'Error rate (4xx + 5xx) above this % of requests is a warning.'),
  pct('errorRateErrorPercent', 5, 'Error rate (4xx + 5xx) above this % of requests is an error.'),
  pct('capacityPercent', 80, 'Recent traffic at this % or more of the endpoint\'s estimated capacity (the rate at which its busiest CPU or GPU reaches 100 %) is flagged.'),
  { key: 'idleDays', default: 7, minimum: 1, maximum: 90, description: 'A provisioned endpoint with (almost) no traffic for this many days is idle.' },
  { key: 'idleRequestsPerSecond', default: 0.1, minimum: 0, maximum: 1000, description: 'Average request rate under which an endpoint counts as having no traffic.' },
  pct('memoryWarningPercent', 85, 'Memory p95 above this % is a warning.'),
  pct('memoryErrorPercent', 95, 'Memory p95 above this % is an error (out-of-memory risk).'),
  { key: 'memoryLeakPercentPerDay', default: 2, minimum: 0.1, maximum: 100, description: 'Memory rising steadily at least this many percentage points a day is flagged as a leak.' },
  { key: 'memoryLeakWindowHours', default: 72, minimum: 6, maximum: 2160, description: 'Hours over which the memory slope is measured.' },
  pct('cpuHighPercent', 90, 'CPU p95 above this % means the endpoint is under-provisioned.'),
  pct('gpuHighPercent', 90, 'GPU p95 above this % means the endpoint is under-provisioned.'),
  pct('overProvisionedPercent', 20, 'CPU and GPU p95 under this % for `overProvisionedDays` means the instances are bigger than needed.'),
  { key: 'overProvisionedDays', default: 7, minimum: 1, maximum: 90, description: 'Days of low utilization before rightsizing is recommended.' },
  pct('rightsizingHeadroomPercent', 30, 'A recommended instance type keeps the observed peak this % below its capacity.'),
  pct('diskHighPercent', 90, 'Disk utilization above this % is flagged.'),
  pct('trainingGpuLowPercent', 30, 'Training jobs whose GPUs average under this % are flagged.'),
  pct('trainingCpuBusyPercent', 85, 'With GPUs under `trainingGpuLowPercent`, CPU averaging above this % points at the input pipeline.'),
  { key: 'datasetQueryP95Ms', default: 5000, minimum: 1, maximum: 3_600_000, description: 'Dataset query time p95 above this many milliseconds is flagged.' },
  { key: 'storageGrowthPercentPerMonth', default: 20, minimum: 0, maximum: 10_000, description: 'Storage growing faster than this % a month is reported.' },
  { key: 'storageCapacityGiB', default: 0, minimum: 0, maximum: 1e9, description: 'Capacity of one bucket or store in GiB; `0` means unlimited (S3).' },
  { key: 'storageFullDays', default: 30, minimum: 1, maximum: 3650, description: 'With a capacity set, storage projected to fill within this many days is flagged.' },
  pct('quotaPercent', 85, 'A workspace using this % or more of its compute quota (Azure ML `Quota Utilization Percentage`, last 15 minutes) is flagged.'),
  { key: 'lookbackDays', default: 7, minimum: 1, maximum: 60, description: 'Days of metrics the health check reads (at least `idleDays` and `overProvisionedDays` for those rules to apply).' },
  { key: 'recentHours', default: 24, minimum: 1, maximum: 336, description: 'Memory, CPU, GPU and disk levels are judged over this many recent hours.' },
];

export const defaultThresholds: Thresholds = Object.freeze(
  Object.fromEntries(thresholdTable.map((t) => [t.key, t.default])) as unknown as Thresholds,
);

/**
 * Applies user values over the defaults. Values of the wrong type are dropped and out-of-range ones
 * clamped; each becomes a message naming the setting, so a typo never silently disables a rule.
 */
export function resolveThresholds(values: Record<string, unknown>, prefix = 'mlMonitor.thresholds.'): { thresholds: Thresholds; problems: string[] } {
  const out: Record<string, number> = { ...defaultThresholds };
  const problems: string[] = [];
  const known = new Map(thresholdTable.map((t) => [t.key as string, t]));
  for (const [key, value] of Object.entries(values)) {
    const info = known.get(key);
    if (!info) {
      problems.push(`${prefix}${key} is not a known threshold; it was ignored.`);
      continue;
    }
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${prefix}${key} must be a number; using ${info.default}.`);
      continue;
    }
    const clamped = Math.min(info.maximum, Math.max(info.minimum, value));
    if (clamped !== value) problems.push(`${prefix}${key} must be from ${info.minimum} to ${info.maximum}; using ${clamped}.`);
    out[key] = clamped;
  }
  if (out.errorRateErrorPercent < out.errorRateWarningPercent) {
    problems.push(`${prefix}errorRateErrorPercent is below errorRateWarningPercent; using ${out.errorRateWarningPercent} for both.`);
    out.errorRateErrorPercent = out.errorRateWarningPercent;
  }
  if (out.memoryErrorPercent < out.memoryWarningPercent) {
    problems.push(`${prefix}memoryErrorPercent is below memoryWarningPercent; using ${out.memoryWarningPercent} for both.`);
    out.memoryErrorPercent = out.memoryWarningPercent;
  }
  return { thresholds: out as unknown as Thresholds, problems };
}
