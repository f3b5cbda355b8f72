// Golden test on the default sandbox scenario: every seeded problem is found by the rule meant for
// it, with the figures the scenario implies; the healthy resources have no findings at all.
import * as assert from 'node:assert/strict';
import type { HealthReport } from '../../../src/core/health/report';
import { DEFAULT_SCENARIO_FINDINGS, DEFAULT_SCENARIO_HEALTHY } from '../../fixtures/defaultScenarioFindings';
import { checkSandbox, digest, one } from './helpers';

describe('health check: default scenario (golden)', function () {
  this.timeout(60_000);
  let report: HealthReport;
  let requests: Record<string, number>;

  before(async () => {
    ({ report, requests } = await checkSandbox());
  });

  it('finds exactly the seeded problems, each with the right rule and severity', () => {
    assert.deepEqual(digest(report.findings), DEFAULT_SCENARIO_FINDINGS);
    assert.deepEqual(report.scopes.map((s) => [s.scope.id, s.error]), [
      ['aws/sandbox/us-east-1', undefined],
      ['aws/sandbox/us-west-2', undefined],
    ]);
  });

  it('leaves the healthy resources without findings', () => {
    const named = new Set(report.findings.flatMap((f) => [f.resource.name, ...(f.related ?? []).map((r) => r.name)]));
    for (const healthy of DEFAULT_SCENARIO_HEALTHY) {
      assert.ok(!named.has(healthy), `${healthy} should have no findings`);
    }
  });

  it('rightsizes the over-provisioned GPU endpoint with the catalog saving', () => {
    const f = one(report.findings, 'utilization/over-provisioned', 'image-classifier-gpu');
    assert.equal(f.figures.fromInstanceType, 'ml.g5.12xlarge');
    assert.equal(f.fix?.instanceType, 'ml.g5.4xlarge');
    assert.equal(f.fix?.monthlySavingUsd, 7387.6, '(7.09 - 2.03) $/h x 730 h x 2 instances');
    assert.ok(Number(f.figures.gpuP95Percent) > 5 && Number(f.figures.gpuP95Percent) < 9, String(f.figures.gpuP95Percent));
    assert.ok(Number(f.figures.cpuP95Percent) < 12, String(f.figures.cpuP95Percent));
    assert.match(f.message, /^p95 CPU [\d.]+ %, GPU [\d.]+ % over 7 days on 2 × ml\.g5\.12xlarge: ml\.g5\.4xlarge fits the observed peak .*; about \$7,388\/month less\.$/);
  });

  it('sees the memory leak climb toward 100 % and the memory level it has reached', () => {
    const leak = one(report.findings, 'utilization/memory-leak', 'recommender-prod');
    assert.ok(Math.abs(Number(leak.figures.slopePercentPerDay) - 15.7) < 0.5, String(leak.figures.slopePercentPerDay));
    assert.ok(Number(leak.figures.r2) > 0.98);
    assert.ok(Number(leak.figures.memoryPercent) > 88 && Number(leak.figures.memoryPercent) < 95, String(leak.figures.memoryPercent));
    assert.ok(Number(leak.figures.hoursToFull) < 24);
    const high = one(report.findings, 'utilization/memory-high', 'recommender-prod');
    assert.ok(Number(high.figures.memoryP95Percent) > 85);
    assert.equal(high.fix?.instanceType, 'ml.m5.2xlarge');
  });

  it('reports the latency regression and the error spike with their figures', () => {
    const latency = one(report.findings, 'red/latency-p99', 'search-ranker');
    assert.ok(Number(latency.figures.p99Ms) > 1300 && Number(latency.figures.p99Ms) < 1600, String(latency.figures.p99Ms));
    assert.ok(Math.abs(Number(latency.figures.baselineP99Ms) - 250) < 15, String(latency.figures.baselineP99Ms));
    assert.ok(Number(latency.figures.aboveForHours) >= 6 && Number(latency.figures.aboveForHours) < 7.5, String(latency.figures.aboveForHours));
    const errors = one(report.findings, 'red/error-rate', 'churn-predictor');
    assert.ok(Math.abs(Number(errors.figures.errorRatePercent) - 7) < 0.6, String(errors.figures.errorRatePercent));
    assert.equal(errors.figures.windowMinutes, 40);
  });

  it('flags the saturated CPU, the single production instance and the failed endpoint', () => {
    const cpu = one(report.findings, 'utilization/cpu-high', 'nlp-summarizer');
    assert.ok(Number(cpu.figures.cpuP95Percent) > 92, String(cpu.figures.cpuP95Percent));
    assert.equal(cpu.fix?.instanceCount, 3);
    const single = one(report.findings, 'availability/single-instance', 'pricing-model-prod');
    assert.equal(single.fix?.monthlyExtraCostUsd, 167.9);
    assert.ok(Math.abs(Number(single.figures.requestsPerSecond) - 25) < 3);
    const failed = one(report.findings, 'availability/endpoint-failed', 'legacy-xgboost');
    assert.match(failed.message, /did not pass the ping health check/);
  });

  it('flags production traffic on fixed capacity with its surge figures, not the endpoints that scale', () => {
    const f = one(report.findings, 'availability/no-autoscaling', 'recommender-prod');
    assert.equal(f.severity, 'info');
    assert.equal(f.figures.instanceCount, 3);
    assert.ok(Math.abs(Number(f.figures.meanRequestsPerSecond) - 55) < 2, String(f.figures.meanRequestsPerSecond));
    assert.ok(Number(f.figures.peakRequestsPerSecond) > 60 && Number(f.figures.peakRequestsPerSecond) < 70, 'base 55 + diurnal 10: ' + String(f.figures.peakRequestsPerSecond));
    assert.equal(f.figures.recommendedTargetValue, Math.floor(Number(f.figures.peakRequestsPerSecond) * 60 / 3));
    assert.deepEqual([f.figures.recommendedMinCapacity, f.figures.recommendedMaxCapacity], [3, 6]);
    assert.match(f.message, /^Production endpoint on fixed capacity: 3 × ml\.m5\.xlarge with no autoscaling policy, serving 55 req\/s on average and 6\d\.\d req\/s in the busiest hour of the last 7 days \(1\.\d × the mean\)/);
    assert.match(f.fix?.summary ?? '', /endpoint\/recommender-prod\/variant\/AllTraffic .*MinCapacity 3, MaxCapacity 6.*SageMakerVariantInvocationsPerInstance with TargetValue \d+/);
    // fraud-detector-prod scales (a policy); pricing-model-prod is single-instance, which says it instead.
    assert.deepEqual(report.findings.filter((x) => x.ruleId === 'availability/no-autoscaling').map((x) => x.resource.name), ['recommender-prod']);
    assert.deepEqual(report.notes, []);
  });

  it('explains the training failure and the starved GPUs', () => {
    const failed = one(report.findings, 'training/failed', 'llm-pretrain-oom');
    assert.match(String(failed.figures.reason), /more memory/);
    assert.ok(Number(failed.figures.memoryPeakPercent) > 95);
    assert.equal(failed.fix?.instanceType, 'ml.g5.24xlarge');
    const starved = one(report.findings, 'training/input-bottleneck', 'resnet50-train-2026-11-30');
    assert.ok(Number(starved.figures.gpuMeanPercent) < 20 && Number(starved.figures.cpuMeanPercent) > 90);
    assert.equal(starved.figures.hosts, 2);
  });

  it('measures each bucket once and names every dataset in it', () => {
    const features = one(report.findings, 'datasets/storage-growth', 'customer-features');
    assert.deepEqual(features.related?.map((r) => r.name), ['transaction-features']);
    assert.ok(Math.abs(Number(features.figures.growthGiBPerDay) - 6) < 0.1);
    const data = one(report.findings, 'datasets/storage-growth', 's3://acme-ml-datasets/bert/train/');
    assert.equal(data.related?.length, 4);
    assert.ok(Math.abs(Number(data.figures.growthGiBPerDay) - 25) < 0.1);
  });

  it('lists the scaling targets and policies of a scope once, not per endpoint', () => {
    assert.equal(report.calls['ApplicationAutoScaling.DescribeScalableTargets'], 2, 'one per region');
    assert.equal(report.calls['ApplicationAutoScaling.DescribeScalingPolicies'], 1, 'us-west-2 has no target, so no policy call');
  });

  it('reads all metrics of a scope in one GetMetricData call', () => {
    assert.equal(requests['CloudWatch.GetMetricData'], 2, 'one per region');
    assert.equal(report.calls['CloudWatch.GetMetricData'], 2);
    assert.ok(report.scopes[0].queries > 50);
  });
});
