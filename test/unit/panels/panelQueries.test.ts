import * as assert from 'node:assert/strict';
import { defaultPanelThresholds, planPanel } from '../../../src/core/metrics/panelQueries';
import type { Resource } from '../../../src/core/model';

function endpoint(variants: Resource['variants']): Resource {
  return { ref: { provider: 'aws', scopeId: 's', kind: 'endpoint', name: 'e' }, nativeId: 'e', status: 'inService', rawStatus: 'InService', variants };
}

describe('core/metrics/panelQueries', () => {
  it('plans RED and CPU/memory/disk for a CPU endpoint, with thresholds and per-vCPU normalisation', () => {
    const plan = planPanel(endpoint([{ name: 'AllTraffic', instanceType: 'ml.c5.2xlarge', instanceCount: 2 }]), 60);
    assert.deepEqual(plan.charts.map((c) => c.layout.id), ['latency', 'requests', 'errors', 'cpu', 'memory', 'disk']);
    assert.equal(plan.charts[0].layout.threshold, 1000);
    const cpu = plan.charts.find((c) => c.layout.id === 'cpu')!;
    assert.equal(cpu.queries[0].cores, 8);
    const ids = plan.charts.flatMap((c) => c.queries.map((q) => q.id));
    assert.equal(new Set(ids).size, ids.length, 'query ids are unique across the panel');
  });

  it('adds GPU charts for GPU instances and names series per variant when there are several', () => {
    const plan = planPanel(
      endpoint([
        { name: 'blue', instanceType: 'ml.g5.12xlarge', instanceCount: 1 },
        { name: 'green', instanceType: 'ml.g5.12xlarge', instanceCount: 1 },
      ]),
      60,
    );
    const gpu = plan.charts.find((c) => c.layout.id === 'gpu')!;
    assert.deepEqual(gpu.layout.series.map((s) => s.label), ['GPU (blue)', 'GPU (green)']);
    assert.equal(gpu.queries[0].cores, 4);
  });

  it('leaves utilization out for serverless endpoints', () => {
    const plan = planPanel(endpoint([{ name: 'AllTraffic', serverless: { memorySizeMb: 4096, maxConcurrency: 20 } }]), 60);
    assert.deepEqual(plan.charts.map((c) => c.layout.id), ['latency', 'requests', 'errors']);
  });

  it('leaves out what a cloud does not publish: disk on Vertex AI, overhead latency on Azure', () => {
    const gcp = planPanel({ ...endpoint([{ name: 'm1', instanceType: 'n1-standard-4', instanceCount: 2 }]), ref: { provider: 'gcp', scopeId: 'g', kind: 'endpoint', name: 'e' } }, 60);
    assert.ok(!gcp.charts.some((c) => c.layout.id === 'disk'));
    const azure = planPanel({ ...endpoint([{ name: 'blue', instanceType: 'Standard_DS3_v2', instanceCount: 1 }]), ref: { provider: 'azure', scopeId: 'a', kind: 'endpoint', name: 'e' } }, 60);
    assert.deepEqual(azure.charts[0].layout.series.map((s) => s.id), ['p50', 'p90', 'p99']);
  });

  it('charts a BigQuery-backed Vertex dataset with its table storage and its project\'s query time, said to be the project\'s', () => {
    const dataset: Resource = {
      ref: { provider: 'gcp', scopeId: 'g', kind: 'dataset', name: 'transactions-bq' },
      nativeId: 'd',
      status: 'inService',
      rawStatus: 'Ready',
      datasetType: 'bigquery',
      location: 'bq://shared-warehouse.retail.transactions',
    };
    const plan = planPanel(dataset, 86400, { ...defaultPanelThresholds, datasetQueryMs: 4000 });
    assert.deepEqual(plan.charts.map((c) => c.layout.id), ['storage', 'queryTime']);
    const query = plan.charts[1];
    assert.equal(query.layout.title, 'Query time (every query of project shared-warehouse)');
    assert.equal(query.layout.threshold, 4000);
    assert.deepEqual(query.queries.map((q) => [q.id, q.metric]), [['queryTime/p95', 'queryTimeP95'], ['queryTime/p99', 'queryTimeP99']]);
    const gcs = planPanel({ ...dataset, datasetType: 'gcs', location: 'gs://bucket/images' }, 86400);
    assert.ok(!gcs.charts.some((c) => c.layout.id === 'queryTime'), 'Cloud Storage publishes no query time');
    const s3 = planPanel({ ...dataset, ref: { ...dataset.ref, provider: 'aws', name: 's3://bucket/x' }, datasetType: 's3', location: 's3://bucket/x' }, 86400);
    assert.ok(!s3.charts.some((c) => c.layout.id === 'queryTime'));
  });

  it('says why a Vertex training pipeline that started no custom job has no charts', () => {
    const pipeline: Resource = { ref: { provider: 'gcp', scopeId: 'g', kind: 'trainingJob', name: 'llm-finetune' }, nativeId: 'p', status: 'failed', rawStatus: 'Failed', hosts: [], variants: [{ name: 'workerpool0', instanceType: 'a2-highgpu-8g', instanceCount: 2 }] };
    const plan = planPanel(pipeline, 60);
    assert.deepEqual(plan.charts, []);
    assert.match(plan.note ?? '', /started no custom job/);
    const withJob = planPanel({ ...pipeline, hosts: ['workerpool0-0', 'workerpool0-1'] }, 60);
    assert.deepEqual(withJob.charts.find((c) => c.layout.id === 'gpu')?.queries.map((q) => q.host), ['workerpool0-0', 'workerpool0-1']);
  });
});
