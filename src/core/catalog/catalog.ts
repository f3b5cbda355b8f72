// Instance catalog lookups. The data lives in one file per cloud beside this one.
import type { ProviderId } from '../model';

export interface InstanceTypeSpec {
  provider: ProviderId;
  /** Canonical name as the cloud spells it: `ml.g5.2xlarge`, `Standard_NC6s_v3`, `n1-standard-8`. */
  name: string;
  vcpu: number;
  memoryGiB: number;
  /** Accelerator count of one instance (GPUs, Inferentia/Trainium chips, TPU chips); 0 for CPU only. */
  gpus: number;
  gpuModel?: string;
  /** Accelerator memory per device. */
  gpuMemoryGiB?: number;
  accelerator?: 'gpu' | 'inferentia' | 'trainium' | 'tpu';
  generation?: 'current' | 'previous' | 'retired';
  /** Indicative on-demand USD per hour in the catalog's default region; an estimate. */
  pricePerHourUsd?: number;
}

// Minimal seed table; replaced by the full per-cloud data files.
const seed: InstanceTypeSpec[] = [
  { provider: 'aws', name: 'ml.m5.xlarge', vcpu: 4, memoryGiB: 16, gpus: 0 },
  { provider: 'aws', name: 'ml.g5.2xlarge', vcpu: 8, memoryGiB: 32, gpus: 1, gpuModel: 'NVIDIA A10G', gpuMemoryGiB: 24, accelerator: 'gpu' },
  { provider: 'aws', name: 'ml.g5.12xlarge', vcpu: 48, memoryGiB: 192, gpus: 4, gpuModel: 'NVIDIA A10G', gpuMemoryGiB: 24, accelerator: 'gpu' },
];

export function findInstanceType(provider: ProviderId, name: string): InstanceTypeSpec | undefined {
  return seed.find((s) => s.provider === provider && s.name === name);
}
