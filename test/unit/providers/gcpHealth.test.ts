// The health check's rules over Vertex AI resources: the default scenario's stories become findings,
// with the metrics of the whole project read in one call per metric type and period.
import * as assert from 'node:assert/strict';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { runHealthCheck } from '../../../src/core/health/healthCheck';
import { defaultThresholds } from '../../../src/core/rules/thresholds';
import { GcpProvider } from '../../../src/providers/gcp/gcpProvider';
import { startSandbox } from '../../../src/sandbox/server';

const NOON = Date.parse('2026-12-01T12:00:00Z');

describe('health check over Vertex AI', function () {
  this.timeout(120000);

  it('finds the stories of the default scenario', async () => {
    const sandbox = await startSandbox({ port: 0, now: () => NOON });
    const provider = new GcpProvider({ projects: [], locations: [], sandbox: { url: sandbox.url } });
    try {
      const report = await runHealthCheck(provider.listScopes().map((scope) => ({ provider, scope })), { thresholds: defaultThresholds, catalog: createCatalog(), now: () => NOON });
      assert.deepEqual(report.scopes.filter((s) => s.error), []);
      const found = new Set(report.findings.map((f) => `${f.ruleId} ${f.resource.name}`));
      for (const expected of [
        'red/error-rate churn-scorer',
        'red/latency-p99 search-reranker',
        'utilization/memory-leak recs-retrieval',
        'training/failed bert-classifier-oom',
        'training/input-bottleneck tabnet-train-2026-11-30',
        'datasets/storage-growth transactions-bq',
      ]) {
        assert.ok(found.has(expected), `missing ${expected} in:\n${[...found].join('\n')}`);
      }
      assert.ok(![...found].some((f) => f.endsWith(' fraud-scorer')), 'the healthy endpoint has no finding');
      // Lists once per kind; metrics in one call per metric type and period, never per resource.
      assert.equal(report.calls['Vertex.ListEndpoints'], 1);
      assert.equal(report.calls['Monitoring.ListTimeSeries'], 11, 'response_count, prediction_latencies, 4 endpoint and 4 training utilization types, stored_bytes');
      assert.ok(sandbox.requestCounts()['Monitoring.ListTimeSeries'] <= report.calls['Monitoring.ListTimeSeries'], 'the adapter counts every attempt, even one a closed connection lost');
    } finally {
      provider.dispose();
      await sandbox.close();
    }
  });
});
