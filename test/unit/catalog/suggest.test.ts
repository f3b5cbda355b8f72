import * as assert from 'node:assert/strict';
import { allInstanceTypes, findInstanceType, suggestInstanceTypes } from '../../../src/core/catalog/catalog';
import type { InstanceTypeSpec } from '../../../src/core/catalog/catalog';
import { instanceFamily } from '../../../src/core/catalog/names';

function spec(provider: InstanceTypeSpec['provider'], name: string): InstanceTypeSpec {
  const found = findInstanceType(provider, name);
  assert.ok(found, `${name} should be in the catalog`);
  return found;
}

describe('catalog: suggestions', () => {
  it('corrects a typo to the intended type first', () => {
    const out = suggestInstanceTypes('aws', 'ml.g5.2xlarg');
    assert.equal(out[0], 'ml.g5.2xlarge');
    // A cheaper g6 is as many edits away as the other g5 sizes; the typo's own family still comes first.
    assert.deepEqual(out.map((n) => instanceFamily('aws', n)), ['g5', 'g5', 'g5']);
    assert.equal(suggestInstanceTypes('gcp', 'n1-standrad-4')[0], 'n1-standard-4');
    assert.equal(suggestInstanceTypes('azure', 'Standard_NC4as_T4v3')[0], 'Standard_NC4as_T4_v3');
  });

  it('puts the right type first for any valid name with one letter doubled', () => {
    for (const s of allInstanceTypes()) {
      if (s.generation === 'retired') continue;
      const at = s.name.search(/[a-z](?=[^a-z]*$)/i);
      const typo = s.name.slice(0, at + 1) + s.name.slice(at);
      assert.equal(suggestInstanceTypes(s.provider, typo)[0], s.name, `${s.provider} ${typo}`);
    }
  });

  it('stays in the family for a size that does not exist', () => {
    const out = suggestInstanceTypes('aws', 'ml.g5.3xlarge');
    assert.deepEqual(new Set(out.slice(0, 2)), new Set(['ml.g5.2xlarge', 'ml.g5.4xlarge']));
    assert.ok(out.every((n) => instanceFamily('aws', n) === 'g5'), out.join());
    assert.deepEqual(new Set(suggestInstanceTypes('gcp', 'n1-standard-6').slice(0, 2)), new Set(['n1-standard-4', 'n1-standard-8']));
  });

  it('completes a name written without the provider prefix', () => {
    assert.deepEqual(suggestInstanceTypes('aws', 'g5.2xlarge'), ['ml.g5.2xlarge']);
    assert.deepEqual(suggestInstanceTypes('azure', 'nc4as_t4_v3'), ['Standard_NC4as_T4_v3']);
  });

  it('completes a prefix-less previous type and adds successors, but never offers a retired one', () => {
    const m4 = suggestInstanceTypes('aws', 'm4.xlarge');
    assert.equal(m4[0], 'ml.m4.xlarge');
    assert.ok(m4.slice(1).length > 0 && m4.slice(1).every((n) => spec('aws', n).generation === 'current'), m4.join());
    const p2 = suggestInstanceTypes('aws', 'p2.xlarge');
    assert.ok(p2.length > 0);
    assert.ok(p2.every((n) => spec('aws', n).generation === 'current'), p2.join());
  });

  it('suggests nothing for a valid current name, in any Azure case', () => {
    assert.deepEqual(suggestInstanceTypes('aws', 'ml.g5.2xlarge'), []);
    assert.deepEqual(suggestInstanceTypes('azure', 'standard_nc24ads_a100_v4'), []);
    assert.deepEqual(suggestInstanceTypes('gcp', 'a2-highgpu-1g'), []);
    assert.deepEqual(suggestInstanceTypes('aws', 'local_gpu'), []);
  });

  it('replaces a retired GPU type with current GPUs that hold its work, cheapest first', () => {
    const old = spec('aws', 'ml.p2.xlarge');
    const out = suggestInstanceTypes('aws', 'ml.p2.xlarge');
    assert.equal(out.length, 3);
    assert.equal(out[0], 'ml.g4dn.xlarge');
    const picks = out.map((n) => spec('aws', n));
    for (const p of picks) {
      assert.equal(p.generation, 'current', p.name);
      assert.equal(p.accelerator, 'gpu', p.name);
      assert.ok(p.vcpu >= old.vcpu && (p.gpuMemoryGiB ?? 0) >= old.gpuMemoryGiB!, p.name);
    }
    const prices = picks.map((p) => p.pricePerHourUsd!);
    assert.deepEqual(prices, [...prices].sort((a, b) => a - b));
    assert.equal(new Set(out.map((n) => instanceFamily('aws', n))).size, out.length, 'one per family');
  });

  it('replaces a multi-GPU retired type with enough total GPU memory', () => {
    const old = spec('aws', 'ml.p2.16xlarge');
    const total = (s: InstanceTypeSpec): number => s.gpus * (s.gpuMemoryGiB ?? 0);
    const out = suggestInstanceTypes('aws', old.name);
    assert.ok(out.length > 0);
    for (const n of out) assert.ok(total(spec('aws', n)) >= total(old), n);
  });

  it('offers current types for a typo of a retired type, never the retired one', () => {
    const out = suggestInstanceTypes('aws', 'ml.p2.xlarg');
    assert.ok(out.length > 0);
    assert.ok(!out.includes('ml.p2.xlarge'));
    assert.ok(out.every((n) => spec('aws', n).generation === 'current'), out.join());
  });

  it('replaces retired Azure GPU sizes whatever their case', () => {
    for (const name of ['standard_nc6s_v3', 'Standard_NC6', 'STANDARD_NV6']) {
      const out = suggestInstanceTypes('azure', name);
      assert.ok(out.length > 0, name);
      for (const n of out) {
        const s = spec('azure', n);
        assert.equal(s.generation, 'current', n);
        assert.ok(s.gpus > 0, n);
      }
    }
  });

  it('moves a previous-generation CPU type to the same class, not a burstable one', () => {
    const out = suggestInstanceTypes('aws', 'ml.m4.xlarge');
    assert.equal(out.length, 3);
    for (const n of out) {
      assert.match(n, /^ml\.m\d/, n);
      const s = spec('aws', n);
      assert.ok(s.vcpu >= 4 && s.memoryGiB >= 16, n);
    }
    assert.equal(suggestInstanceTypes('aws', 'ml.t2.medium')[0], 'ml.t3.medium');
    assert.equal(suggestInstanceTypes('azure', 'Standard_DS3_v2')[0], 'Standard_D4s_v5');
  });

  it('honours max and gives up on names that resemble nothing', () => {
    assert.equal(suggestInstanceTypes('aws', 'ml.g5.3xlarge', 1).length, 1);
    assert.deepEqual(suggestInstanceTypes('aws', 'ml.g5.3xlarge', 0), []);
    assert.ok(suggestInstanceTypes('aws', 'ml.g5.3xlarge', 5).length <= 5);
    assert.deepEqual(suggestInstanceTypes('aws', 'hello world'), []);
    assert.deepEqual(suggestInstanceTypes('aws', ''), []);
  });
});
