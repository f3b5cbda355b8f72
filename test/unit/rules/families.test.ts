import * as assert from 'node:assert/strict';
import { createCatalog } from '../../../src/core/catalog/catalog';
import type { Variant } from '../../../src/core/model';
import { evaluateAvailability, productionMatcher } from '../../../src/core/rules/availability';
import { evaluateDatasets } from '../../../src/core/rules/datasets';
import { defaultThresholds } from '../../../src/core/rules/thresholds';
import { evaluateTraining } from '../../../src/core/rules/training';
import { datasetObs, END, endpointObs, endpointResource, hourly, hours, trainingObs } from './builders';

const t = defaultThresholds;
const catalog = createCatalog();
const tenMin = (v: number | ((i: number) => number)) => hourly(hours(12, typeof v === 'number' ? () => v : v), END, 10 * 60_000);

describe('rules/training', () => {
  it('finds nothing on a busy, balanced job', () => {
    assert.deepEqual(evaluateTraining(trainingObs('ml.p3.2xlarge', 'completed'), t, catalog), []);
  });

  it('quotes a failure reason and names a type with more memory when memory ran out', () => {
    const obs = trainingObs('ml.g5.12xlarge', 'failed', { memory: [tenMin((i) => 40 + i * 5.4)] }, 'ClientError: Please use an instance type with more memory.');
    const [f] = evaluateTraining(obs, t, catalog);
    assert.equal(f.ruleId, 'training/failed');
    assert.equal(f.severity, 'error');
    assert.equal(f.figures.memoryPeakPercent, 99.4);
    assert.equal(f.fix?.instanceType, 'ml.g5.24xlarge');
    assert.equal(f.fix?.hourlyExtraCostUsd, 3.09);
    assert.match(f.message, /^Failed after 2 h on ml.g5.12xlarge with memory peaking at 99.4 %: ClientError: Please use an instance type with more memory\.$/);
  });

  it('reports a failure that has nothing to do with memory without a type change', () => {
    const [f] = evaluateTraining(trainingObs('ml.m5.xlarge', 'failed', {}, 'AlgorithmError: ExecuteUserScriptError'), t, catalog);
    assert.equal(f.fix?.instanceType, undefined);
    assert.match(f.message, /AlgorithmError/);
  });

  it('tells an input bottleneck (GPU idle, CPU saturated) from GPUs that are simply underused', () => {
    const starved = evaluateTraining(trainingObs('ml.p3.8xlarge', 'running', { gpu: [tenMin(15)], cpu: [tenMin(95)] }), t, catalog);
    assert.deepEqual(starved.map((f) => f.ruleId), ['training/input-bottleneck']);
    assert.equal(starved[0].figures.gpuMeanPercent, 15);
    assert.equal(starved[0].figures.cpuMeanPercent, 95);
    const idle = evaluateTraining(trainingObs('ml.p3.8xlarge', 'completed', { gpu: [tenMin(20)], cpu: [tenMin(40)] }), t, catalog);
    assert.deepEqual(idle.map((f) => f.ruleId), ['training/gpu-underused']);
    assert.match(idle[0].fix!.summary, /2 GPUs per instance instead of 4/);
  });

  it('says nothing about a job with a few minutes of data or without GPUs', () => {
    const short = trainingObs('ml.p3.2xlarge', 'running', { gpu: [tenMin(5)], span: { start: END - 5 * 60_000, end: END } });
    assert.deepEqual(evaluateTraining(short, t, catalog), []);
    assert.deepEqual(evaluateTraining(trainingObs('ml.m5.xlarge', 'completed', { cpu: [tenMin(99)] }), t, catalog), []);
  });
});

describe('rules/datasets', () => {
  it('reports fast growth as a note on the first dataset of the bucket, naming the others', () => {
    const obs = datasetObs('s3://acme', ['b-set', 'a-set'], hours(8, (d) => 1800 + 25 * d));
    obs.resources.sort((a, b) => a.ref.name.localeCompare(b.ref.name));
    const [f] = evaluateDatasets(obs, t);
    assert.equal(f.ruleId, 'datasets/storage-growth');
    assert.equal(f.severity, 'info');
    assert.equal(f.resource.name, 'a-set');
    assert.deepEqual(f.related?.map((r) => r.name), ['b-set']);
    assert.equal(f.figures.growthGiBPerDay, 25);
    assert.match(f.message, /grew from 1\.76 TiB to 1\.93 TiB over 7 days \(\+25 GiB\/day, 38 % a month\)/);
  });

  it('stays quiet for slow or flat growth, and grades time to full once a capacity is set', () => {
    assert.deepEqual(evaluateDatasets(datasetObs('s3://x', ['d'], hours(8, () => 120)), t), []);
    assert.deepEqual(evaluateDatasets(datasetObs('s3://x', ['d'], hours(8, (d) => 1000 + d)), t), []);
    const capped = (cap: number) => evaluateDatasets(datasetObs('s3://x', ['d'], hours(8, (d) => 900 + 10 * d)), { ...t, storageCapacityGiB: cap });
    assert.deepEqual(capped(5000), [], 'hundreds of days left');
    assert.equal(capped(1100)[0].severity, 'warning');
    assert.equal(capped(1100)[0].figures.daysToFull, 13);
    assert.equal(capped(1000)[0].severity, 'error');
    assert.equal(capped(900)[0].title, 'Storage full');
  });

  it('flags slow queries where a query-time series exists', () => {
    const obs = datasetObs('bq://proj.ds', ['events'], hours(8, () => 10));
    obs.queryTimeP95Ms = hourly(hours(48, (i) => (i > 40 ? 9000 : 800)));
    const fs = evaluateDatasets(obs, t).filter((f) => f.ruleId === 'datasets/query-latency');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].figures.queryP95Ms, 9000);
  });
});

describe('rules/availability', () => {
  const prod = productionMatcher(undefined);

  it('flags production traffic on a single instance, and not a second instance or a non-production name', () => {
    const single = endpointObs('ml.m5.xlarge', 1, {}, 'pricing-model-prod');
    const [f] = evaluateAvailability(single.resource, [single], prod, END);
    assert.equal(f.ruleId, 'availability/single-instance');
    assert.equal(f.fix?.instanceCount, 2);
    assert.equal(f.fix?.monthlyExtraCostUsd, 167.9);
    assert.equal(f.figures.requestsPerSecond, 10);
    const two = endpointObs('ml.m5.xlarge', 2, {}, 'pricing-model-prod');
    assert.deepEqual(evaluateAvailability(two.resource, [two], prod, END), []);
    const dr = endpointObs('ml.c5.xlarge', 1, {}, 'fraud-detector-dr');
    assert.deepEqual(evaluateAvailability(dr.resource, [dr], prod, END), []);
    const quiet = endpointObs('ml.m5.xlarge', 1, { invocations: hourly([]) }, 'pricing-prod');
    assert.deepEqual(evaluateAvailability(quiet.resource, [quiet], prod, END), [], 'no traffic: the idle rule speaks instead');
  });

  const fixed = { mode: 'fixed' } as const;
  /** A production endpoint on `count` instances with `autoscaling`, 1,000 requests an hour and 4,000 in one. */
  const onCapacity = (count: number, autoscaling: Variant['autoscaling'], provider: 'aws' | 'gcp' | 'azure' = 'aws') => {
    const obs = endpointObs('ml.m5.xlarge', count, { invocations: hourly(hours(168, (i) => (i === 100 ? 4000 : 1000))) }, 'recommender-prod');
    const variant = { ...obs.variant, autoscaling };
    return { ...obs, variant, resource: { ...obs.resource, ref: { ...obs.resource.ref, provider }, variants: [variant] } };
  };

  it('flags production traffic on fixed capacity with the surge figures and an AWS policy derived from the busiest hour', () => {
    const obs = onCapacity(2, fixed);
    const [f] = evaluateAvailability(obs.resource, [obs], prod, END);
    assert.equal(f.ruleId, 'availability/no-autoscaling');
    assert.equal(f.severity, 'info');
    assert.equal(f.figures.instanceCount, 2);
    const mean = (167 * 1000 + 4000) / (168 * 3600); // 0.28
    assert.equal(f.figures.meanRequestsPerSecond, Math.round(mean * 100) / 100);
    assert.equal(f.figures.peakRequestsPerSecond, 1.11, '4,000 requests in an hour');
    assert.equal(f.figures.peakInvocationsPerInstancePerMinute, 33.33, '4,000 / 60 / 2');
    assert.equal(f.figures.recommendedTargetValue, 33);
    assert.deepEqual([f.figures.recommendedMinCapacity, f.figures.recommendedMaxCapacity], [2, 4]);
    assert.match(f.message, /^Production endpoint on fixed capacity: 2 × ml\.m5\.xlarge with no autoscaling policy, serving 0\.28 req\/s on average and 1\.1 req\/s in the busiest hour of the last 7 days \(3\.9 × the mean\)/);
    assert.match(f.fix?.summary ?? '', /Register endpoint\/recommender-prod\/variant\/AllTraffic as a scalable target .*MinCapacity 2, MaxCapacity 4.*SageMakerVariantInvocationsPerInstance with TargetValue 33/);
  });

  it('says how to scale on Vertex AI and Azure in their own terms', () => {
    const gcp = onCapacity(3, fixed, 'gcp');
    const [g] = evaluateAvailability(gcp.resource, [gcp], prod, END);
    assert.match(g.message, /as many maximum as minimum replicas/);
    assert.match(g.fix?.summary ?? '', /max_replica_count 6 \(gcloud --max-replica-count=6\) above min_replica_count 3/);
    assert.equal(g.figures.recommendedTargetValue, undefined);
    const azure = onCapacity(2, fixed, 'azure');
    const [a] = evaluateAvailability(azure.resource, [azure], prod, END);
    assert.match(a.fix?.summary ?? '', /scale_settings type target_utilization, min_instances 2, max_instances 4, target_utilization_percentage 70/);
  });

  it('stays quiet when the endpoint scales, autoscaling is unknown, it is not production, or it has no traffic', () => {
    for (const autoscaling of [{ mode: 'autoscaled', minCapacity: 2, maxCapacity: 6 } as const, { mode: 'unknown', reason: 'needs application-autoscaling:DescribeScalableTargets' } as const, undefined]) {
      const obs = onCapacity(2, autoscaling);
      assert.deepEqual(evaluateAvailability(obs.resource, [obs], prod, END), [], JSON.stringify(autoscaling));
    }
    const staging = onCapacity(2, fixed);
    const renamed = { ...staging, resource: { ...staging.resource, ref: { ...staging.resource.ref, name: 'recommender-staging' } } };
    assert.deepEqual(evaluateAvailability(renamed.resource, [renamed], prod, END), []);
    const quiet = { ...onCapacity(2, fixed), invocations: hourly(hours(168, (i) => (i < 100 ? 1000 : 0))) };
    assert.deepEqual(evaluateAvailability(quiet.resource, [quiet], prod, END), [], 'no request in the last day');
  });

  it('reports one instance on fixed capacity as single-instance only, whose fix already asks for autoscaling', () => {
    const obs = onCapacity(1, fixed);
    const found = evaluateAvailability(obs.resource, [obs], prod, END);
    assert.deepEqual(found.map((f) => f.ruleId), ['availability/single-instance']);
    assert.match(found[0].fix?.summary ?? '', /autoscaling policy whose minimum is 2/);
  });

  it('sums the variants of an endpoint and flags it only when every variant is fixed', () => {
    const a = onCapacity(2, fixed);
    const bVariant = { name: 'canary', instanceType: 'ml.m5.large', instanceCount: 1, autoscaling: fixed };
    const resource = { ...a.resource, variants: [a.variant, bVariant] };
    const b = { ...a, variant: bVariant, resource, invocations: hourly(hours(168, () => 200)) };
    const both = [{ ...a, resource }, b];
    const [f] = evaluateAvailability(resource, both, prod, END);
    assert.equal(f.figures.instanceCount, 3);
    assert.equal(f.figures.peakRequestsPerSecond, 1.17, '(4,000 + 200) / 3,600');
    assert.match(f.message, /3 instances \(AllTraffic: 2 × ml\.m5\.xlarge, canary: 1 × ml\.m5\.large\)/);
    assert.match(f.fix?.summary ?? '', /variant\/<VariantName> for each variant/);
    const scaled = [both[0], { ...b, variant: { ...bVariant, autoscaling: { mode: 'autoscaled', minCapacity: 1, maxCapacity: 3 } as const } }];
    assert.deepEqual(evaluateAvailability(resource, scaled, prod, END), []);
  });

  it('recognises production names and accepts a custom pattern', () => {
    for (const name of ['fraud-prod', 'prod.ranker', 'pricing_production', 'PRD-x']) assert.ok(prod.test(name), name);
    for (const name of ['product-search', 'reproduce', 'staging']) assert.ok(!prod.test(name), name);
    assert.ok(productionMatcher('^live-').test('live-ranker'));
    assert.ok(productionMatcher('(unclosed').test('x-prod'), 'an invalid pattern falls back to the default');
  });

  it('reports a failed endpoint with the reason the cloud gives', () => {
    const failed = endpointResource('legacy', [{ name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 1 }], {
      status: 'failed',
      rawStatus: 'Failed',
      statusReason: 'The primary container did not pass the ping health check.',
    });
    const [f] = evaluateAvailability(failed, [], prod, END);
    assert.equal(f.ruleId, 'availability/endpoint-failed');
    assert.equal(f.severity, 'error');
    assert.equal(f.message, 'The endpoint is Failed: The primary container did not pass the ping health check.');
    assert.deepEqual(evaluateAvailability({ ...failed, status: 'creating', rawStatus: 'Creating' }, [], prod, END), []);
  });
});
