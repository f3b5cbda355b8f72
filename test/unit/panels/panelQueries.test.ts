import * as assert from 'node:assert/strict';
import { planPanel } from '../../../src/core/metrics/panelQueries';
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
});
