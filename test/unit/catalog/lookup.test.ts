import * as assert from 'node:assert/strict';
import {
  allInstanceTypes,
  catalogSource,
  findAccelerator,
  findInstanceType,
  monthlyCostUsd,
} from '../../../src/core/catalog/catalog';
import type { InstanceTypeSpec } from '../../../src/core/catalog/catalog';

describe('catalog: lookups', () => {
  it('finds a SageMaker type with its documented specs', () => {
    const spec = findInstanceType('aws', 'ml.g5.2xlarge');
    assert.ok(spec);
    assert.equal(spec.provider, 'aws');
    assert.equal(spec.vcpu, 8);
    assert.equal(spec.memoryGiB, 32);
    assert.equal(spec.gpus, 1);
    assert.equal(spec.gpuModel, 'NVIDIA A10G');
    assert.equal(spec.gpuMemoryGiB, 24);
    assert.equal(spec.accelerator, 'gpu');
    assert.equal(spec.generation, 'current');
  });

  it('keeps SageMaker and GCP names exact (their APIs reject other spellings)', () => {
    assert.equal(findInstanceType('aws', 'ML.G5.2XLARGE'), undefined);
    assert.equal(findInstanceType('aws', 'g5.2xlarge'), undefined);
    assert.equal(findInstanceType('gcp', 'N1-STANDARD-8'), undefined);
    assert.equal(findInstanceType('gcp', 'n1-standard-8')?.vcpu, 8);
  });

  it('matches Azure names in any case and returns the canonical spelling', () => {
    for (const written of ['standard_nc24ads_a100_v4', 'STANDARD_NC24ADS_A100_V4', 'Standard_NC24ads_A100_v4']) {
      const spec = findInstanceType('azure', written);
      assert.equal(spec?.name, 'Standard_NC24ads_A100_v4', written);
      assert.equal(spec?.gpuMemoryGiB, 80);
    }
    assert.equal(findInstanceType('azure', 'standard_ds3_v2')?.name, 'Standard_DS3_v2');
  });

  it('does not answer for another provider or a non-string name', () => {
    assert.equal(findInstanceType('azure', 'ml.g5.2xlarge'), undefined);
    assert.equal(findInstanceType('aws', 'Standard_DS3_v2'), undefined);
    assert.equal(findInstanceType('aws', undefined as unknown as string), undefined);
  });

  it('hands out frozen specs so one caller cannot change them for all', () => {
    const spec = findInstanceType('aws', 'ml.m5.xlarge') as InstanceTypeSpec;
    assert.throws(() => {
      (spec as { vcpu: number }).vcpu = 1;
    }, TypeError);
    assert.equal(findInstanceType('aws', 'ml.m5.xlarge')?.vcpu, 4);
    assert.throws(() => (allInstanceTypes('aws') as InstanceTypeSpec[]).push(spec), TypeError);
  });

  it('lists each provider apart and all together', () => {
    const aws = allInstanceTypes('aws');
    const gcp = allInstanceTypes('gcp');
    const azure = allInstanceTypes('azure');
    assert.ok(aws.every((s) => s.provider === 'aws'));
    assert.ok(gcp.every((s) => s.provider === 'gcp'));
    assert.ok(azure.every((s) => s.provider === 'azure'));
    assert.equal(allInstanceTypes().length, aws.length + gcp.length + azure.length);
  });

  it('marks SageMaker local mode as local with no size and no price', () => {
    for (const name of ['local', 'local_gpu']) {
      const spec = findInstanceType('aws', name);
      assert.equal(spec?.local, true, name);
      assert.equal(spec?.pricePerHourUsd, undefined, name);
    }
    assert.equal(findInstanceType('aws', 'local_gpu')?.accelerator, 'gpu');
  });

  it('marks retired types as retired', () => {
    assert.equal(findInstanceType('aws', 'ml.p2.xlarge')?.generation, 'retired');
    assert.equal(findInstanceType('aws', 'ml.p2.xlarge')?.gpuModel, 'NVIDIA K80');
    assert.equal(findInstanceType('azure', 'Standard_NC6')?.generation, 'retired');
    assert.equal(findInstanceType('azure', 'standard_nv6')?.generation, 'retired');
    assert.equal(findInstanceType('aws', 'ml.m4.xlarge')?.generation, 'previous');
  });
});

describe('catalog: GCP accelerators', () => {
  it('finds attachable GPUs by their Vertex enum name', () => {
    const t4 = findAccelerator('gcp', 'NVIDIA_TESLA_T4');
    assert.equal(t4?.model, 'NVIDIA T4');
    assert.equal(t4?.memoryGiB, 16);
    assert.deepEqual(t4?.machineSeries, ['n1']);
    assert.equal(findAccelerator('gcp', 'NVIDIA_A100_80GB')?.memoryGiB, 80);
    assert.equal(findAccelerator('gcp', 'NVIDIA_H100_80GB')?.memoryGiB, 80);
    assert.equal(findAccelerator('gcp', 'TPU_V3')?.kind, 'tpu');
  });

  it('marks the K80 retired and knows nothing of other providers', () => {
    assert.equal(findAccelerator('gcp', 'NVIDIA_TESLA_K80')?.generation, 'retired');
    assert.equal(findAccelerator('aws', 'NVIDIA_TESLA_T4'), undefined);
    assert.equal(findAccelerator('gcp', 'nvidia_tesla_t4'), undefined);
  });

  it('keeps N1 machine types GPU-free: their GPUs come from the accelerator table', () => {
    const n1 = allInstanceTypes('gcp').filter((s) => s.name.startsWith('n1-'));
    assert.ok(n1.length >= 21);
    assert.ok(n1.every((s) => s.gpus === 0));
    assert.equal(findInstanceType('gcp', 'a2-highgpu-8g')?.gpus, 8);
    assert.equal(findInstanceType('gcp', 'g2-standard-48')?.gpus, 4);
  });
});

describe('catalog: monthly cost', () => {
  it('prices 730 hours a month per instance', () => {
    const spec = findInstanceType('aws', 'ml.g5.2xlarge') as InstanceTypeSpec;
    assert.equal(monthlyCostUsd(spec, 2), Math.round(spec.pricePerHourUsd! * 730 * 2 * 100) / 100);
    assert.equal(monthlyCostUsd({ ...spec, pricePerHourUsd: 1 }, 3), 2190);
    assert.equal(monthlyCostUsd({ ...spec, pricePerHourUsd: 1 }), 730);
    assert.equal(monthlyCostUsd({ ...spec, pricePerHourUsd: 1 }, 0), 0);
  });

  it('gives no estimate without a price or with a nonsense count', () => {
    assert.equal(monthlyCostUsd(findInstanceType('aws', 'ml.p2.xlarge') as InstanceTypeSpec, 1), undefined);
    const spec = findInstanceType('aws', 'ml.m5.large') as InstanceTypeSpec;
    assert.equal(monthlyCostUsd(spec, -1), undefined);
    assert.equal(monthlyCostUsd(spec, Number.NaN), undefined);
  });

  it('states region and date for every provider so prices can be shown as estimates', () => {
    assert.equal(catalogSource('aws').region, 'us-east-1');
    assert.equal(catalogSource('azure').region, 'eastus');
    assert.equal(catalogSource('gcp').region, 'us-central1');
    for (const p of ['aws', 'gcp', 'azure'] as const) {
      const source = catalogSource(p);
      assert.equal(source.provider, p);
      assert.match(source.compiledOn, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(!Number.isNaN(Date.parse(source.compiledOn)));
      assert.ok(source.sources.length >= 2);
      assert.match(source.note, /indicative/i);
    }
  });
});
