// The AWS adapter with the real SageMaker and CloudWatch SDKs against the sandbox clouds.
import * as assert from 'node:assert/strict';
import { buildRedQueries, coresFor, redWindow, summarizeRed } from '../../../src/core/metrics/red';
import { resourceKey, type MetricQuery, type ScopeRef } from '../../../src/core/model';
import { AwsProvider } from '../../../src/providers/aws/awsProvider';
import { MAX_QUERIES_PER_CALL, planQuery } from '../../../src/providers/aws/metrics';
import { byName, listAll, rejection } from './helpers';
import { startSandbox, defaultScenario, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox/server';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { runHealthCheck } from '../../../src/core/health/healthCheck';
import { defaultThresholds } from '../../../src/core/rules/thresholds';

async function withSandbox<T>(options: SandboxOptions, fn: (sandbox: RunningSandbox, provider: AwsProvider, scope: ScopeRef) => Promise<T>, providerOptions: Partial<ConstructorParameters<typeof AwsProvider>[0]> = {}): Promise<T> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const provider = new AwsProvider({ profiles: [], regions: ['us-east-1'], sandbox: { url: sandbox.url }, ...providerOptions });
  try {
    return await fn(sandbox, provider, provider.listScopes()[0]);
  } finally {
    provider.dispose();
    await sandbox.close();
  }
}

describe('providers/aws against the sandbox', function () {
  this.timeout(30000);

  it('lists endpoints with instance type and count from their endpoint configs', () =>
    withSandbox({}, async (_s, provider, scope) => {
      assert.equal(scope.id, 'aws/sandbox/us-east-1');
      const endpoints = await listAll(provider, scope, 'endpoint');
      const gpu = byName(endpoints, 'image-classifier-gpu');
      assert.deepEqual(gpu.variants?.map((v) => [v.instanceType, v.instanceCount]), [['ml.g5.12xlarge', 2]]);
      assert.equal(gpu.status, 'inService');
      assert.match(gpu.nativeId, /^arn:aws:sagemaker:us-east-1:123456789012:endpoint\//);
      assert.equal(gpu.consoleUrl, undefined, 'sandbox resources have no console link');
      const serverless = byName(endpoints, 'sentiment-serverless');
      assert.deepEqual(serverless.variants?.[0].serverless, { memorySizeMb: 4096, maxConcurrency: 20 });
      assert.equal(byName(endpoints, 'pricing-model-prod').variants?.[0].instanceCount, 1);
      const names = endpoints.map((e) => e.ref.name);
      assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'sorted by name');
    }));

  it('reads each variant\'s autoscaling from Application Auto Scaling, once per listing', () =>
    withSandbox({}, async (sandbox, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint');
      const scaling = (name: string) => byName(endpoints, name).variants?.[0].autoscaling;
      assert.deepEqual(scaling('fraud-detector-prod'), { mode: 'autoscaled', minCapacity: 2, maxCapacity: 6, metric: 'SageMakerVariantInvocationsPerInstance', targetValue: 1500 });
      assert.deepEqual(scaling('search-ranker'), { mode: 'fixed', note: 'scalable target without a scaling policy' });
      assert.deepEqual(scaling('recommender-prod'), { mode: 'fixed' });
      assert.equal(scaling('sentiment-serverless'), undefined, 'serverless scales by concurrency');
      const counts = sandbox.requestCounts();
      assert.equal(counts['ApplicationAutoScaling.DescribeScalableTargets'], 1);
      assert.equal(counts['ApplicationAutoScaling.DescribeScalingPolicies'], 1);
      assert.equal(provider.callCounts()['ApplicationAutoScaling.DescribeScalableTargets'], 1, 'counted like the other calls');
    }));

  it('pages through scalable targets and policies, and lists them once across pages of endpoints', () => {
    const variants = (i: number) => [{ instanceType: 'ml.m5.large', instanceCount: 2, autoscaling: { minCapacity: 2, maxCapacity: 4 + (i % 3), policy: { targetValue: 100 + i } } }];
    const endpoints = Array.from({ length: 120 }, (_, i) => ({ name: `ranker-${String(i).padStart(3, '0')}`, variants: variants(i) }));
    const scenario = { seed: 1, aws: { accounts: [{ id: '123456789012', regions: [{ name: 'us-east-1', endpoints }] }] } };
    return withSandbox({ scenario }, async (sandbox, provider, scope) => {
      const all = await listAll(provider, scope, 'endpoint', 40);
      assert.equal(all.length, 120);
      for (const [i, e] of all.entries()) {
        assert.deepEqual(e.variants?.[0].autoscaling, { mode: 'autoscaled', minCapacity: 2, maxCapacity: 4 + (i % 3), metric: 'SageMakerVariantInvocationsPerInstance', targetValue: 100 + i }, e.ref.name);
      }
      const counts = sandbox.requestCounts();
      assert.equal(counts['ApplicationAutoScaling.DescribeScalableTargets'], 3, '120 targets, 50 a page');
      assert.equal(counts['ApplicationAutoScaling.DescribeScalingPolicies'], 3);
    });
  });

  it('lists endpoints without the autoscaling permission and says what is missing', () => {
    const scenario = structuredClone(defaultScenario);
    scenario.aws!.accounts[0].deniedActions = ['application-autoscaling:DescribeScalableTargets'];
    return withSandbox({ scenario }, async (_s, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint');
      const prod = byName(endpoints, 'fraud-detector-prod');
      assert.deepEqual(prod.variants?.[0].autoscaling, { mode: 'unknown', reason: 'needs application-autoscaling:DescribeScalableTargets' });
      assert.equal(byName(endpoints, 'image-classifier-gpu').variants?.[0].instanceType, 'ml.g5.12xlarge', 'the rest of the listing is whole');
      const report = await runHealthCheck([{ provider, scope }], { thresholds: defaultThresholds, catalog: createCatalog() });
      assert.equal(report.scopes[0].error, undefined);
      assert.ok(!report.findings.some((f) => f.ruleId === 'availability/no-autoscaling'), 'unknown is not fixed');
      assert.ok(
        report.notes.some((n) => /autoscaling of \d+ endpoints is unknown \(needs application-autoscaling:DescribeScalableTargets\), so availability\/no-autoscaling was not checked/.test(n)),
        report.notes.join('\n'),
      );
    });
  });

  it('names the policies permission when only that one is missing', () => {
    const scenario = structuredClone(defaultScenario);
    scenario.aws!.accounts[0].deniedActions = ['application-autoscaling:DescribeScalingPolicies'];
    return withSandbox({ scenario }, async (_s, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint');
      assert.deepEqual(byName(endpoints, 'recommender-prod').variants?.[0].autoscaling, { mode: 'unknown', reason: 'needs application-autoscaling:DescribeScalingPolicies' });
    });
  });

  it('says which permission is missing when SageMaker refuses the listing', () => {
    const scenario = structuredClone(defaultScenario);
    scenario.aws!.accounts[0].deniedActions = ['sagemaker:ListEndpoints'];
    return withSandbox({ scenario }, async (_s, provider, scope) => {
      const err = await rejection(provider.listResources(scope, 'endpoint'));
      assert.equal(err.kind, 'permission');
      assert.match(err.message, /SageMaker denied list endpoints/);
      assert.ok((await listAll(provider, scope, 'trainingJob')).length > 0, 'other actions still answer');
    });
  });

  it('answers Application Auto Scaling in its own dialect: bad tokens and unknown namespaces', () =>
    withSandbox({}, async (sandbox) => {
      const client = new ApplicationAutoScalingClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'x' }, maxAttempts: 1 });
      try {
        await assert.rejects(client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', NextToken: 'garbage' })), { name: 'InvalidNextTokenException' });
        await assert.rejects(client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'nope' as 'sagemaker' })), { name: 'ValidationException', message: /serviceNamespace/ });
        const ecs = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }));
        assert.deepEqual(ecs.ScalableTargets, []);
        const one = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: ['endpoint/fraud-detector-prod/variant/AllTraffic'] }));
        assert.deepEqual(one.ScalableTargets?.map((t) => [t.MinCapacity, t.MaxCapacity, t.CreationTime instanceof Date]), [[2, 6, true]]);
      } finally {
        client.destroy();
      }
    }));

  it('pages through long lists without losing or repeating endpoints', () =>
    withSandbox({ fleetSize: 237 }, async (_s, provider, scope) => {
      const all = await listAll(provider, scope, 'endpoint', 40);
      assert.ok(all.length >= 237);
      assert.equal(new Set(all.map((e) => e.ref.name)).size, all.length);
      const first = await provider.listResources(scope, 'endpoint', { pageSize: 40 });
      assert.equal(first.items.length, 40);
      assert.ok(first.nextToken);
    }));

  it('lists training jobs with hosts, phases and failure reasons', () =>
    withSandbox({}, async (_s, provider, scope) => {
      const jobs = await listAll(provider, scope, 'trainingJob');
      const resnet = byName(jobs, 'resnet50-train-2026-11-30');
      assert.equal(resnet.status, 'running');
      assert.deepEqual(resnet.hosts, ['resnet50-train-2026-11-30/algo-1', 'resnet50-train-2026-11-30/algo-2']);
      const oom = byName(jobs, 'llm-pretrain-oom');
      assert.equal(oom.status, 'failed');
      assert.match(oom.statusReason ?? '', /memory/i);
      assert.equal(byName(jobs, 'xgboost-churn-tuning').status, 'stopped');
      assert.equal(byName(jobs, 'bert-finetune-2026-11-28').status, 'completed');
    }));

  it('lists feature groups and the S3 inputs of training jobs as datasets', () =>
    withSandbox({}, async (_s, provider, scope) => {
      const datasets = await listAll(provider, scope, 'dataset', 5);
      const fg = byName(datasets, 'customer-features');
      assert.equal(fg.datasetType, 'featureGroup');
      const s3 = datasets.filter((d) => d.datasetType === 's3');
      assert.ok(s3.length > 0);
      assert.ok(s3.every((d) => d.ref.name.startsWith('s3://') && d.details?.['Read by']));
    }));

  it('normalises metrics: ms latency, per-core CPU and GPU in 0-100 %', () =>
    withSandbox({}, async (_s, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint');
      const gpu = byName(endpoints, 'image-classifier-gpu');
      const ranker = byName(endpoints, 'search-ranker');
      const type = gpu.variants![0].instanceType;
      const variant = gpu.variants![0].name;
      const now = Date.now();
      const range = { start: now - 3 * 3600_000, end: now };
      const qs: MetricQuery[] = [
        { id: 'gpu', resource: gpu.ref, metric: 'gpu', variant, periodSeconds: 300, cores: coresFor('aws', type, 'gpu') },
        { id: 'cpu', resource: gpu.ref, metric: 'cpu', variant, periodSeconds: 300, cores: coresFor('aws', type, 'cpu') },
        { id: 'p99', resource: ranker.ref, metric: 'latencyP99', variant: ranker.variants![0].name, periodSeconds: 300 },
      ];
      const [g, c, p] = await provider.queryMetrics(scope, qs, range);
      assert.ok(g.values.length > 20 && c.values.length > 20 && p.values.length > 20);
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      assert.ok(mean(g.values) < 20, `GPU ${mean(g.values)} % should be low and per-GPU`);
      assert.ok(c.values.every((v) => v >= 0 && v <= 100), 'CPU per core stays within 0-100 %');
      assert.equal(p.unit, 'ms');
      assert.ok(p.values[p.values.length - 1] > 1000, `search-ranker p99 now ${p.values.at(-1)} ms`);
      assert.ok(g.timestamps.every((t, i) => i === 0 || t > g.timestamps[i - 1]), 'ascending timestamps');
    }));

  it('computes the RED summary with error rate by metric math, at the call minimum', () =>
    withSandbox({ fleetSize: 150 }, async (sandbox, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint', 200);
      sandbox.resetCounts();
      const before = provider.callCounts()['CloudWatch.GetMetricData'] ?? 0;
      const queries = buildRedQueries(endpoints);
      const series = queries.reduce((n, q, i) => n + planQuery(q, i).entries.length, 0);
      const summary = summarizeRed(queries, await provider.queryMetrics(scope, queries, redWindow(Date.now())));
      const calls = (provider.callCounts()['CloudWatch.GetMetricData'] ?? 0) - before;
      assert.equal(calls, Math.ceil(series / MAX_QUERIES_PER_CALL));
      assert.equal(sandbox.requestCounts()['CloudWatch.GetMetricData'], calls, 'the sandbox saw the same calls');
      const churn = summary.get(resourceKey(byName(endpoints, 'churn-predictor').ref));
      assert.ok((churn?.errorRatePercent ?? 0) > 5, `churn-predictor error ${churn?.errorRatePercent}`);
      const healthy = summary.get(resourceKey(byName(endpoints, 'fraud-detector-prod').ref));
      assert.ok((healthy?.errorRatePercent ?? 99) < 1);
      assert.ok((healthy?.p99LatencyMs ?? 9999) < 1000);
      assert.ok((healthy?.requestsPerSecond ?? 0) > 1);
    }));

  it('rides out occasional throttling and 5xx with retries', () =>
    withSandbox({ faults: { throttling: 0.2, serverError: 0.1 } }, async (_s, provider, scope) => {
      const endpoints = await listAll(provider, scope, 'endpoint');
      assert.ok(endpoints.length >= 8);
      const counts = provider.callCounts();
      const attempts = Object.values(counts).reduce((a, b) => a + b, 0);
      assert.ok(attempts > endpoints.length, 'some calls were retried');
    }, { maxAttempts: 8 }));

  it('says what to do when throttling never stops', () =>
    withSandbox({ faults: { throttling: 1 } }, async (_s, provider, scope) => {
      const err = await rejection(provider.listResources(scope, 'trainingJob'));
      assert.equal(err.kind, 'throttled');
      assert.match(err.message, /throttling list training jobs/);
      assert.match(err.action ?? '', /refresh/i);
    }, { maxAttempts: 2 }));

  it('retries a garbled body once, then reports it plainly', async () => {
    await withSandbox({ faults: { malformed: 1 } }, async (_s, provider, scope) => {
      const err = await rejection(provider.listResources(scope, 'endpoint'));
      assert.equal(err.kind, 'badResponse');
      assert.match(err.message, /could not be read/);
      assert.equal(provider.callCounts()['SageMaker.ListEndpoints'], 2);
    });
  });

  it('times out a hanging call with the configured limit', () =>
    withSandbox({ faults: { timeout: 1 } }, async (_s, provider, scope) => {
      const err = await rejection(provider.listResources(scope, 'endpoint'));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /within 1 s/);
    }, { requestTimeoutMs: 1000, maxAttempts: 1 }));

  it('reports expired credentials from the default chain as a sign-in problem', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = 'EXPIRED';
    process.env.AWS_SECRET_ACCESS_KEY = 'x';
    const provider = new AwsProvider({ profiles: ['default'], regions: ['us-east-1'], endpointOverrides: { sagemaker: sandbox.url, cloudwatch: sandbox.url } });
    try {
      const scope = provider.listScopes()[0];
      assert.equal(scope.label, 'default · us-east-1');
      const err = await rejection(provider.listResources(scope, 'endpoint'));
      assert.equal(err.kind, 'auth');
      assert.match(err.message, /expired/);
      assert.match(err.action ?? '', /aws sso login/);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.AWS_ACCESS_KEY_ID;
      process.env.AWS_SECRET_ACCESS_KEY = saved.AWS_SECRET_ACCESS_KEY;
      if (saved.AWS_ACCESS_KEY_ID === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.AWS_SECRET_ACCESS_KEY === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      provider.dispose();
      await sandbox.close();
    }
  });

  it('names the missing profile when it has no credentials', async () => {
    const provider = new AwsProvider({ profiles: ['nosuchprofile'], regions: ['eu-west-1'], endpointOverrides: { sagemaker: 'http://127.0.0.1:9', cloudwatch: 'http://127.0.0.1:9' } });
    try {
      const err = await rejection(provider.listResources(provider.listScopes()[0], 'endpoint'));
      assert.equal(err.kind, 'auth');
      assert.match(err.message, /nosuchprofile/);
      assert.match(err.action ?? '', /--profile nosuchprofile/);
    } finally {
      provider.dispose();
    }
  });

  it('stops when cancelled', () =>
    withSandbox({ latencyMs: 2000 }, async (_s, provider, scope) => {
      const controller = new AbortController();
      const pending = provider.listResources(scope, 'endpoint', { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      const err = await rejection(pending);
      assert.equal(err.kind, 'cancelled');
    }));
});
