import * as assert from 'node:assert/strict';
import { createCatalog } from '../../../src/core/catalog/catalog';
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
