// Sanity over the whole built-in table: these catch slipped columns, decimal slips and dropped rows.
import * as assert from 'node:assert/strict';
import { allInstanceTypes, findInstanceType } from '../../../src/core/catalog/catalog';
import type { InstanceTypeSpec } from '../../../src/core/catalog/catalog';
import { gcpAccelerators } from '../../../src/core/catalog/gcp';
import { instanceFamily } from '../../../src/core/catalog/names';

const all = allInstanceTypes();
const sized = all.filter((s) => !s.local);

describe('catalog: data sanity', () => {
  it('has no duplicate names within a provider, ignoring case', () => {
    const seen = new Set<string>();
    const dupes: string[] = [];
    for (const s of all) {
      const key = `${s.provider} ${s.name.toLowerCase()}`;
      if (seen.has(key)) dupes.push(key);
      seen.add(key);
    }
    assert.deepEqual(dupes, []);
  });

  it('gives every sized entry a positive whole vCPU count and positive memory', () => {
    for (const s of sized) {
      assert.ok(Number.isInteger(s.vcpu) && s.vcpu > 0, s.name);
      assert.ok(Number.isFinite(s.memoryGiB) && s.memoryGiB > 0, s.name);
    }
  });

  it('keeps memory per vCPU in a plausible range (catches swapped columns)', () => {
    for (const s of sized) {
      const ratio = s.memoryGiB / s.vcpu;
      assert.ok(ratio >= 0.85 && ratio <= 25, `${s.name}: ${ratio} GiB per vCPU`);
    }
  });

  it('describes every accelerator: model, per-device memory and kind', () => {
    for (const s of all) {
      assert.ok(Number.isInteger(s.gpus) && s.gpus >= 0, s.name);
      if (s.gpus > 0) {
        assert.ok(s.gpuModel && s.gpuModel.trim(), `${s.name} model`);
        assert.ok(s.gpuMemoryGiB !== undefined && s.gpuMemoryGiB > 0, `${s.name} memory`);
        assert.ok(['gpu', 'inferentia', 'trainium', 'tpu'].includes(s.accelerator ?? ''), `${s.name} kind`);
      } else if (!s.local) {
        assert.equal(s.gpuModel, undefined, s.name);
        assert.equal(s.accelerator, undefined, s.name);
      }
    }
  });

  it('uses one accelerator model and memory per family', () => {
    const byFamily = new Map<string, string>();
    for (const s of sized.filter((x) => x.gpus > 0)) {
      const key = `${s.provider} ${instanceFamily(s.provider, s.name)}`;
      const device = `${s.gpuModel} ${s.gpuMemoryGiB}`;
      assert.equal(byFamily.get(key) ?? device, device, s.name);
      byFamily.set(key, device);
    }
  });

  it('has positive prices where priced, no price on retired types, and a price on current ones', () => {
    // Sold only through training plans, so there is no on-demand list price to show.
    const unpricedCurrent = new Set(['ml.p5e.48xlarge']);
    for (const s of all) {
      if (s.pricePerHourUsd !== undefined) assert.ok(Number.isFinite(s.pricePerHourUsd) && s.pricePerHourUsd > 0, s.name);
      if (s.generation === 'retired' || s.local) assert.equal(s.pricePerHourUsd, undefined, s.name);
      else if (s.generation === 'current' && !unpricedCurrent.has(s.name)) assert.ok(s.pricePerHourUsd, `${s.name} needs a price`);
    }
  });

  it('keeps price per vCPU-hour plausible (catches decimal slips)', () => {
    for (const s of sized.filter((x) => x.pricePerHourUsd !== undefined)) {
      const perVcpu = s.pricePerHourUsd! / s.vcpu;
      assert.ok(perVcpu >= 0.02 && perVcpu <= 5, `${s.name}: $${perVcpu} per vCPU-hour`);
    }
  });

  it('prices larger sizes of a CPU family higher', () => {
    const families = new Map<string, InstanceTypeSpec[]>();
    for (const s of sized.filter((x) => x.gpus === 0 && x.pricePerHourUsd !== undefined)) {
      const key = `${s.provider} ${instanceFamily(s.provider, s.name)}`;
      families.set(key, [...(families.get(key) ?? []), s]);
    }
    for (const [family, members] of families) {
      const sorted = [...members].sort((a, b) => a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB);
      for (let i = 1; i < sorted.length; i++) {
        assert.ok(sorted[i].pricePerHourUsd! > sorted[i - 1].pricePerHourUsd!, `${family}: ${sorted[i - 1].name} vs ${sorted[i].name}`);
      }
    }
  });

  it('spells names the way each cloud does and every name parses into a family', () => {
    const patterns = {
      aws: /^(ml\.[a-z0-9]+\.(medium|large|\d*xlarge)|local|local_gpu)$/,
      azure: /^Standard_[A-Z]+\d+[A-Za-z0-9_]*$/,
      gcp: /^[a-z0-9]+(-[a-z0-9]+)+$/,
    };
    for (const s of all) {
      assert.match(s.name, patterns[s.provider], s.name);
      assert.ok(instanceFamily(s.provider, s.name), s.name);
      assert.ok(['current', 'previous', 'retired'].includes(s.generation ?? ''), s.name);
    }
  });

  it('matches documented specs of well-known types', () => {
    const expect: [InstanceTypeSpec['provider'], string, number, number, number, string | undefined, number | undefined][] = [
      ['aws', 'ml.m5.xlarge', 4, 16, 0, undefined, undefined],
      ['aws', 'ml.p3.2xlarge', 8, 61, 1, 'NVIDIA V100', 16],
      ['aws', 'ml.p3dn.24xlarge', 96, 768, 8, 'NVIDIA V100', 32],
      ['aws', 'ml.p4d.24xlarge', 96, 1152, 8, 'NVIDIA A100', 40],
      ['aws', 'ml.p4de.24xlarge', 96, 1152, 8, 'NVIDIA A100', 80],
      ['aws', 'ml.p5.48xlarge', 192, 2048, 8, 'NVIDIA H100', 80],
      ['aws', 'ml.g4dn.12xlarge', 48, 192, 4, 'NVIDIA T4', 16],
      ['aws', 'ml.g6e.48xlarge', 192, 1536, 8, 'NVIDIA L40S', 48],
      ['aws', 'ml.inf2.48xlarge', 192, 768, 12, 'Inferentia2', 32],
      ['aws', 'ml.trn1.32xlarge', 128, 512, 16, 'Trainium', 32],
      ['azure', 'Standard_NC6s_v3', 6, 112, 1, 'NVIDIA V100', 16],
      ['azure', 'Standard_NC4as_T4_v3', 4, 28, 1, 'NVIDIA T4', 16],
      ['azure', 'Standard_ND96asr_v4', 96, 900, 8, 'NVIDIA A100', 40],
      ['azure', 'Standard_ND96amsr_A100_v4', 96, 1900, 8, 'NVIDIA A100', 80],
      ['azure', 'Standard_DS3_v2', 4, 14, 0, undefined, undefined],
      ['gcp', 'a2-highgpu-1g', 12, 85, 1, 'NVIDIA A100', 40],
      ['gcp', 'a2-ultragpu-8g', 96, 1360, 8, 'NVIDIA A100', 80],
      ['gcp', 'a3-highgpu-8g', 208, 1872, 8, 'NVIDIA H100', 80],
      ['gcp', 'g2-standard-4', 4, 16, 1, 'NVIDIA L4', 24],
      ['gcp', 'n1-highmem-8', 8, 52, 0, undefined, undefined],
    ];
    for (const [provider, name, vcpu, mem, gpus, model, gpuMem] of expect) {
      const s = findInstanceType(provider, name);
      assert.ok(s, name);
      assert.deepEqual([s.vcpu, s.memoryGiB, s.gpus, s.gpuModel, s.gpuMemoryGiB], [vcpu, mem, gpus, model, gpuMem], name);
    }
  });

  it('covers every family and size the product promises', () => {
    const aws: Record<string, string[]> = {
      t2: ['medium', 'large', 'xlarge', '2xlarge'],
      t3: ['medium', 'large', 'xlarge', '2xlarge'],
      m4: ['xlarge', '2xlarge', '4xlarge', '10xlarge', '16xlarge'],
      m5: ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'],
      m5d: ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'],
      m6i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '32xlarge'],
      m7i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
      c4: ['xlarge', '2xlarge', '4xlarge', '8xlarge'],
      c5: ['large', 'xlarge', '2xlarge', '4xlarge', '9xlarge', '18xlarge'],
      c5d: ['large', 'xlarge', '2xlarge', '4xlarge', '9xlarge', '18xlarge'],
      c6i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '32xlarge'],
      c7i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
      r5: ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'],
      r5d: ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'],
      r6i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '32xlarge'],
      r7i: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
      g4dn: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
      g5: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
      g6: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
      g6e: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
      p2: ['xlarge', '8xlarge', '16xlarge'],
      p3: ['2xlarge', '8xlarge', '16xlarge'],
      p3dn: ['24xlarge'],
      p4d: ['24xlarge'],
      p4de: ['24xlarge'],
      p5: ['48xlarge'],
      p5e: ['48xlarge'],
      inf1: ['xlarge', '2xlarge', '6xlarge', '24xlarge'],
      inf2: ['xlarge', '8xlarge', '24xlarge', '48xlarge'],
      trn1: ['2xlarge', '32xlarge'],
      trn1n: ['32xlarge'],
    };
    const missing = Object.entries(aws)
      .flatMap(([family, sizes]) => sizes.map((size) => `ml.${family}.${size}`))
      .filter((name) => !findInstanceType('aws', name));
    const azure = ['DS1_v2', 'DS5_v2', 'D2as_v4', 'D96as_v4', 'D2s_v3', 'E64s_v3', 'F72s_v2', 'NC6s_v3', 'NC12s_v3', 'NC24s_v3', 'NC4as_T4_v3', 'NC8as_T4_v3', 'NC16as_T4_v3', 'NC64as_T4_v3', 'NC24ads_A100_v4', 'NC48ads_A100_v4', 'NC96ads_A100_v4', 'ND40rs_v2', 'ND96asr_v4', 'ND96amsr_A100_v4', 'NC6', 'NC12', 'NC24', 'NV6', 'NV12s_v3'];
    missing.push(...azure.map((n) => `Standard_${n}`).filter((n) => !findInstanceType('azure', n)));
    const gcp = [2, 4, 8, 16, 32, 64, 96].flatMap((v) => ['standard', 'highmem', 'highcpu'].map((t) => `n1-${t}-${v}`));
    gcp.push('n2-standard-2', 'n2-standard-128', 'e2-standard-2', 'e2-standard-32', 'c2-standard-60', 'a2-ultragpu-1g', 'a3-highgpu-8g');
    gcp.push(...['1g', '2g', '4g', '8g'].map((g) => `a2-highgpu-${g}`), ...[4, 8, 12, 16, 24, 32, 48, 96].map((v) => `g2-standard-${v}`));
    gcp.push('ct5lp-hightpu-1t', 'ct5lp-hightpu-4t', 'ct5lp-hightpu-8t', 'ct4p-hightpu-4t');
    missing.push(...gcp.filter((n) => !findInstanceType('gcp', n)));
    assert.deepEqual(missing, []);
    assert.equal(findInstanceType('azure', 'Standard_NC6')?.generation, 'retired');
    assert.equal(findInstanceType('aws', 'ml.p2.16xlarge')?.generation, 'retired');
  });

  it('keeps the GCP accelerator table consistent with the machine types it attaches to', () => {
    const series = new Set(allInstanceTypes('gcp').map((s) => (s.name === 'cloud-tpu' ? s.name : s.name.split('-')[0])));
    const names = new Set<string>();
    for (const a of gcpAccelerators) {
      assert.ok(!names.has(a.name), `duplicate ${a.name}`);
      names.add(a.name);
      assert.ok(a.memoryGiB > 0, a.name);
      assert.ok(a.machineSeries.length > 0 && a.machineSeries.every((m) => series.has(m)), a.name);
      if (a.pricePerHourUsd !== undefined) assert.ok(a.pricePerHourUsd > 0, a.name);
      if (a.generation === 'retired') assert.equal(a.pricePerHourUsd, undefined, a.name);
    }
    for (const wanted of ['NVIDIA_TESLA_T4', 'NVIDIA_TESLA_V100', 'NVIDIA_TESLA_P100', 'NVIDIA_TESLA_K80', 'NVIDIA_TESLA_A100', 'NVIDIA_A100_80GB', 'NVIDIA_L4', 'NVIDIA_H100_80GB']) {
      assert.ok(names.has(wanted), wanted);
    }
  });
});
