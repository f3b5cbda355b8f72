// CloudWatch operations: GetMetricData (its own module), ListMetrics and GetMetricStatistics.
import { hashString } from '../prng';
import { HOUR_MS } from '../time';
import type { AwsOperation } from './context';
import { bucketMinutes, effectivePeriodMs } from './datapoints';
import { getMetricData } from './getMetricData';
import { cloudWatchError, readMetric, validatePeriod } from './cloudwatchInput';
import { decodeToken, encodeToken, epochSeconds } from './protocol';
import { computeStatistic, parseStatistic, type Statistic } from './statistics';

const LIST_METRICS_PAGE = 500;
const MAX_STATISTICS_POINTS = 1440;
const BASIC_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;

const listMetrics: AwsOperation = (input, ctx) => {
  const namespace = input.string('Namespace', { maxLength: 255 });
  const metricName = input.string('MetricName', { maxLength: 255 });
  const filters = input.array('Dimensions').map((d, i) => {
    const f = input.nested(d, `Dimensions.member.${i + 1}`);
    return { name: f.string('Name', { required: true }), value: f.string('Value') };
  });
  const recentlyActive = input.string('RecentlyActive', { values: ['PT3H'] });
  const fingerprint = hashString(JSON.stringify([namespace, metricName, filters, recentlyActive]));
  let offset = 0;
  const token = input.string('NextToken');
  if (token !== undefined) {
    const state = decodeToken(token);
    if (!state || state.f !== fingerprint || !Number.isSafeInteger(state.o)) {
      throw cloudWatchError('InvalidNextToken', 'The service cannot find the NextToken. Send the same request as the call that returned it.');
    }
    offset = state.o as number;
  }
  const activeSince = recentlyActive ? ctx.now - 3 * HOUR_MS : -Infinity;
  const matches = ctx.metrics().all().filter(
    (s) =>
      (namespace === undefined || s.namespace === namespace) &&
      (metricName === undefined || s.metricName === metricName) &&
      s.from < ctx.now &&
      s.until > activeSince &&
      filters.every((f) => s.dimensions.some((d) => d.Name === f.name && (f.value === undefined || d.Value === f.value))),
  );
  const next = offset + LIST_METRICS_PAGE;
  return {
    Metrics: matches.slice(offset, next).map((s) => ({ Namespace: s.namespace, MetricName: s.metricName, Dimensions: s.dimensions })),
    NextToken: next < matches.length ? encodeToken({ o: next, f: fingerprint }) : undefined,
  };
};

const getMetricStatistics: AwsOperation = (input, ctx) => {
  const metric = readMetric(input);
  const start = input.timestamp('StartTime', { required: true });
  const end = input.timestamp('EndTime', { required: true });
  const period = input.integer('Period', { required: true, min: 1 })!;
  validatePeriod(period, 'Period');
  if (start >= end) throw cloudWatchError('InvalidParameterValue', 'The parameter StartTime must be less than the parameter EndTime.');
  const basic = input.array('Statistics').map((v, i) => {
    if (typeof v !== 'string' || !(BASIC_STATISTICS as readonly string[]).includes(v)) {
      throw cloudWatchError('InvalidParameterValue', `The parameter Statistics.member.${i + 1} must be one of ${BASIC_STATISTICS.join(', ')}.`);
    }
    return v;
  });
  const extended = input.array('ExtendedStatistics').map((v, i) => {
    if (typeof v !== 'string' || parseStatistic(v)?.kind !== 'percentile') {
      throw cloudWatchError('InvalidParameterValue', `The parameter ExtendedStatistics.member.${i + 1} must be a percentile such as p99.`);
    }
    return v;
  });
  if (basic.length + extended.length === 0) {
    throw cloudWatchError('MissingParameter', 'Either the parameter Statistics or ExtendedStatistics is required.');
  }
  const periodMs = effectivePeriodMs(period);
  const requested = Math.ceil((end - start) / periodMs);
  if (requested > MAX_STATISTICS_POINTS) {
    throw cloudWatchError(
      'InvalidParameterCombination',
      `You have requested up to ${requested} datapoints, which exceeds the limit of ${MAX_STATISTICS_POINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const unit = input.string('Unit');
  const series = ctx.metrics().get(metric.namespace, metric.metricName, metric.dimensions);
  const buckets = series && (unit === undefined || unit === series.unit) ? bucketMinutes(series, { start, end, now: ctx.now }, periodMs) : new Map();
  const datapoints = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([bucket, minutes]) => {
      const point: Record<string, unknown> = { Timestamp: epochSeconds(bucket), Unit: series!.unit };
      for (const name of basic) point[name] = computeStatistic(minutes, { kind: name } as Statistic);
      if (extended.length) point.ExtendedStatistics = Object.fromEntries(extended.map((p) => [p, computeStatistic(minutes, parseStatistic(p)!)]));
      return point;
    });
  return { Label: metric.metricName, Datapoints: datapoints };
};

export const cloudWatchOperations: Record<string, AwsOperation> = {
  GetMetricData: getMetricData,
  ListMetrics: listMetrics,
  GetMetricStatistics: getMetricStatistics,
};
