// A user's own scenario file (test/fixtures/scenarios/health-check.yaml): the findings follow from the
// numbers written in it, figure by figure.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HOURS_PER_MONTH } from '../../../src/core/catalog/catalog';
import type { HealthReport } from '../../../src/core/health/report';
import { checkSandbox, digest, one } from './helpers';

const scenarioFile = path.resolve(__dirname, '../../../../test/fixtures/scenarios/health-check.yaml');
const near = (actual: unknown, expected: number, tolerance: number) =>
  assert.ok(Math.abs(Number(actual) - expected) <= tolerance, `${String(actual)} is not within ${tolerance} of ${expected}`);

describe('health check: a user scenario file', function () {
  this.timeout(60_000);
  let report: HealthReport;

  before(async () => {
    ({ report } = await checkSandbox({ scenarioFile }, {}, ['eu-west-1']));
  });

  it('finds what the numbers imply and nothing else', () => {
    assert.deepEqual(digest(report.findings), [
      'availability/no-autoscaling checkout-ranker-prod info',
      'availability/no-autoscaling search-api-prod info',
      'datasets/storage-growth s3://raw-logs/vit/ info',
      'red/error-rate checkout-ranker-prod warning',
      'red/idle-endpoint batch-scorer warning',
      'red/latency-p99 checkout-ranker-prod warning',
      'red/near-capacity search-api-prod warning',
      'training/failed tokenizer-job error',
      'training/gpu-underused vit-train warning',
      'utilization/disk-high feature-api warning',
      'utilization/memory-high feature-api error',
      'utilization/over-provisioned embeddings-gpu warning',
    ]);
  });

  it('carries the scenario\'s figures into the findings', () => {
    const f = report.findings;
    near(one(f, 'red/latency-p99', 'checkout-ranker-prod').figures.p99Ms, 2200, 60);
    near(one(f, 'red/latency-p99', 'checkout-ranker-prod').figures.aboveForHours, 3, 0.7);
    // 2.5 % server errors plus the 0.3 % client errors every endpoint has by default.
    near(one(f, 'red/error-rate', 'checkout-ranker-prod').figures.errorRatePercent, 2.8, 0.3);
    near(one(f, 'red/idle-endpoint', 'batch-scorer').figures.requestsPerSecond, 0.02, 0.005);
    assert.equal(one(f, 'red/idle-endpoint', 'batch-scorer').fix?.monthlySavingUsd, Math.round(0.461 * HOURS_PER_MONTH * 100) / 100);
    const capacity = one(f, 'red/near-capacity', 'search-api-prod');
    near(capacity.figures.requestsPerSecond, 60, 2);
    near(capacity.figures.utilizationPercent, 84, 1.5);
    assert.equal(capacity.fix?.instanceCount, 3);
    const fixed = one(f, 'availability/no-autoscaling', 'search-api-prod');
    near(fixed.figures.peakRequestsPerSecond, 60, 2);
    near(fixed.figures.meanRequestsPerSecond, 20, 1);
    assert.equal(fixed.figures.recommendedTargetValue, Math.floor((Number(fixed.figures.peakRequestsPerSecond) * 60) / 2));
    const memory = one(f, 'utilization/memory-high', 'feature-api');
    near(memory.figures.memoryP95Percent, 97, 1);
    assert.equal(memory.fix?.instanceType, 'ml.m5.xlarge');
    near(one(f, 'utilization/disk-high', 'feature-api').figures.diskPeakPercent, 93, 1);
    const gpu = one(f, 'utilization/over-provisioned', 'embeddings-gpu');
    assert.equal(gpu.fix?.instanceType, 'ml.g5.xlarge');
    assert.equal(gpu.fix?.monthlySavingUsd, 156.22, '(1.515 - 1.408) $/h x 730 h x 2');
    const vit = one(f, 'training/gpu-underused', 'vit-train');
    near(vit.figures.gpuMeanPercent, 20, 1);
    assert.match(vit.fix!.summary, /2 GPUs per instance instead of 4/);
    const failed = one(f, 'training/failed', 'tokenizer-job');
    assert.match(failed.message, /ImportError: No module named 'sentencepiece'/);
    assert.equal(failed.fix?.instanceType, undefined);
    near(one(f, 'datasets/storage-growth', 's3://raw-logs/vit/').figures.growthGiBPerDay, 50, 0.5);
  });

  it('moves findings when the thresholds move', async () => {
    const { report: strict } = await checkSandbox({ scenarioFile }, { thresholds: { ...report.thresholds, latencyMs: 3000, errorRateWarningPercent: 3 } }, ['eu-west-1']);
    const ids = digest(strict.findings);
    assert.ok(!ids.some((d) => d.startsWith('red/latency-p99')), 'p99 2,200 ms is under a 3,000 ms threshold');
    assert.ok(!ids.some((d) => d.startsWith('red/error-rate')), '2.5 % is under a 3 % threshold');
    assert.equal(ids.length, report.findings.length - 2);
  });
});
