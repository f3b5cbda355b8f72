// Dataset rules, per storage location (an S3 bucket holds several datasets; it is measured once and
// the finding names every dataset in it): growth toward capacity, and slow queries where a cloud
// publishes query times.
import { days, duration, gib, ms, pct, roundFigures } from './format';
import { cleanDataset } from './sanitize';
import { DAY_MS, HOUR_MS, linearFit, recentP95 } from './stats';
import type { Thresholds } from './thresholds';
import type { DatasetObservation, Finding, RuleDoc } from './types';

const GIB = 2 ** 30;
/** A projection this close to full is an error, not a warning. */
const URGENT_DAYS = 7;

export const storageGrowthRule: RuleDoc = {
  id: 'datasets/storage-growth',
  family: 'datasets',
  name: 'StorageGrowth',
  summary: 'Storage growing fast, or projected to reach its capacity soon.',
  description:
    'Least-squares growth of the stored bytes over the check window. With `storageCapacityGiB` set, storage projected to fill within `storageFullDays` is a warning (within 7 days, or already full, an error). Without a capacity (S3 has none) growth above `storageGrowthPercentPerMonth` is reported as information: cost and retention deserve a look.',
  defaultSeverity: 'info',
  thresholds: ['storageGrowthPercentPerMonth', 'storageCapacityGiB', 'storageFullDays', 'lookbackDays'],
};

export const queryLatencyRule: RuleDoc = {
  id: 'datasets/query-latency',
  family: 'datasets',
  name: 'DatasetQueryLatency',
  summary: 'Dataset query time p95 above the threshold.',
  description: 'p95 query time over the last `recentHours`, where the cloud publishes one: BigQuery `query/execution_times` for Vertex AI datasets backed by BigQuery (per project, so one finding per project names every dataset reading it). Amazon S3 and SageMaker Feature Store publish no query time, so this rule does not run on AWS resources.',
  defaultSeverity: 'warning',
  thresholds: ['datasetQueryP95Ms', 'recentHours'],
};

export const datasetRules: readonly RuleDoc[] = [storageGrowthRule, queryLatencyRule];

function finding(rule: RuleDoc, obs: DatasetObservation, severity: Finding['severity'], title: string, message: string, figures: Finding['figures'], fix: string): Finding {
  const [first, ...rest] = obs.resources;
  return { ruleId: rule.id, severity, resource: first.ref, title, message, figures: roundFigures(figures), fix: { summary: fix }, related: rest.length ? rest.map((r) => r.ref) : undefined };
}

function holds(obs: DatasetObservation): string {
  const n = obs.resources.length;
  return n > 1 ? ` (holds ${n} datasets: ${obs.resources.map((r) => r.ref.name).join(', ')})` : '';
}

export function evaluateDatasets(raw: DatasetObservation, t: Thresholds): Finding[] {
  const obs = cleanDataset(raw);
  if (!obs.resources.length) return [];
  return [...growth(obs, t), ...queryLatency(obs, t)];
}

function growth(obs: DatasetObservation, t: Thresholds): Finding[] {
  const s = obs.storageBytes;
  if (!s || s.values.length < 3) return [];
  const fit = linearFit(s.timestamps, s.values);
  if (!fit) return [];
  const perDay = fit.slope * DAY_MS;
  const first = s.values[0];
  const last = s.values[s.values.length - 1];
  // Below a kilobyte a growth percentage means nothing (and tiny values overflow it).
  if (!(last >= 1024)) return [];
  const monthlyPercent = ((perDay * 30) / last) * 100;
  if (!Number.isFinite(monthlyPercent)) return [];
  const spanDays = (s.timestamps[s.timestamps.length - 1] - s.timestamps[0]) / DAY_MS;
  const grew = `grew from ${gib(first, 'bytes')} to ${gib(last, 'bytes')} over ${days(spanDays)} (${perDay >= 0 ? '+' : ''}${gib(perDay, 'bytes')}/day, ${pct(monthlyPercent)} a month)`;
  const figures: Finding['figures'] = { store: obs.store, fromGiB: first / GIB, toGiB: last / GIB, growthGiBPerDay: perDay / GIB, growthPercentPerMonth: monthlyPercent };
  const capacity = t.storageCapacityGiB * GIB;
  if (capacity > 0) {
    const toFullDays = last >= capacity ? 0 : perDay > 0 ? (capacity - last) / perDay : Number.POSITIVE_INFINITY;
    if (toFullDays > t.storageFullDays) return [];
    const severity = toFullDays <= URGENT_DAYS ? 'error' : 'warning';
    const when = toFullDays === 0 ? 'it is full' : `at this rate it is full in about ${duration(toFullDays * DAY_MS)}`;
    return [
      finding(storageGrowthRule, obs, severity, toFullDays === 0 ? 'Storage full' : `Storage full in ${days(toFullDays)}`,
        `Storage of ${obs.store}${holds(obs)} ${grew}; capacity ${gib(t.storageCapacityGiB)}: ${when}.`,
        { ...figures, capacityGiB: t.storageCapacityGiB, daysToFull: toFullDays },
        'Expire or archive data nobody reads (lifecycle rules, a colder storage class), or raise the capacity.'),
    ];
  }
  if (monthlyPercent < t.storageGrowthPercentPerMonth) return [];
  return [
    finding(storageGrowthRule, obs, 'info', `Storage +${pct(monthlyPercent)}/month`,
      `Storage of ${obs.store}${holds(obs)} ${grew}.`,
      figures,
      'Check what is growing: add lifecycle rules that expire or archive old versions and intermediate outputs.'),
  ];
}

function queryLatency(obs: DatasetObservation, t: Thresholds): Finding[] {
  const p95 = recentP95(obs.queryTimeP95Ms, obs.window.end, t.recentHours);
  if (p95 === undefined || !(p95 > t.datasetQueryP95Ms)) return [];
  // BigQuery's query time is the project's: say so rather than pin it on one dataset.
  const where = obs.queryScope === 'project' ? `of every query in ${obs.store} (BigQuery publishes query times per project, not per dataset; datasets reading it: ${obs.resources.map((r) => r.ref.name).join(', ')})` : `on ${obs.store}${holds(obs)}`;
  return [
    finding(queryLatencyRule, obs, 'warning', `Query p95 ${ms(p95)}`,
      `Query time p95 ${ms(p95)} over the last ${duration(t.recentHours * HOUR_MS)} ${where}, above ${ms(t.datasetQueryP95Ms)}.`,
      { store: obs.store, queryP95Ms: p95, thresholdMs: t.datasetQueryP95Ms },
      'Partition or cluster the data by the columns queries filter on, and select only the columns they read.'),
  ];
}
