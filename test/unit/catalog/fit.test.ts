import * as assert from 'node:assert/strict';
import { allInstanceTypes, createCatalog, findInstanceType, smallestFitting } from '../../../src/core/catalog/catalog';
import type { FitNeed, InstanceTypeSpec } from '../../../src/core/catalog/catalog';
import type { ProviderId } from '../../../src/core/model';

describe('catalog: smallestFitting', () => {
  it('rightsizes a 1-GPU, 24 GiB, 8 vCPU workload within the g5 family to ml.g5.2xlarge', () => {
    const pick = smallestFitting('aws', { gpus: 1, gpuMemoryGiB: 24, vcpu: 8, sameFamilyAs: 'ml.g5.12xlarge' });
    assert.equal(pick?.name, 'ml.g5.2xlarge');
  });

  it('finds a cheaper family for the same workload when the family is free', () => {
    const pick = smallestFitting('aws', { gpus: 1, gpuMemoryGiB: 24, vcpu: 8 });
    assert.ok(pick);
    assert.ok(pick.pricePerHourUsd! <= findInstanceType('aws', 'ml.g5.2xlarge')!.pricePerHourUsd!);
    assert.ok(pick.gpus >= 1 && pick.gpuMemoryGiB! >= 24 && pick.vcpu >= 8);
  });

  it('accepts a family key or a name of any size, and Azure names in any case', () => {
    assert.equal(smallestFitting('aws', { sameFamilyAs: 'g5' })?.name, 'ml.g5.xlarge');
    assert.equal(smallestFitting('azure', { vcpu: 8, sameFamilyAs: 'standard_nc64as_t4_v3' })?.name, 'Standard_NC8as_T4_v3');
    assert.equal(smallestFitting('gcp', { vcpu: 10, sameFamilyAs: 'n1-standard-2' })?.name, 'n1-standard-16');
  });

  it('reads GPUs without a model as NVIDIA-style GPUs, never Inferentia or Trainium', () => {
    for (const p of ['aws', 'gcp', 'azure'] as const) {
      const pick = smallestFitting(p, { gpus: 1 });
      assert.equal(pick?.accelerator, 'gpu', p);
    }
    assert.equal(smallestFitting('aws', { acceleratorModel: 'Inferentia2' })?.name, 'ml.inf2.xlarge');
    assert.equal(smallestFitting('aws', { gpus: 16, accelerator: 'trainium' })?.name, 'ml.trn1.32xlarge');
  });

  it('matches accelerator models by word, with memory telling the A100s apart', () => {
    assert.equal(smallestFitting('aws', { acceleratorModel: 'A10' }), undefined);
    assert.equal(smallestFitting('azure', { acceleratorModel: 'a10' })?.name, 'Standard_NV36ads_A10_v5');
    assert.equal(smallestFitting('aws', { acceleratorModel: 'nvidia a100 80gb' })?.name, 'ml.p4de.24xlarge');
    assert.equal(smallestFitting('aws', { acceleratorModel: 'A100 40GB' })?.name, 'ml.p4d.24xlarge');
    assert.equal(smallestFitting('gcp', { acceleratorModel: 'TPU v5e', gpus: 4 })?.name, 'ct5lp-hightpu-4t');
  });

  it('never picks retired, previous-generation or local types', () => {
    assert.equal(smallestFitting('aws', { acceleratorModel: 'K80' }), undefined);
    assert.equal(smallestFitting('aws', { sameFamilyAs: 'ml.m4.xlarge' }), undefined);
    assert.equal(smallestFitting('azure', { acceleratorModel: 'V100', gpus: 1, gpuMemoryGiB: 16 })?.name, undefined);
    assert.notEqual(smallestFitting('aws', {})?.local, true);
  });

  it('answers undefined when nothing is big enough', () => {
    assert.equal(smallestFitting('aws', { gpus: 64 }), undefined);
    assert.equal(smallestFitting('gcp', { memoryGiB: 100_000 }), undefined);
  });

  it('always returns a current type that meets the need with no cheaper one that does', () => {
    const needs: FitNeed[] = [
      {},
      { vcpu: 4 },
      { vcpu: 4, memoryGiB: 64 },
      { memoryGiB: 500 },
      { vcpu: 30 },
      { gpus: 2 },
      { gpus: 1, gpuMemoryGiB: 40 },
      { gpus: 4, gpuMemoryGiB: 24, vcpu: 48 },
      { gpus: 8, gpuMemoryGiB: 80 },
    ];
    const meets = (s: InstanceTypeSpec, n: FitNeed): boolean =>
      s.vcpu >= (n.vcpu ?? 0) &&
      s.memoryGiB >= (n.memoryGiB ?? 0) &&
      s.gpus >= (n.gpus ?? 0) &&
      (s.gpuMemoryGiB ?? 0) >= (n.gpuMemoryGiB ?? 0) &&
      (!n.gpus || s.accelerator === 'gpu');
    for (const provider of ['aws', 'gcp', 'azure'] as ProviderId[]) {
      for (const need of needs) {
        const pick = smallestFitting(provider, need);
        const label = `${provider} ${JSON.stringify(need)}`;
        const fitting = allInstanceTypes(provider).filter((s) => s.generation === 'current' && !s.local && meets(s, need));
        if (!pick) {
          assert.equal(fitting.length, 0, label);
          continue;
        }
        assert.ok(meets(pick, need), label);
        assert.equal(pick.generation, 'current', label);
        const cheaper = fitting.filter((s) => (s.pricePerHourUsd ?? Infinity) < (pick.pricePerHourUsd ?? Infinity));
        assert.deepEqual(cheaper.map((s) => s.name), [], label);
      }
    }
  });

  it('follows overridden prices in a catalog built with overrides', () => {
    const g6 = findInstanceType('aws', 'ml.g6.2xlarge')!;
    const catalog = createCatalog([{ ...g6, pricePerHourUsd: 99 }]);
    const pick = catalog.smallestFitting('aws', { gpus: 1, gpuMemoryGiB: 24, vcpu: 8 });
    assert.ok(pick);
    assert.notEqual(pick.name, 'ml.g6.2xlarge');
    assert.equal(smallestFitting('aws', { gpus: 1, gpuMemoryGiB: 24, vcpu: 8 })?.name, 'ml.g6.2xlarge');
  });
});
