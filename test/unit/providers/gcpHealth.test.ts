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
        'training/failed llm-finetune-a100',
        'datasets/query-latency churn-features-bq',
      ]) {
        assert.ok(found.has(expected), `missing ${expected} in:\n${[...found].join('\n')}`);
      }
      assert.ok(![...found].some((f) => f.endsWith(' fraud-scorer')), 'the healthy endpoint has no finding');
      // n1-standard-8 + 1 T4 at ~8 % CPU, 22 % of 30 GiB memory, 5 % duty cycle: a smaller N1 machine keeps the one T4.
      const t4 = report.findings.find((f) => f.ruleId === 'utilization/over-provisioned' && f.resource.name === 'image-tagger-t4');
      assert.ok(t4, `no rightsizing for image-tagger-t4 in:\n${[...found].join('\n')}`);
      assert.deepEqual([t4.figures.fromInstanceType, t4.figures.toInstanceType, t4.figures.fromAcceleratorCount, t4.figures.toAcceleratorCount], ['n1-standard-8', 'n1-standard-4', 1, 1]);
      assert.equal(t4.fix?.instanceType, 'n1-standard-4');
      assert.equal(t4.fix?.acceleratorCount, 1);
      assert.equal(t4.fix?.monthlySavingUsd, 319.01, '(0.437 - 0.2185) $/h x 730 h x 2 replicas; the T4 stays');
      assert.match(t4.message, /on 2 × \(n1-standard-8 \+ 1 × NVIDIA_TESLA_T4\): n1-standard-4 \+ 1 × NVIDIA_TESLA_T4 fits the observed peak .*about \$319\/month less\.$/);
      assert.ok(![...found].some((f) => / demand-forecast-train|churn-automl/.test(f)), 'the healthy pipelines have no finding');
      // A pipeline that failed before starting its custom job: the reason, and no metrics to add.
      const quota = report.findings.find((f) => f.ruleId === 'training/failed' && f.resource.name === 'llm-finetune-a100')!;
      assert.match(String(quota.figures.reason), /exceed quota limits/);
      assert.equal(quota.figures.memoryPeakPercent, undefined);
      // Query time is the project's: one finding that says so and names every dataset reading it.
      const slow = report.findings.filter((f) => f.ruleId === 'datasets/query-latency');
      assert.equal(slow.length, 1);
      assert.deepEqual(slow[0].related?.map((r) => r.name), ['transactions-bq']);
      assert.match(slow[0].message, /of every query in BigQuery project sandbox-project \(BigQuery publishes query times per project, not per dataset/);
      assert.ok(Number(slow[0].figures.queryP95Ms) > 5800 && Number(slow[0].figures.queryP95Ms) < 7000, String(slow[0].figures.queryP95Ms));
      // Lists once per kind; metrics in one call per metric type and period, never per resource.
      assert.equal(report.calls['Vertex.ListEndpoints'], 1);
      assert.equal(report.calls['Vertex.ListTrainingPipelines'], 1);
      assert.equal(report.calls['Monitoring.ListTimeSeries'], 12, 'response_count, prediction_latencies, 4 endpoint and 4 training utilization types, stored_bytes, execution_times');
      assert.ok(sandbox.requestCounts()['Monitoring.ListTimeSeries'] <= report.calls['Monitoring.ListTimeSeries'], 'the adapter counts every attempt, even one a closed connection lost');
    } finally {
      provider.dispose();
      await sandbox.close();
    }
  });

  it('projects the growing BigQuery table to its capacity when one is set', async () => {
    const sandbox = await startSandbox({ port: 0, now: () => NOON });
    const provider = new GcpProvider({ projects: [], locations: [], sandbox: { url: sandbox.url } });
    try {
      const thresholds = { ...defaultThresholds, storageCapacityGiB: 600 };
      const report = await runHealthCheck(provider.listScopes().map((scope) => ({ provider, scope })), { thresholds, catalog: createCatalog(), now: () => NOON });
      const full = report.findings.find((f) => f.ruleId === 'datasets/storage-growth' && f.resource.name === 'transactions-bq')!;
      assert.equal(full.severity, 'warning');
      // ~528 GiB now, +8 GiB a day: about nine days left of 600 GiB.
      assert.ok(Number(full.figures.daysToFull) > 8 && Number(full.figures.daysToFull) < 10, String(full.figures.daysToFull));
    } finally {
      provider.dispose();
      await sandbox.close();
    }
  });
});
