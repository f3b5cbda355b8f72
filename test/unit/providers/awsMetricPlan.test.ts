import * as assert from 'node:assert/strict';
import type { MetricQuery } from '../../../src/core/model';
import { cloudWatchPeriod, MAX_QUERIES_PER_CALL, packPlans, planQuery } from '../../../src/providers/aws/metrics';

const ref = { provider: 'aws' as const, scopeId: 's', kind: 'endpoint' as const, name: 'ep' };

function q(metric: MetricQuery['metric'], i: number, extra: Partial<MetricQuery> = {}): MetricQuery {
  return { id: `q${i}`, resource: ref, metric, variant: 'AllTraffic', periodSeconds: 60, ...extra };
}

describe('providers/aws metric planning', () => {
  it('packs RED queries into the minimum number of GetMetricData calls', () => {
    for (const endpoints of [1, 83, 100, 1000]) {
      const plans = [];
      let i = 0;
      for (let e = 0; e < endpoints; e++) for (const m of ['latencyP99', 'requestsPerSecond', 'errorRate'] as const) plans.push(planQuery(q(m, i), i++));
      const series = plans.reduce((n, p) => n + p.entries.length, 0);
      const calls = packPlans(plans);
      assert.equal(calls.length, Math.ceil(series / MAX_QUERIES_PER_CALL), `${endpoints} endpoints`);
      for (const call of calls) assert.ok(call.reduce((n, p) => n + p.entries.length, 0) <= MAX_QUERIES_PER_CALL);
    }
  });

  it('keeps an error-rate expression in the same call as the metrics it reads', () => {
    const plans = Array.from({ length: 300 }, (_, i) => planQuery(q('errorRate', i), i));
    for (const call of packPlans(plans)) {
      const ids = new Set(call.flatMap((p) => p.entries.map((e) => e.Id)));
      for (const p of call) for (const e of p.entries) {
        for (const ref of e.Expression?.match(/m\d+[a-z]/g) ?? []) assert.ok(ids.has(ref), `${ref} travels with ${e.Id}`);
      }
    }
  });

  it('builds error rate by metric math over Sum statistics', () => {
    const plan = planQuery(q('errorRate', 7), 7);
    const expr = plan.entries.find((e) => e.Expression);
    assert.equal(expr?.Expression, '100*(m7a+m7b)/m7i');
    assert.equal(plan.entries.filter((e) => e.ReturnData === false).length, 3);
    assert.ok(plan.entries.filter((e) => e.MetricStat).every((e) => e.MetricStat?.Stat === 'Sum'));
  });

  it('normalises SageMaker units: microseconds to ms, per-core sums to percent, sums to rates', () => {
    assert.equal(planQuery(q('latencyP99', 0), 0).scale(1_450_000), 1450);
    assert.equal(planQuery(q('cpu', 0, { cores: 4 }), 0).scale(380), 95);
    assert.equal(planQuery(q('gpu', 0, { cores: 4 }), 0).scale(24), 6);
    assert.equal(planQuery(q('memory', 0, { cores: 4 }), 0).scale(60), 60, 'memory is already 0-100');
    assert.equal(planQuery(q('requestsPerSecond', 0, { periodSeconds: 300 }), 0).scale(3000), 10);
    assert.equal(planQuery(q('errors5xxRate', 0), 0).scale(0.07), 7.000000000000001);
  });

  it('addresses the namespaces and dimensions SageMaker publishes to', () => {
    const cpu = planQuery(q('cpu', 0), 0).entries[0].MetricStat?.Metric;
    assert.equal(cpu?.Namespace, '/aws/sagemaker/Endpoints');
    assert.deepEqual(cpu?.Dimensions, [{ Name: 'EndpointName', Value: 'ep' }, { Name: 'VariantName', Value: 'AllTraffic' }]);
    const job = planQuery({ id: 'j', resource: { ...ref, kind: 'trainingJob', name: 'job' }, metric: 'gpu', host: 'job/algo-2', periodSeconds: 60 }, 1).entries[0].MetricStat?.Metric;
    assert.equal(job?.Namespace, '/aws/sagemaker/TrainingJobs');
    assert.deepEqual(job?.Dimensions, [{ Name: 'Host', Value: 'job/algo-2' }]);
    const bytes = planQuery({ id: 'd', resource: { ...ref, kind: 'dataset', name: 's3://bucket-a/train/' }, metric: 'storageBytes', periodSeconds: 60 }, 2).entries[0].MetricStat;
    assert.equal(bytes?.Metric?.Namespace, 'AWS/S3');
    assert.equal(bytes?.Period, 86400, 'S3 storage metrics are daily');
    assert.deepEqual(bytes?.Metric?.Dimensions, [{ Name: 'BucketName', Value: 'bucket-a' }, { Name: 'StorageType', Value: 'StandardStorage' }]);
  });

  it('rounds periods to whole minutes', () => {
    assert.equal(cloudWatchPeriod(1), 60);
    assert.equal(cloudWatchPeriod(299), 300);
    assert.equal(cloudWatchPeriod(3600), 3600);
  });
});
