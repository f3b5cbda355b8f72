// Cloud Monitoring v3 `projects.timeSeries.list` over a project's sandbox series: the filter, the
// interval, per-series alignment and cross-series reduction, the FULL and HEADERS views, and
// paging by points (FULL) or series (HEADERS) with tokens tied to the request. Answers in
// Google's JSON: int64 as strings, enums as names or numbers as the client asked, points newest first.
import { hashString } from '../prng';
import { decodeToken, encodeToken } from '../aws/protocol';
import { AggregationError, ALIGNERS, alignSeries, checkAligner, checkGroupBy, REDUCERS, reduceSeries, type OutSeries } from './align';
import { FilterError, matches, metricTypes, parseFilter } from './filter';
import { GoogleError, parseDuration, parseRfc3339, readEnum, readPageSize, rfc3339 } from './protocol';
import type { GcpSeries, Sample } from './series';

const METRIC_KINDS = { METRIC_KIND_UNSPECIFIED: 0, GAUGE: 1, DELTA: 2, CUMULATIVE: 3 };
const VALUE_TYPES = { VALUE_TYPE_UNSPECIFIED: 0, BOOL: 1, INT64: 2, DOUBLE: 3, STRING: 4, DISTRIBUTION: 5, MONEY: 6 };
const MAX_PAGE = 100_000;
const MIN_PERIOD_MS = 60_000;
const MAX_PERIOD_MS = 104 * 7 * 86_400_000;

export interface MetricsIndex {
  /** Every series of the project, and the metric types that exist for it (descriptors). */
  series: GcpSeries[];
  knownTypes: ReadonlySet<string>;
}

export interface ListRequest {
  project: string;
  params: URLSearchParams;
  now: number;
  intEnums: boolean;
  index: () => MetricsIndex;
}

function invalid(message: string): GoogleError {
  return new GoogleError(400, message);
}

function readRequest(params: URLSearchParams) {
  const filterText = params.get('filter');
  if (!filterText) throw invalid('Field filter had an invalid value of "": a filter with a metric.type is required.');
  let filter;
  try {
    filter = parseFilter(filterText);
  } catch (e) {
    if (e instanceof FilterError) throw invalid(`Field filter had an invalid value of "${filterText}": ${e.message}.`);
    throw e;
  }
  const types = metricTypes(filter);
  if (types.size !== 1) throw invalid(`Field filter had an invalid value of "${filterText}": the filter must name exactly one metric type with metric.type = "...".`);
  const endText = params.get('interval.endTime');
  if (!endText) throw invalid('Field interval.endTime had an invalid value of "": it is required.');
  const end = parseRfc3339(endText, 'interval.end_time');
  const startText = params.get('interval.startTime');
  const start = startText ? parseRfc3339(startText, 'interval.start_time') : end - 1;
  if (start > end) throw invalid('Field interval.startTime had an invalid value: the start time must not be after the end time.');
  const aligner = readEnum(params.get('aggregation.perSeriesAligner'), ALIGNERS, 'aggregation.perSeriesAligner') ?? 'ALIGN_NONE';
  const reducer = readEnum(params.get('aggregation.crossSeriesReducer'), REDUCERS, 'aggregation.crossSeriesReducer') ?? 'REDUCE_NONE';
  const periodText = params.get('aggregation.alignmentPeriod');
  const periodMs = periodText ? parseDuration(periodText, 'aggregation.alignment_period') : undefined;
  if (aligner !== 'ALIGN_NONE' && periodMs === undefined) throw invalid('The alignment period must be specified when a per-series aligner is set.');
  if (periodMs !== undefined && (periodMs < MIN_PERIOD_MS || periodMs > MAX_PERIOD_MS)) {
    throw invalid(`Field aggregation.alignmentPeriod had an invalid value of "${periodText}": it must be at least 60s and at most 104 weeks.`);
  }
  if (reducer !== 'REDUCE_NONE' && aligner === 'ALIGN_NONE') throw invalid('A cross-series reducer requires a per-series aligner other than ALIGN_NONE.');
  if (aligner === 'ALIGN_PERCENT_CHANGE' || aligner.startsWith('ALIGN_COUNT_') || aligner === 'ALIGN_FRACTION_TRUE') {
    throw invalid(`The aligner ${aligner} cannot be applied to the metrics the sandbox serves (no BOOL metrics, no percent change).`);
  }
  const groupBy = params.getAll('aggregation.groupByFields');
  checkGroupBy(groupBy);
  const view = params.get('view') ?? 'FULL';
  if (!['FULL', 'HEADERS', '0', '1'].includes(view)) throw invalid(`Invalid value at 'view' (type.googleapis.com/google.monitoring.v3.ListTimeSeriesRequest.TimeSeriesView), "${view}"`);
  return { filterText, filter, metricType: [...types][0], start, end, aligner, reducer, periodMs: periodMs ?? MIN_PERIOD_MS, groupBy, headers: view === 'HEADERS' || view === '1' };
}

function value(sample: Sample, buckets: GcpSeries['buckets']): Record<string, unknown> {
  switch (sample.kind) {
    case 'double':
      return { doubleValue: sample.value };
    case 'int64':
      return { int64Value: String(sample.value) };
    case 'distribution':
      return {
        distributionValue: {
          count: String(sample.count),
          mean: sample.mean,
          sumOfSquaredDeviation: sample.ssd,
          bucketOptions: { exponentialBuckets: buckets },
          bucketCounts: sample.counts.map(String),
        },
      };
  }
}

function seriesJson(s: OutSeries, points: OutSeries['points'] | undefined, buckets: GcpSeries['buckets'], intEnums: boolean): Record<string, unknown> {
  const json: Record<string, unknown> = {
    metric: { type: s.metricType, labels: s.metricLabels },
    resource: { type: s.resourceType, labels: s.resourceLabels },
    metricKind: intEnums ? METRIC_KINDS[s.metricKind] : s.metricKind,
    valueType: intEnums ? VALUE_TYPES[s.valueType] : s.valueType,
    unit: s.unit,
  };
  if (points) {
    json.points = points.map((p) => ({
      interval: p.start === p.end ? { endTime: rfc3339(p.end) } : { startTime: rfc3339(p.start), endTime: rfc3339(p.end) },
      value: value(p.value, buckets),
    }));
  }
  return json;
}

const labelKey = (s: OutSeries) => JSON.stringify([s.resourceLabels, s.metricLabels]);

export function listTimeSeries(req: ListRequest): Record<string, unknown> {
  const r = readRequest(req.params);
  const index = req.index();
  if (!index.knownTypes.has(r.metricType)) {
    throw new GoogleError(404, `Cannot find metric(s) that match type = "${r.metricType}". If a metric was created recently, it could take up to 10 minutes to become available. Please try again soon.`);
  }
  const candidates = index.series.filter((s) => s.metricType === r.metricType && matches(r.filter, s));
  // Later pages answer as of the first page's clock, so paging never sees data move under it.
  const fingerprint = hashString(JSON.stringify([req.project, r.filterText, r.start, r.end, r.aligner, r.reducer, r.periodMs, r.groupBy, r.headers]));
  let offset = { s: 0, p: 0, now: req.now };
  const token = req.params.get('pageToken');
  if (token) {
    const state = decodeToken(token);
    if (!state || state.f !== fingerprint || !Number.isSafeInteger(state.s) || !Number.isSafeInteger(state.p) || typeof state.n !== 'number') {
      throw invalid('The page token is invalid: send the same request as the one that returned it.');
    }
    offset = { s: state.s as number, p: state.p as number, now: state.n };
  }
  let aligned: OutSeries[];
  try {
    for (const s of candidates) checkAligner(r.aligner, s);
    aligned = candidates.map((s) => alignSeries(s, { start: r.start, end: r.end, now: offset.now, periodMs: r.periodMs, aligner: r.aligner }));
    if (r.reducer !== 'REDUCE_NONE') aligned = reduceSeries(aligned, r.reducer, r.groupBy);
  } catch (e) {
    if (e instanceof AggregationError) throw invalid(e.message);
    throw e;
  }
  const out = aligned.filter((s) => s.points.length > 0).sort((a, b) => (labelKey(a) < labelKey(b) ? -1 : labelKey(a) > labelKey(b) ? 1 : 0));
  const buckets = candidates[0]?.buckets;
  const pageSize = readPageSize(req.params, MAX_PAGE, MAX_PAGE);
  const page: Record<string, unknown>[] = [];
  let budget = pageSize;
  let si = offset.s;
  let pi = offset.p;
  // FULL pages count points and may split a series across pages; HEADERS pages count series.
  while (si < out.length && budget > 0) {
    const s = out[si];
    if (r.headers) {
      page.push(seriesJson(s, undefined, buckets, req.intEnums));
      budget--;
      si++;
      continue;
    }
    const take = s.points.slice(pi, pi + budget);
    page.push(seriesJson(s, take, buckets, req.intEnums));
    budget -= take.length;
    pi += take.length;
    if (pi >= s.points.length) {
      si++;
      pi = 0;
    }
  }
  const body: Record<string, unknown> = { timeSeries: page, unit: out[0]?.unit ?? '' };
  if (si < out.length) body.nextPageToken = encodeToken({ s: si, p: pi, n: offset.now, f: fingerprint });
  return body;
}
