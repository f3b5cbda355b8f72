// The CloudWatch sandbox through the real @aws-sdk/client-cloudwatch: the default scenario's
// stories, in wire units, and GetMetricData's limits and paging.
import {
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  paginateGetMetricData,
  paginateListMetrics,
  type CloudWatchClient,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import * as assert from 'node:assert/strict';
import { findInstanceType } from '../../../src/core/catalog/catalog';
import { DAY, endpointMetric, HOUR, hostMetric, mean, NOON, openSandbox, rejection, type TestSandbox } from './helpers';

const INV = 'AWS/SageMaker';
const UTIL = '/aws/sagemaker/Endpoints';

function spec(type: string) {
  const s = findInstanceType('aws', type);
  assert.ok(s, `${type} is in the instance catalog`);
  return s;
}

describe('sandbox/cloudwatch', function () {
  let t: TestSandbox;
  let cw: CloudWatchClient;
  before(async () => {
    t = await openSandbox();
    cw = t.cloudwatch();
  });
  after(() => t.close());

  const query = (queries: MetricDataQuery[], hours: number, extra: Partial<{ ScanBy: 'TimestampAscending' | 'TimestampDescending'; MaxDatapoints: number; NextToken: string }> = {}) =>
    cw.send(new GetMetricDataCommand({ StartTime: new Date(NOON - hours * HOUR), EndTime: new Date(NOON), MetricDataQueries: queries, ScanBy: 'TimestampAscending', ...extra }));
  const values = (out: GetMetricDataCommandOutput, id: string) => {
    const r = out.MetricDataResults!.find((x) => x.Id === id);
    assert.ok(r, `result ${id}`);
    return r.Values!;
  };

  it('serves a healthy endpoint: p99 ~180 ms in µs, ~40 req/s, ~0.1 % errors', async () => {
    const out = await query(
      [
        endpointMetric('p99', INV, 'ModelLatency', 'fraud-detector-prod', 300, 'p99'),
        endpointMetric('inv', INV, 'Invocations', 'fraud-detector-prod', 300, 'Sum'),
        endpointMetric('err', INV, 'Invocation5XXErrors', 'fraud-detector-prod', 300, 'Sum', false),
        { Id: 'rate', Expression: '100 * err / inv', Label: 'error %' },
      ],
      3,
    );
    assert.equal(values(out, 'p99').length, 36);
    const p99 = mean(values(out, 'p99'));
    assert.ok(p99 > 150_000 && p99 < 220_000, `p99 ${p99} µs`);
    const rps = mean(values(out, 'inv')) / 300;
    assert.ok(rps > 30 && rps < 55, `rps ${rps}`);
    const rate = mean(values(out, 'rate'));
    assert.ok(rate > 0.02 && rate < 0.3, `error rate ${rate} %`);
    assert.equal(out.MetricDataResults!.find((r) => r.Id === 'rate')!.Label, 'error %');
    assert.ok(!out.MetricDataResults!.some((r) => r.Id === 'err'), 'ReturnData false hides a query');
  });

  it('puts the latency regression over 1,000,000 µs for the last six hours only', async () => {
    const out = await query([endpointMetric('p99', INV, 'ModelLatency', 'search-ranker', 3600, 'p99')], 12);
    const p99 = values(out, 'p99');
    assert.equal(p99.length, 12);
    assert.ok(p99.slice(0, 6).every((v) => v > 200_000 && v < 350_000), `before: ${p99.slice(0, 6)}`);
    assert.ok(p99.slice(6).every((v) => v > 1_000_000), `after: ${p99.slice(6)}`);
  });

  it('shows the memory leak rising from ~45 % to ~92 % over three days', async () => {
    const out = await query([endpointMetric('mem', UTIL, 'MemoryUtilization', 'recommender-prod', 6 * 3600, 'Average')], 96);
    const mem = values(out, 'mem');
    assert.equal(mem.length, 16);
    assert.ok(mem[0] > 40 && mem[0] < 50, `four days ago ${mem[0]}`);
    assert.ok(mem.at(-1)! > 85 && mem.at(-1)! <= 100, `now ${mem.at(-1)}`);
    const leak = mem.slice(-12);
    assert.ok(leak.every((v, i) => i === 0 || v > leak[i - 1]), `rising: ${leak.map((v) => v.toFixed(1))}`);
  });

  it('sums GPU and CPU over devices: the over-provisioned GPU endpoint is ~6 % per GPU', async () => {
    const { gpus, vcpu } = spec('ml.g5.12xlarge');
    const out = await query(
      [endpointMetric('gpu', UTIL, 'GPUUtilization', 'image-classifier-gpu', 3600, 'Average'), endpointMetric('cpu', UTIL, 'CPUUtilization', 'image-classifier-gpu', 3600, 'Average')],
      14 * 24,
    );
    assert.equal(values(out, 'gpu').length, 14 * 24, 'fourteen days of history');
    const gpu = mean(values(out, 'gpu'));
    const cpu = mean(values(out, 'cpu'));
    assert.ok(gpu > 3 * gpus && gpu < 10 * gpus, `GPU ${gpu} over ${gpus} GPUs`);
    assert.ok(cpu > 5 * vcpu && cpu < 12 * vcpu, `CPU ${cpu} over ${vcpu} vCPU`);
  });

  it('saturates nlp-summarizer CPU at ~96 % p95 per core', async () => {
    const { vcpu } = spec('ml.m5.large');
    const out = await query([endpointMetric('cpu', UTIL, 'CPUUtilization', 'nlp-summarizer', 3600, 'p95')], 6);
    const perCore = mean(values(out, 'cpu')) / vcpu;
    assert.ok(perCore > 93 && perCore <= 100, `p95 per core ${perCore}`);
  });

  it('spikes churn-predictor 5xx to ~7 % in the last hour only', async () => {
    const out = await query(
      [
        endpointMetric('inv', INV, 'Invocations', 'churn-predictor', 3600, 'Sum', false),
        endpointMetric('err', INV, 'Invocation5XXErrors', 'churn-predictor', 3600, 'Sum', false),
        endpointMetric('avg', INV, 'Invocation5XXErrors', 'churn-predictor', 3600, 'Average'),
        { Id: 'rate', Expression: '100 * err / inv' },
      ],
      4,
    );
    const rate = values(out, 'rate');
    assert.equal(rate.length, 4);
    assert.ok(rate.slice(0, 3).every((v) => v < 1), `before ${rate}`);
    assert.ok(rate[3] > 5.5 && rate[3] < 8.5, `last hour ${rate[3]}`);
    assert.ok(Math.abs(values(out, 'avg')[3] * 100 - rate[3]) < 1e-9, 'Average of the 0/1 metric is the rate');
  });

  it('reports the data-loading bottleneck of the running training job per host', async () => {
    const { gpus, vcpu } = spec('ml.p3.8xlarge');
    const host = 'resnet50-train-2026-11-30/algo-2';
    const out = await query([hostMetric('gpu', 'GPUUtilization', host, 3600, 'Average'), hostMetric('cpu', 'CPUUtilization', host, 3600, 'Average')], 24);
    assert.equal(values(out, 'gpu').length, 9, 'data only since the job started nine hours ago');
    const gpu = mean(values(out, 'gpu')) / gpus;
    const cpu = mean(values(out, 'cpu')) / vcpu;
    assert.ok(gpu > 10 && gpu < 20, `GPU ${gpu} %`);
    assert.ok(cpu > 90 && cpu <= 100, `CPU ${cpu} %`);
  });

  it('serves daily, growing S3 storage metrics', async () => {
    const out = await query(
      [
        {
          Id: 'size',
          MetricStat: {
            Metric: { Namespace: 'AWS/S3', MetricName: 'BucketSizeBytes', Dimensions: [{ Name: 'BucketName', Value: 'acme-ml-datasets' }, { Name: 'StorageType', Value: 'StandardStorage' }] },
            Period: 86400,
            Stat: 'Average',
          },
        },
      ],
      // From midnight eight days ago: CloudWatch buckets from StartTime.
      7 * 24 + 12,
    );
    const result = out.MetricDataResults![0];
    assert.equal(result.Values!.length, 8);
    assert.ok(result.Timestamps!.every((ts) => ts.getTime() % DAY === 0), 'stamped at midnight UTC');
    assert.ok(result.Values!.every((v, i) => i === 0 || v > result.Values![i - 1]), 'growing');
  });

  it('lists metrics with filters, paging and no instance metrics for serverless', async () => {
    const serverless = await cw.send(new ListMetricsCommand({ Dimensions: [{ Name: 'EndpointName', Value: 'sentiment-serverless' }] }));
    const names = serverless.Metrics!.map((m) => `${m.Namespace} ${m.MetricName}`);
    assert.ok(names.includes('AWS/SageMaker ModelLatency'));
    assert.ok(!names.some((n) => n.startsWith(UTIL)), names.join(', '));
    const gpu = await cw.send(new ListMetricsCommand({ Namespace: UTIL, MetricName: 'GPUUtilization' }));
    assert.deepEqual(gpu.Metrics!.map((m) => m.Dimensions![0].Value), ['image-classifier-gpu']);
    const big = await openSandbox({ fleetSize: 60 });
    try {
      const pages = [];
      for await (const page of paginateListMetrics({ client: big.cloudwatch() }, {})) pages.push(page);
      assert.ok(pages.length > 1 && pages[0].Metrics!.length === 500);
      const all = pages.flatMap((p) => p.Metrics!.map((m) => JSON.stringify(m)));
      assert.equal(new Set(all).size, all.length);
    } finally {
      await big.close();
    }
  });

  it('answers GetMetricStatistics with basic and extended statistics', async () => {
    const out = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: INV,
        MetricName: 'ModelLatency',
        Dimensions: [{ Name: 'EndpointName', Value: 'search-ranker' }, { Name: 'VariantName', Value: 'AllTraffic' }],
        StartTime: new Date(NOON - 2 * HOUR),
        EndTime: new Date(NOON),
        Period: 3600,
        Statistics: ['Average', 'SampleCount'],
        ExtendedStatistics: ['p99'],
      }),
    );
    assert.equal(out.Datapoints!.length, 2);
    const point = out.Datapoints![0];
    assert.equal(point.Unit, 'Microseconds');
    assert.ok(point.ExtendedStatistics!.p99 > 1_000_000 && point.Average! < point.ExtendedStatistics!.p99);
    const err = await rejection(cw.send(new GetMetricStatisticsCommand({ Namespace: INV, MetricName: 'ModelLatency', StartTime: new Date(NOON - 2 * DAY), EndTime: new Date(NOON), Period: 60, Statistics: ['Average'] })));
    assert.equal(err.name, 'InvalidParameterCombinationException');
  });

  it('rejects more than 500 queries', async () => {
    const queries = Array.from({ length: 501 }, (_, i) => endpointMetric(`q${i}`, INV, 'Invocations', 'fraud-detector-prod', 300, 'Sum'));
    const err = await rejection(query(queries, 1));
    assert.equal(err.name, 'ValidationException');
    assert.match(err.message, /must not have a size greater than 500/);
    assert.equal(err.$metadata?.httpStatusCode, 400);
    const ok = await query(queries.slice(0, 500), 1);
    assert.equal(ok.MetricDataResults!.length, 500);
  });

  it('rejects bad queries with the errors CloudWatch uses', async () => {
    const unknownId = await rejection(query([{ Id: 'e1', Expression: 'm1 * 2' }], 1));
    assert.equal(unknownId.name, 'ValidationException');
    assert.match(unknownId.message, /Unrecognized identifier m1/);
    const badPeriod = await rejection(query([endpointMetric('m1', INV, 'Invocations', 'fraud-detector-prod', 90, 'Sum')], 1));
    assert.equal(badPeriod.name, 'InvalidParameterValueException');
    const backwards = await rejection(cw.send(new GetMetricDataCommand({ StartTime: new Date(NOON), EndTime: new Date(NOON - HOUR), MetricDataQueries: [endpointMetric('m1', INV, 'Invocations', 'fraud-detector-prod', 60, 'Sum')] })));
    assert.equal(backwards.name, 'InvalidParameterValueException');
  });

  it('pages past 100,800 datapoints with NextToken and PartialData', async () => {
    // Six one-minute series over 14 days: 6 x 20,160 = 120,960 datapoints.
    const endpoints = ['fraud-detector-prod', 'recommender-prod', 'search-ranker'];
    const queries = endpoints.flatMap((e, i) => [endpointMetric(`c${i}`, UTIL, 'CPUUtilization', e, 60, 'Average'), endpointMetric(`m${i}`, UTIL, 'MemoryUtilization', e, 60, 'Average')]);
    const first = await query(queries, 14 * 24);
    const count = (o: GetMetricDataCommandOutput) => o.MetricDataResults!.reduce((n, r) => n + r.Values!.length, 0);
    assert.equal(count(first), 100_800);
    assert.ok(first.NextToken);
    assert.ok(first.MetricDataResults!.some((r) => r.StatusCode === 'PartialData'));
    const second = await query(queries, 14 * 24, { NextToken: first.NextToken });
    assert.equal(count(second), 6 * 14 * 1440 - 100_800);
    assert.equal(second.NextToken, undefined);
    assert.ok(second.MetricDataResults!.every((r) => r.StatusCode === 'Complete'));
  });

  it('pages by MaxDatapoints to exactly the data of a single call, newest first by default', async () => {
    const queries = [endpointMetric('p50', INV, 'ModelLatency', 'pricing-model-prod', 300, 'p50'), endpointMetric('n', INV, 'Invocations', 'pricing-model-prod', 300, 'Sum')];
    const input = { StartTime: new Date(NOON - 6 * HOUR), EndTime: new Date(NOON), MetricDataQueries: queries };
    const whole = await cw.send(new GetMetricDataCommand(input));
    const ts = whole.MetricDataResults![0].Timestamps!.map((d) => d.getTime());
    assert.deepEqual(ts, [...ts].sort((a, b) => b - a), 'TimestampDescending by default');
    const joined: Record<string, number[]> = { p50: [], n: [] };
    let pages = 0;
    for await (const page of paginateGetMetricData({ client: cw, pageSize: 25 }, input)) {
      pages++;
      for (const r of page.MetricDataResults!) joined[r.Id!].push(...r.Values!);
    }
    assert.equal(pages, Math.ceil(144 / 25));
    assert.deepEqual(joined.p50, whole.MetricDataResults![0].Values);
    assert.deepEqual(joined.n, whole.MetricDataResults![1].Values);
  });

  it('evaluates FILL, IF and SUM over series', async () => {
    const out = await query(
      [
        endpointMetric('a', INV, 'Invocations', 'ab-test-candidate', 300, 'Sum', false),
        endpointMetric('b', INV, 'Invocations', 'pricing-model-prod', 300, 'Sum', false),
        endpointMetric('c', INV, 'Invocations', 'fraud-detector-prod', 300, 'Sum', false),
        { Id: 'filled', Expression: 'FILL(a, 0)' },
        { Id: 'total', Expression: 'SUM([b, c])' },
        { Id: 'busy', Expression: 'IF(c > b, 1, 0)' },
      ],
      1,
    );
    assert.deepEqual(values(out, 'filled'), Array(12).fill(0), 'a creating endpoint has no data; FILL makes zeros');
    assert.equal(values(out, 'total').length, 12);
    assert.deepEqual(values(out, 'busy'), Array(12).fill(1), 'fraud-detector takes more traffic than pricing-model');
  });
});
