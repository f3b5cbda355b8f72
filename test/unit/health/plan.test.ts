import * as assert from 'node:assert/strict';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { reportToMarkdown } from '../../../src/core/health/markdown';
import { checkWindow, planHealthCheck, storeOf } from '../../../src/core/health/plan';
import { summaryLine, type HealthReport } from '../../../src/core/health/report';
import type { Resource } from '../../../src/core/model';
import { defaultThresholds } from '../../../src/core/rules/thresholds';
import { endpointResource } from '../rules/builders';

const now = Date.UTC(2026, 10, 30, 12, 40, 30);
const catalog = createCatalog();

describe('health/plan', () => {
  it('reads the look-back window at a period that keeps about 170 points a series', () => {
    const w = checkWindow(now, defaultThresholds);
    assert.equal(w.end, Date.UTC(2026, 10, 30, 12, 40));
    assert.equal(w.utilizationPeriodS, 3600);
    assert.equal(w.start % 3_600_000, 0, 'aligned to the period');
    assert.ok(w.end - w.start >= 7 * 86_400_000);
    assert.equal(checkWindow(now, { ...defaultThresholds, lookbackDays: 14 }).utilizationPeriodS, 7200);
  });

  it('asks RED metrics for every serving variant and utilization only where instances exist', () => {
    const resources: Resource[] = [
      endpointResource('gpu', [{ name: 'AllTraffic', instanceType: 'ml.g5.2xlarge', instanceCount: 1 }]),
      endpointResource('cpu', [{ name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 2 }]),
      endpointResource('serverless', [{ name: 'AllTraffic', serverless: { memorySizeMb: 2048, maxConcurrency: 5 } }]),
      endpointResource('unknown', [{ name: 'AllTraffic', instanceType: 'ml.z9.mega', instanceCount: 1 }]),
      endpointResource('failed', [{ name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 1 }], { status: 'failed', rawStatus: 'Failed' }),
    ];
    const plan = planHealthCheck(resources, defaultThresholds, catalog, now);
    const metrics = (name: string) => plan.queries.filter((q) => q.resource.name === name).map((q) => q.metric).sort();
    assert.deepEqual(metrics('gpu'), ['cpu', 'disk', 'errorRate', 'gpu', 'gpuMemory', 'invocations', 'latencyP99', 'memory']);
    assert.deepEqual(metrics('cpu'), ['cpu', 'disk', 'errorRate', 'invocations', 'latencyP99', 'memory']);
    assert.deepEqual(metrics('serverless'), ['errorRate', 'invocations', 'latencyP99']);
    assert.deepEqual(metrics('unknown'), ['disk', 'errorRate', 'invocations', 'latencyP99', 'memory'], 'no CPU without a core count');
    assert.deepEqual(metrics('failed'), []);
    assert.match(plan.notes.join('\n'), /ml\.z9\.mega is not in the catalog/);
    assert.equal(plan.queries.find((q) => q.resource.name === 'gpu' && q.metric === 'gpu')?.cores, 1);
    assert.equal(plan.queries.find((q) => q.resource.name === 'cpu' && q.metric === 'cpu')?.cores, 2);
    assert.equal(new Set(plan.queries.map((q) => q.id)).size, plan.queries.length);
  });

  it('measures each storage location once for the datasets it holds', () => {
    const dataset = (name: string, location?: string): Resource => ({
      ref: { provider: 'aws', scopeId: 's', kind: 'dataset', name },
      nativeId: name,
      status: 'inService',
      rawStatus: 'Available',
      location,
    });
    const plan = planHealthCheck([dataset('s3://a/x/', 's3://a/x/'), dataset('s3://a/y/', 's3://a/y/'), dataset('fg', 's3://b/store/'), dataset('online-only')], defaultThresholds, catalog, now);
    assert.deepEqual(plan.datasets.map((d) => [d.store, d.resources.map((r) => r.ref.name)]), [
      ['s3://a', ['s3://a/x/', 's3://a/y/']],
      ['s3://b', ['fg']],
    ]);
    assert.equal(plan.queries.length, 2);
    assert.equal(storeOf('gs://bucket/path'), 'gs://bucket');
    assert.equal(storeOf(undefined), undefined);
  });
});

describe('health/markdown', () => {
  it('groups findings by severity and escapes names and messages', () => {
    const report: HealthReport = {
      startedAt: now,
      finishedAt: now,
      window: { start: now - 7 * 86_400_000, end: now },
      thresholds: defaultThresholds,
      scopes: [{ scope: { provider: 'aws', id: 'aws/p/us-east-1', label: 'p · us-east-1', region: 'us-east-1', account: 'p' }, endpoints: 2, trainingJobs: 0, datasets: 0, queries: 9 }],
      findings: [
        { ruleId: 'red/error-rate', severity: 'error', resource: { provider: 'aws', scopeId: 'aws/p/us-east-1', kind: 'endpoint', name: 'evil_<img src=x>' }, title: 't', message: '7 % of *requests* failed.', figures: {}, fix: { summary: 'Roll back [now](http://x).' } },
      ],
      notes: [],
      calls: {},
    };
    const md = reportToMarkdown(report);
    assert.match(md, /^# ML Monitor health check\n\n1 error, 0 warnings, 0 notes in 2 resources\./);
    assert.match(md, /## Errors \(1\)\n\n- \*\*evil\\_&lt;img src=x&gt;\*\* · \[`red\/error-rate`\]\(https:\/\/[^)]+#red-error-rate\): 7 % of \\\*requests\\\* failed\./);
    assert.match(md, /Fix: Roll back \\\[now\\\]\(http:\/\/x\)\./);
    assert.equal(summaryLine(report), '1 error, 0 warnings, 0 notes in 2 resources');
  });
});
