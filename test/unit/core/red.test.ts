import * as assert from 'node:assert/strict';
import { buildRedQueries, formatCapacity, formatRed, redHealth, redWindow, summarizeRed } from '../../../src/core/metrics/red';
import type { MetricSeries, Resource } from '../../../src/core/model';

function endpoint(name: string, variants: Resource['variants'], status: Resource['status'] = 'inService'): Resource {
  return { ref: { provider: 'aws', scopeId: 'aws/p/us-east-1', kind: 'endpoint', name }, nativeId: name, status, rawStatus: 'InService', variants };
}

function series(queryId: string, values: number[]): MetricSeries {
  return { queryId, unit: 'ms', timestamps: values.map((_, i) => i * 60_000), values };
}

describe('core/metrics/red', () => {
  it('asks three RED metrics per variant of endpoints that serve traffic', () => {
    const qs = buildRedQueries([
      endpoint('a', [{ name: 'blue' }, { name: 'green' }]),
      endpoint('b', [{ name: 'AllTraffic' }], 'failed'),
      endpoint('c', [{ name: 'AllTraffic' }], 'updating'),
    ]);
    assert.equal(qs.length, 9);
    assert.deepEqual(new Set(qs.map((q) => q.resource.name)), new Set(['a', 'c']));
    assert.equal(new Set(qs.map((q) => q.id)).size, qs.length, 'query ids are unique');
  });

  it('combines variants: worst p99, summed rate, request-weighted error rate', () => {
    const e = endpoint('a', [{ name: 'blue' }, { name: 'green' }]);
    const qs = buildRedQueries([e]);
    const values: Record<string, number[]> = {
      'blue|latencyP99': [100, 120],
      'green|latencyP99': [900, 1400],
      'blue|requestsPerSecond': [30],
      'green|requestsPerSecond': [10],
      'blue|errorRate': [1],
      'green|errorRate': [5],
    };
    const data = qs.map((q) => series(q.id, values[`${q.variant}|${q.metric}`]));
    const summary = summarizeRed(qs, data).get('aws/aws/p/us-east-1/endpoint/a');
    assert.ok(summary);
    assert.equal(summary.p99LatencyMs, 1400);
    assert.equal(summary.requestsPerSecond, 40);
    assert.equal(summary.errorRatePercent, 2); // (1*30 + 5*10) / 40
  });

  it('leaves a metric out when its series has no points', () => {
    const e = endpoint('idle', [{ name: 'AllTraffic' }]);
    const qs = buildRedQueries([e]);
    const summary = summarizeRed(qs, qs.map((q) => series(q.id, q.metric === 'requestsPerSecond' ? [0] : [])));
    const s = summary.get('aws/aws/p/us-east-1/endpoint/idle');
    assert.equal(s?.requestsPerSecond, 0);
    assert.equal(s?.p99LatencyMs, undefined);
    assert.equal(s?.errorRatePercent, undefined);
  });

  it('grades health against the thresholds', () => {
    assert.equal(redHealth({ p99LatencyMs: 999, errorRatePercent: 0.5 }), 'ok');
    assert.equal(redHealth({ p99LatencyMs: 1001, errorRatePercent: 0 }), 'warning');
    assert.equal(redHealth({ p99LatencyMs: 10, errorRatePercent: 1.5 }), 'warning');
    assert.equal(redHealth({ p99LatencyMs: 10, errorRatePercent: 7 }), 'error');
    assert.equal(redHealth({ p99LatencyMs: 1500 }, { latencyMs: 2000, errorRateWarningPercent: 1, errorRateErrorPercent: 5 }), 'ok');
    assert.equal(redHealth(undefined), 'unknown');
  });

  it('formats the summary and capacity for the tree', () => {
    assert.equal(formatRed({ p99LatencyMs: 1450.4, requestsPerSecond: 12.34, errorRatePercent: 0.123 }), 'p99 1,450 ms · 12.3 req/s · 0.1% err');
    const r = endpoint('a', [{ name: 'v', instanceType: 'ml.g5.12xlarge', instanceCount: 2 }]);
    assert.equal(formatCapacity(r), 'ml.g5.12xlarge × 2');
    const s = endpoint('s', [{ name: 'v', serverless: { memorySizeMb: 4096, maxConcurrency: 20 } }]);
    assert.equal(formatCapacity(s), 'serverless 4 GB');
  });

  it('summarises the last five whole minutes', () => {
    const w = redWindow(Date.UTC(2026, 10, 30, 12, 7, 42));
    assert.equal(w.end, Date.UTC(2026, 10, 30, 12, 7, 0));
    assert.equal(w.end - w.start, 300_000);
  });
});
