// GetMetricData: MetricStat queries, metric math expressions over them, ScanBy, the 500-query
// limit, and the 100,800-datapoint limit per call with NextToken paging.
import { hashString } from '../prng';
import type { AwsCallContext, AwsOperation } from './context';
import { effectivePeriodMs, periodGrid, seriesPoints, type Points, type Range } from './datapoints';
import { isObject, type InputReader } from './input';
import { evaluateExpression, MathError, type MathValue } from './metricMath';
import { cloudWatchError, readMetric, validatePeriod } from './cloudwatchInput';
import { decodeToken, encodeToken, epochSeconds } from './protocol';
import { parseStatistic } from './statistics';

export const MAX_QUERIES = 500;
export const MAX_DATAPOINTS = 100_800;
const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;

interface Query {
  id: string;
  label?: string;
  returnData: boolean;
  period?: number;
  expression?: string;
  stat?: { namespace: string; metricName: string; dimensions: Array<{ Name: string; Value: string }>; period: number; stat: string; unit?: string };
}

function readQueries(input: InputReader): Query[] {
  const raw = input.array('MetricDataQueries', { required: true });
  if (raw.length === 0) throw cloudWatchError('MissingParameter', 'The parameter MetricDataQueries is required.');
  if (raw.length > MAX_QUERIES) {
    throw cloudWatchError('ValidationError', `The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  }
  const seen = new Set<string>();
  const queries = raw.map((item, i): Query => {
    const q = input.nested(item, `MetricDataQueries.member.${i + 1}`);
    const id = q.string('Id', { required: true, maxLength: 255 });
    if (!ID_PATTERN.test(id)) {
      throw cloudWatchError('ValidationError', `Invalid metric data query Id '${id}': it must start with a lowercase letter and contain only letters, numbers and underscores.`);
    }
    if (seen.has(id)) throw cloudWatchError('ValidationError', `The value '${id}' for parameter MetricDataQueries.member.${i + 1}.Id is not unique.`);
    seen.add(id);
    const expression = q.string('Expression', { maxLength: 2048 });
    const hasStat = q.input.MetricStat !== undefined && q.input.MetricStat !== null;
    if ((expression === undefined) === !hasStat) {
      throw cloudWatchError('ValidationError', `The parameter MetricDataQueries.member.${i + 1} must contain exactly one of MetricStat and Expression.`);
    }
    const period = q.integer('Period', { min: 1 });
    if (period !== undefined) validatePeriod(period, `MetricDataQueries.member.${i + 1}.Period`);
    const query: Query = { id, label: q.string('Label'), returnData: q.boolean('ReturnData') ?? true, period, expression };
    if (hasStat) {
      const ms = q.nested(q.input.MetricStat, 'MetricStat');
      const statPeriod = ms.integer('Period', { required: true, min: 1 })!;
      validatePeriod(statPeriod, `MetricDataQueries.member.${i + 1}.MetricStat.Period`);
      const stat = ms.string('Stat', { required: true });
      if (!parseStatistic(stat)) {
        throw cloudWatchError('InvalidParameterValue', `The value ${stat} for parameter MetricDataQueries.member.${i + 1}.MetricStat.Stat is not supported by the sandbox: use Sum, Average, Minimum, Maximum, SampleCount or pNN.`);
      }
      query.stat = { ...readMetric(ms.nested(ms.input.Metric, 'Metric')), period: statPeriod, stat, unit: ms.string('Unit') };
    }
    return query;
  });
  if (!queries.some((q) => q.returnData)) {
    throw cloudWatchError('ValidationError', 'At least one MetricDataQuery must have ReturnData set to true.');
  }
  return queries;
}

interface Result {
  id: string;
  label: string;
  points: Points;
}

function evaluateQueries(queries: Query[], range: Range, ctx: AwsCallContext): Result[] {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const values = new Map<string, Points>();
  const visiting = new Set<string>();
  const statPeriods = queries.flatMap((q) => (q.stat ? [q.stat.period] : []));

  const valueOf = (query: Query): Points => {
    const cached = values.get(query.id);
    if (cached) return cached;
    if (visiting.has(query.id)) throw new MathError(`Circular reference to ${query.id}`);
    visiting.add(query.id);
    const points = query.stat ? statPoints(query.stat, range, ctx) : expressionPoints(query, range);
    visiting.delete(query.id);
    values.set(query.id, points);
    return points;
  };

  const expressionPoints = (query: Query, at: Range): Points => {
    const periodMs = effectivePeriodMs(query.period ?? (statPeriods.length ? Math.min(...statPeriods) : 60));
    try {
      return evaluateExpression(query.expression!, {
        resolve: (id): MathValue => {
          const target = byId.get(id);
          if (!target) throw new MathError(`Unrecognized identifier ${id}`);
          return valueOf(target);
        },
        metrics: (filter) => queries.filter((q) => q.stat && (!filter || labelOf(q).includes(filter))).map(valueOf),
        grid: () => periodGrid(at, periodMs),
      });
    } catch (e) {
      if (e instanceof MathError) throw cloudWatchError('ValidationError', `Error in expression ${query.id}: ${e.message}`);
      throw e;
    }
  };

  return queries.filter((q) => q.returnData).map((q) => ({ id: q.id, label: labelOf(q), points: valueOf(q) }));
}

function labelOf(query: Query): string {
  return query.label ?? query.stat?.metricName ?? query.id;
}

function statPoints(stat: NonNullable<Query['stat']>, range: Range, ctx: AwsCallContext): Points {
  const series = ctx.metrics().get(stat.namespace, stat.metricName, stat.dimensions);
  // A unit that does not match the published unit selects nothing, as in CloudWatch.
  if (!series || (stat.unit !== undefined && stat.unit !== series.unit)) return { timestamps: [], values: [] };
  return seriesPoints(series, range, effectivePeriodMs(stat.period), parseStatistic(stat.stat)!);
}

export const getMetricData: AwsOperation = (input, ctx) => {
  const queries = readQueries(input);
  const start = input.timestamp('StartTime', { required: true });
  const end = input.timestamp('EndTime', { required: true });
  if (start >= end) throw cloudWatchError('InvalidParameterValue', 'The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = input.string('ScanBy', { values: ['TimestampDescending', 'TimestampAscending'] }) ?? 'TimestampDescending';
  const budget = Math.min(input.integer('MaxDatapoints', { min: 1 }) ?? MAX_DATAPOINTS, MAX_DATAPOINTS);
  if (input.input.LabelOptions !== undefined && !isObject(input.input.LabelOptions)) {
    throw cloudWatchError('InvalidParameterValue', 'The parameter LabelOptions must be a structure.');
  }
  const fingerprint = hashString(JSON.stringify([input.input.MetricDataQueries, start, end, scanBy]));
  const token = input.string('NextToken');
  let cursor = { q: 0, o: 0, now: ctx.now };
  if (token !== undefined) {
    const state = decodeToken(token);
    if (!state || state.f !== fingerprint || ![state.q, state.o, state.now].every(Number.isSafeInteger)) {
      throw cloudWatchError('InvalidNextToken', 'The service cannot find the NextToken. Send the same query as the call that returned it.');
    }
    cursor = { q: state.q as number, o: state.o as number, now: state.now as number };
  }
  // Later pages are computed as of the first page's clock, so offsets stay valid while time moves.
  const results = evaluateQueries(queries, { start, end, now: cursor.now }, ctx);
  return page(results, scanBy === 'TimestampDescending', cursor, budget, fingerprint);
};

function page(results: Result[], descending: boolean, cursor: { q: number; o: number; now: number }, budget: number, fingerprint: number) {
  let left = budget;
  let nextToken: string | undefined;
  const out = results.map((result, i) => {
    const order = result.points.timestamps.map((_, k) => k);
    if (descending) order.reverse();
    const from = i < cursor.q ? order.length : i === cursor.q ? cursor.o : 0;
    const take = Math.max(0, Math.min(order.length - from, left));
    left -= take;
    const slice = order.slice(from, from + take);
    const complete = from + take >= order.length;
    if (!complete && nextToken === undefined) nextToken = encodeToken({ q: i, o: from + take, now: cursor.now, f: fingerprint });
    return {
      Id: result.id,
      Label: result.label,
      Timestamps: slice.map((k) => epochSeconds(result.points.timestamps[k])),
      Values: slice.map((k) => result.points.values[k]),
      StatusCode: complete ? 'Complete' : 'PartialData',
      Messages: [],
    };
  });
  return { MetricDataResults: out, NextToken: nextToken, Messages: [] };
}
