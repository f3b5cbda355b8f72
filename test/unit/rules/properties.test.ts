// Property tests: rules over random series never throw, always say something finite, and a stricter
// threshold never makes a rule report fewer problems (nor a looser one more).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { withAccelerator } from '../../../src/core/catalog/attached';
import { createCatalog } from '../../../src/core/catalog/catalog';
import type { Variant } from '../../../src/core/model';
import { evaluateAvailability, productionMatcher } from '../../../src/core/rules/availability';
import { evaluateDatasets } from '../../../src/core/rules/datasets';
import { evaluateRed } from '../../../src/core/rules/red';
import { evaluateRightsizing } from '../../../src/core/rules/rightsizing';
import { defaultThresholds, type Thresholds } from '../../../src/core/rules/thresholds';
import { evaluateTraining } from '../../../src/core/rules/training';
import type { Finding, Series } from '../../../src/core/rules/types';
import { evaluateUtilization } from '../../../src/core/rules/utilization';
import { datasetObs, END, endpointObs, HOUR, trainingObs } from './builders';

const catalog = createCatalog();
const runs = { numRuns: 150 };

/** Anything a provider might hand over: gaps, NaN, negative and huge values, unsorted timestamps. */
const anyValue = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e12, Number.NaN, Number.POSITIVE_INFINITY) },
);
const percentSeries = (length: number) => fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 0, maxLength: length });

function seriesOf(values: number[], periodMs = HOUR): Series {
  const start = END - values.length * periodMs;
  return { timestamps: values.map((_, i) => start + i * periodMs), values, periodMs };
}

const messyEndpoint = fc.record({
  cpu: fc.array(anyValue, { maxLength: 200 }),
  memory: fc.array(anyValue, { maxLength: 200 }),
  gpu: fc.array(anyValue, { maxLength: 200 }),
  invocations: fc.array(anyValue, { maxLength: 200 }),
  errorRate: fc.array(anyValue, { maxLength: 200 }),
  latency: fc.array(anyValue, { maxLength: 200 }),
  type: fc.constantFrom('ml.m5.large', 'ml.g5.12xlarge', 'ml.c5.xlarge', 'ml.inf2.xlarge', 'ml.unknown.huge'),
  count: fc.integer({ min: 0, max: 12 }),
});

function wellFormed(f: Finding): void {
  assert.ok(f.message.length > 0 && !/NaN|Infinity|undefined/.test(f.message), f.message);
  for (const [k, v] of Object.entries(f.figures)) if (typeof v === 'number') assert.ok(Number.isFinite(v), `${f.ruleId} figure ${k} = ${v}`);
  for (const k of ['monthlySavingUsd', 'monthlyExtraCostUsd', 'hourlyExtraCostUsd'] as const) {
    const v = f.fix?.[k];
    if (v !== undefined) assert.ok(Number.isFinite(v), `${f.ruleId} ${k} = ${v}`);
  }
}

describe('rules: properties', () => {
  it('endpoint rules never throw and never print NaN, whatever the series', () => {
    fc.assert(
      fc.property(messyEndpoint, (e) => {
        const obs = endpointObs(e.type, e.count, {
          cpu: seriesOf(e.cpu),
          memory: seriesOf(e.memory),
          gpu: seriesOf(e.gpu),
          invocations: seriesOf(e.invocations),
          errorRate: seriesOf(e.errorRate),
          latencyP99: seriesOf(e.latency),
        });
        const findings = [
          ...evaluateRed(obs, defaultThresholds),
          ...evaluateUtilization(obs, defaultThresholds, catalog),
          ...evaluateRightsizing(obs, defaultThresholds, catalog),
          ...evaluateAvailability(obs.resource, [obs], productionMatcher(undefined), END),
        ];
        findings.forEach(wellFormed);
      }),
      runs,
    );
  });

  const autoscaling = fc.constantFrom<Variant['autoscaling']>(
    { mode: 'fixed' },
    { mode: 'fixed', note: 'scalable target without a scaling policy' },
    { mode: 'autoscaled', minCapacity: 2, maxCapacity: 6, metric: 'SageMakerVariantInvocationsPerInstance', targetValue: 900 },
    { mode: 'unknown', reason: 'needs application-autoscaling:DescribeScalableTargets' },
    undefined,
  );

  it('availability rules on production endpoints: never both single-instance and no-autoscaling, figures consistent', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { maxLength: 200 }), fc.integer({ min: 0, max: 12 }), autoscaling, fc.constantFrom('aws', 'gcp', 'azure'), (invocations, count, scaling, provider) => {
        const base = endpointObs('ml.m5.large', count, { invocations: seriesOf(invocations) }, 'ranker-prod');
        const variant = { ...base.variant, autoscaling: scaling };
        const obs = { ...base, variant, resource: { ...base.resource, ref: { ...base.resource.ref, provider }, variants: [variant] } };
        const found = evaluateAvailability(obs.resource, [obs], productionMatcher(undefined), END);
        found.forEach(wellFormed);
        const ids = found.map((f) => f.ruleId);
        assert.ok(!(ids.includes('availability/single-instance') && ids.includes('availability/no-autoscaling')), ids.join());
        const f = found.find((x) => x.ruleId === 'availability/no-autoscaling');
        if (!f) return;
        assert.equal(scaling?.mode, 'fixed', 'only fixed capacity is reported');
        assert.ok(count >= 2);
        const [mean, peak] = [Number(f.figures.meanRequestsPerSecond), Number(f.figures.peakRequestsPerSecond)];
        assert.ok(peak + 0.01 >= mean && mean > 0, `peak ${peak} vs mean ${mean}`);
        assert.equal(f.figures.recommendedMaxCapacity, 2 * count);
        assert.equal(f.figures.recommendedTargetValue !== undefined, provider === 'aws');
      }),
      runs,
    );
  });

  it('no-autoscaling: scaling the traffic scales the rates and keeps the surge ratio', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 30, maxLength: 168 }), fc.integer({ min: 2, max: 20 }), (counts, k) => {
        const at = (values: number[]) => {
          const base = endpointObs('ml.m5.large', 3, { invocations: seriesOf(values) }, 'ranker-prod');
          const variant = { ...base.variant, autoscaling: { mode: 'fixed' } as const };
          const obs = { ...base, variant, resource: { ...base.resource, variants: [variant] } };
          return evaluateAvailability(obs.resource, [obs], productionMatcher(undefined), END)[0];
        };
        const [one, many] = [at(counts), at(counts.map((c) => c * k))];
        const close = (a: unknown, b: number) => Math.abs(Number(a) - b) <= 0.01 * Math.max(1, Math.abs(b));
        assert.ok(close(many.figures.peakRequestsPerSecond, Number(one.figures.peakRequestsPerSecond) * k));
        assert.ok(close(many.figures.meanRequestsPerSecond, Number(one.figures.meanRequestsPerSecond) * k));
        assert.ok(close(many.figures.peakToMean, Number(one.figures.peakToMean)));
      }),
      runs,
    );
  });

  it('rightsizing attached accelerators: never more of them, never a dearer machine, always the same accelerator', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('n1-standard-4', 'n1-standard-8', 'n1-standard-16', 'n1-highmem-8', 'n1-highcpu-16'),
        fc.constantFrom(1, 2, 4),
        fc.constantFrom('NVIDIA_TESLA_T4', 'NVIDIA_TESLA_V100', 'NVIDIA_TESLA_P4'),
        percentSeries(168),
        percentSeries(168),
        percentSeries(168),
        (machine, count, type, cpu, gpu, gpuMemory) => {
          const variant = { name: '1', instanceType: machine, instanceCount: 2, accelerator: { type, count } };
          const base = endpointObs(machine, 2, { cpu: seriesOf(cpu.map((x) => x / 5)), memory: seriesOf(cpu.map((x) => x / 4)), gpu: seriesOf(gpu.map((x) => x / 5)), gpuMemory: seriesOf(gpuMemory) });
          const spec = withAccelerator(catalog.findInstanceType('gcp', machine), variant.accelerator, catalog);
          const obs = { ...base, variant, spec, resource: { ...base.resource, ref: { ...base.resource.ref, provider: 'gcp' as const }, variants: [variant] } };
          for (const f of evaluateRightsizing(obs, defaultThresholds, catalog)) {
            wellFormed(f);
            assert.equal(f.figures.acceleratorType, type);
            assert.ok(Number(f.figures.toAcceleratorCount) <= count && Number(f.fix?.acceleratorCount) >= 1);
            assert.ok(Number(f.fix?.monthlySavingUsd) > 0);
            const to = catalog.findInstanceType('gcp', String(f.figures.toInstanceType))!;
            assert.ok(to.gpus === 0 && to.name.startsWith(machine.split('-').slice(0, 2).join('-')), to.name);
          }
        },
      ),
      runs,
    );
  });

  it('training and dataset rules never throw on random series', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { maxLength: 80 }), fc.array(anyValue, { maxLength: 80 }), fc.array(anyValue, { maxLength: 30 }), (gpu, cpu, storage) => {
        const job = trainingObs('ml.p3.8xlarge', 'running', { gpu: [seriesOf(gpu, 600_000)], cpu: [seriesOf(cpu, 600_000)], memory: [seriesOf(cpu, 600_000)] });
        evaluateTraining(job, defaultThresholds, catalog).forEach(wellFormed);
        evaluateTraining({ ...job, resource: { ...job.resource, status: 'failed' } }, defaultThresholds, catalog).forEach(wellFormed);
        const ds = datasetObs('s3://b', ['d'], []);
        ds.storageBytes = seriesOf(storage, 86_400_000);
        evaluateDatasets(ds, defaultThresholds).forEach(wellFormed);
        evaluateDatasets(ds, { ...defaultThresholds, storageCapacityGiB: 10 }).forEach(wellFormed);
      }),
      runs,
    );
  });

  /**
   * For each threshold that makes a rule fire when a value is *above* it, raising it can only remove
   * findings of that rule (and lowering an "under" threshold likewise).
   */
  const monotone: Array<{ key: keyof Thresholds; rule: string; direction: 'above' | 'under'; series: (v: number[]) => Parameters<typeof endpointObs>[2] }> = [
    { key: 'latencyMs', rule: 'red/latency-p99', direction: 'above', series: (v) => ({ latencyP99: seriesOf(v.map((x) => x * 30)) }) },
    { key: 'errorRateWarningPercent', rule: 'red/error-rate', direction: 'above', series: (v) => ({ errorRate: seriesOf(v.map((x) => x / 10)) }) },
    { key: 'memoryWarningPercent', rule: 'utilization/memory-high', direction: 'above', series: (v) => ({ memory: seriesOf(v) }) },
    { key: 'cpuHighPercent', rule: 'utilization/cpu-high', direction: 'above', series: (v) => ({ cpu: seriesOf(v) }) },
    { key: 'diskHighPercent', rule: 'utilization/disk-high', direction: 'above', series: (v) => ({ disk: seriesOf(v) }) },
    { key: 'memoryLeakPercentPerDay', rule: 'utilization/memory-leak', direction: 'above', series: (v) => ({ memory: seriesOf(v.map((x, i) => x / 10 + i / 5)) }) },
    { key: 'overProvisionedPercent', rule: 'utilization/over-provisioned', direction: 'under', series: (v) => ({ cpu: seriesOf(v.map((x) => x / 2)) }) },
    { key: 'idleRequestsPerSecond', rule: 'red/idle-endpoint', direction: 'under', series: (v) => ({ invocations: seriesOf(v.map((x) => x * 10)) }) },
  ];

  for (const m of monotone) {
    it(`${m.rule}: a stricter ${m.key} never finds less`, () => {
      fc.assert(
        fc.property(percentSeries(168), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (values, a, b) => {
          const scale = m.key === 'latencyMs' ? 30 : m.key === 'idleRequestsPerSecond' ? 0.01 : m.key === 'memoryLeakPercentPerDay' ? 0.5 : 1;
          const [low, high] = [Math.min(a, b) * scale, Math.max(a, b) * scale];
          const obs = endpointObs('ml.m5.xlarge', 2, m.series(values));
          const count = (value: number) => {
            const t = { ...defaultThresholds, [m.key]: value };
            if (m.key === 'errorRateWarningPercent') t.errorRateErrorPercent = Math.max(t.errorRateErrorPercent, value);
            if (m.key === 'memoryWarningPercent') t.memoryErrorPercent = Math.max(t.memoryErrorPercent, value);
            const all = [...evaluateRed(obs, t), ...evaluateUtilization(obs, t, catalog), ...evaluateRightsizing(obs, t, catalog)];
            return all.filter((f) => f.ruleId === m.rule).length;
          };
          // "above" rules: the lower threshold is the stricter one; "under" rules: the higher one.
          if (m.direction === 'above') assert.ok(count(low) >= count(high), `${m.key} ${low} vs ${high}`);
          else assert.ok(count(high) >= count(low), `${m.key} ${high} vs ${low}`);
        }),
        runs,
      );
    });
  }
});
