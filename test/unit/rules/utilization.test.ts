import * as assert from 'node:assert/strict';
import { withAccelerator } from '../../../src/core/catalog/attached';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { evaluateRightsizing } from '../../../src/core/rules/rightsizing';
import { defaultThresholds } from '../../../src/core/rules/thresholds';
import type { EndpointObservation, Finding } from '../../../src/core/rules/types';
import { evaluateUtilization } from '../../../src/core/rules/utilization';
import { DAY, END, endpointObs, hourly, hours } from './builders';

const t = defaultThresholds;
const catalog = createCatalog();
const week = 7 * 24;
const only = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);

describe('rules/utilization', () => {
  it('finds nothing at moderate, flat utilization', () => {
    assert.deepEqual(evaluateUtilization(endpointObs('ml.m5.xlarge', 2), t, catalog), []);
  });

  it('grades memory p95 of the last day: warning over 85 %, error over 95 %, with a bigger type of the family', () => {
    const at = (v: number) => evaluateUtilization(endpointObs('ml.m5.xlarge', 3, { memory: hourly(hours(week, () => v)) }), t, catalog);
    assert.deepEqual(only(at(84), 'utilization/memory-high'), []);
    const [warn] = only(at(90), 'utilization/memory-high');
    assert.equal(warn.severity, 'warning');
    assert.equal(warn.figures.memoryPeakGiB, 14.4);
    assert.equal(warn.fix?.instanceType, 'ml.m5.2xlarge');
    assert.equal(warn.fix?.monthlyExtraCostUsd, 505.89);
    assert.equal(only(at(96), 'utilization/memory-high')[0].severity, 'error');
  });

  it('judges memory level by the recent hours only', () => {
    // High a week ago, fine for the last two days.
    const obs = endpointObs('ml.m5.xlarge', 2, { memory: hourly(hours(week, (i) => (i < week - 48 ? 97 : 50))) });
    assert.deepEqual(only(evaluateUtilization(obs, t, catalog), 'utilization/memory-high'), []);
  });

  it('finds a steady memory rise with its slope and the time left to 100 %', () => {
    const obs = endpointObs('ml.m5.xlarge', 3, { memory: hourly(hours(week, (i) => (i < week - 72 ? 45 : 45 + ((i - (week - 72)) * 15.6) / 24))) });
    const [leak] = only(evaluateUtilization(obs, t, catalog), 'utilization/memory-leak');
    assert.equal(leak.severity, 'error', 'full within a day');
    assert.equal(leak.figures.slopePercentPerDay, 15.6);
    assert.equal(leak.figures.r2, 1);
    assert.ok(Math.abs(Number(leak.figures.hoursToFull) - 13.6) < 0.1, String(leak.figures.hoursToFull));
    assert.match(leak.message, /Memory rose steadily from 45 % to 91.2 % .*\+15.6 points a day, R² 1.00\); at this rate it reaches 100 % in about 14 h/);
  });

  it('calls a slow leak a warning and leaves noise and sawtooth alone', () => {
    const slow = endpointObs('ml.m5.xlarge', 1, { memory: hourly(hours(week, (i) => 40 + (i * 3) / 24)) });
    assert.equal(only(evaluateUtilization(slow, t, catalog), 'utilization/memory-leak')[0].severity, 'warning');
    const noisy = endpointObs('ml.m5.xlarge', 1, { memory: hourly(hours(week, (i) => 50 + ((i * 7919) % 13) - 6)) });
    assert.deepEqual(only(evaluateUtilization(noisy, t, catalog), 'utilization/memory-leak'), []);
    const sawtooth = endpointObs('ml.m5.xlarge', 1, { memory: hourly(hours(week, (i) => 40 + (i % 24) * 2)) });
    assert.deepEqual(only(evaluateUtilization(sawtooth, t, catalog), 'utilization/memory-leak'), []);
  });

  it('flags CPU p95 over 90 % as under-provisioned, with the instance count for headroom', () => {
    const [f] = only(evaluateUtilization(endpointObs('ml.m5.large', 2, { cpu: hourly(hours(week, () => 94)) }), t, catalog), 'utilization/cpu-high');
    assert.equal(f.figures.cpuP95Percent, 94);
    assert.equal(f.fix?.instanceCount, 3);
    assert.equal(f.fix?.monthlyExtraCostUsd, 83.95);
  });

  it('flags GPU saturation and a filling disk', () => {
    const fs = evaluateUtilization(
      endpointObs('ml.g5.2xlarge', 1, { gpu: hourly(hours(week, () => 97)), gpuMemory: hourly(hours(week, () => 80)), disk: hourly(hours(week, (i) => (i === week - 3 ? 93 : 60))) }),
      t,
      catalog,
    );
    assert.deepEqual(fs.map((f) => f.ruleId).sort(), ['utilization/disk-high', 'utilization/gpu-high']);
  });
});

describe('rules/rightsizing', () => {
  const lowGpu = (over = {}) =>
    endpointObs('ml.g5.12xlarge', 2, {
      cpu: hourly(hours(week, () => 8)),
      memory: hourly(hours(week, () => 22)),
      gpu: hourly(hours(week, () => 6)),
      gpuMemory: hourly(hours(week, () => 11)),
      ...over,
    });

  it('names the cheapest same-family type that fits the peak with headroom, and the monthly saving', () => {
    const [f] = evaluateRightsizing(lowGpu(), t, catalog);
    assert.equal(f.ruleId, 'utilization/over-provisioned');
    // 22 % of 192 GiB is 42 GiB: with 30 % headroom it needs 60 GiB, so ml.g5.2xlarge (32 GiB) does not fit.
    assert.equal(f.fix?.instanceType, 'ml.g5.4xlarge');
    assert.equal(f.figures.monthlySavingUsd, 7387.6);
    assert.match(f.message, /^p95 CPU 8 %, GPU 6 % over 7 days on 2 × ml.g5.12xlarge: ml.g5.4xlarge fits the observed peak .*about \$7,388\/month less\.$/);
  });

  it('picks a smaller type when host memory allows it', () => {
    const [f] = evaluateRightsizing(lowGpu({ memory: hourly(hours(week, () => 10)) }), t, catalog);
    assert.equal(f.fix?.instanceType, 'ml.g5.2xlarge');
    assert.equal(f.fix?.monthlySavingUsd, 8139.5);
  });

  /** A Vertex AI deployed model: an N1 machine with `count` T4s attached, as the health check plans it. */
  const vertexT4 = (machine: string, count: number, over: Partial<EndpointObservation> = {}): EndpointObservation => {
    const variant = { name: '4211', instanceType: machine, instanceCount: 2, accelerator: { type: 'NVIDIA_TESLA_T4', count } };
    const base = endpointObs(machine, 2, {}, 'image-tagger-t4');
    return {
      ...base,
      resource: { ...base.resource, ref: { ...base.resource.ref, provider: 'gcp' }, variants: [variant] },
      variant,
      spec: withAccelerator(catalog.findInstanceType('gcp', machine), variant.accelerator, catalog),
      cpu: hourly(hours(week, () => 8)),
      memory: hourly(hours(week, () => 22)),
      gpu: hourly(hours(week, () => 5)),
      gpuMemory: hourly(hours(week, () => 11)),
      ...over,
    };
  };
  const t4 = catalog.findAccelerator('gcp', 'NVIDIA_TESLA_T4')!.pricePerHourUsd!;
  const price = (name: string) => catalog.findInstanceType('gcp', name)!.pricePerHourUsd!;

  it('shrinks the machine of attached accelerators and keeps the one T4 the peak needs', () => {
    const [f] = evaluateRightsizing(vertexT4('n1-standard-8', 1), t, catalog);
    // 22 % of 30 GiB with 30 % headroom is 9.4 GiB: n1-standard-4 (15 GiB), not n1-standard-2 (7.5 GiB).
    assert.equal(f.fix?.instanceType, 'n1-standard-4');
    assert.equal(f.fix?.acceleratorCount, 1);
    assert.equal(f.fix?.monthlySavingUsd, Math.round((price('n1-standard-8') - price('n1-standard-4')) * 730 * 2 * 100) / 100);
    assert.deepEqual([f.figures.acceleratorType, f.figures.fromAcceleratorCount, f.figures.toAcceleratorCount], ['NVIDIA_TESLA_T4', 1, 1]);
    assert.match(f.message, /on 2 × \(n1-standard-8 \+ 1 × NVIDIA_TESLA_T4\): n1-standard-4 \+ 1 × NVIDIA_TESLA_T4 fits the observed peak/);
    assert.match(f.fix?.summary ?? '', /^Change the machine type to n1-standard-4 \(keep 1 × NVIDIA_TESLA_T4\)/);
  });

  it('sheds attached accelerators down to what the peak needs, and says where to write the count', () => {
    // Four T4s at 5 % with 11 % of their memory in use: one holds it (4 × 16 GiB × 11 % / 70 % ≈ 10 GiB).
    const [f] = evaluateRightsizing(vertexT4('n1-standard-16', 4), t, catalog);
    assert.equal(f.fix?.acceleratorCount, 1);
    assert.equal(f.figures.fromAcceleratorCount, 4);
    const to = String(f.fix?.instanceType);
    assert.equal(f.fix?.monthlySavingUsd, Math.round(((price('n1-standard-16') + 4 * t4 - price(to) - t4) * 730 * 2) * 100) / 100);
    assert.match(f.fix?.summary ?? '', /the accelerator count to 1 \(accelerator_count=1, gcloud --accelerator=type=NVIDIA_TESLA_T4,count=1, CustomJob acceleratorCount: 1\)/);
    // Busy accelerators stay: at 60 % of four T4s the peak needs all four.
    assert.deepEqual(evaluateRightsizing(vertexT4('n1-standard-16', 4, { gpu: hourly(hours(week, () => 60)) }), t, catalog), []);
  });

  it('stays quiet when utilization is not low for the whole period, or nothing cheaper fits', () => {
    assert.deepEqual(evaluateRightsizing(lowGpu({ gpu: hourly(hours(week, () => 35)) }), t, catalog), []);
    assert.deepEqual(evaluateRightsizing(lowGpu({ cpu: hourly(hours(72, () => 5)) }), t, catalog), [], 'three days of data are not seven');
    // A c5.xlarge using half its 8 GiB: c5.large (4 GiB) cannot hold it.
    const dr = endpointObs('ml.c5.xlarge', 1, { cpu: hourly(hours(week, () => 6)), memory: hourly(hours(week, () => 48)) });
    assert.deepEqual(evaluateRightsizing(dr, t, catalog), []);
    const young = lowGpu();
    young.resource = { ...young.resource, createdAt: END - 2 * DAY };
    assert.deepEqual(evaluateRightsizing(young, t, catalog), []);
  });
});
