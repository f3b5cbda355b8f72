// Accelerator models the data files name, defined once so the same chip has the same model string and
// memory in every cloud's table (rightsizing matches on both). Memory is per device, as the vendor sells it.
import type { Device } from './rows';

// One K80 board holds two GPUs of 12 GiB; AWS and Azure count GPUs, so a p2.16xlarge has 16.
export const K80: Device = { model: 'NVIDIA K80', memoryGiB: 12, kind: 'gpu' };
export const M60: Device = { model: 'NVIDIA M60', memoryGiB: 8, kind: 'gpu' };
export const P40: Device = { model: 'NVIDIA P40', memoryGiB: 24, kind: 'gpu' };
export const P100: Device = { model: 'NVIDIA P100', memoryGiB: 16, kind: 'gpu' };
export const V100: Device = { model: 'NVIDIA V100', memoryGiB: 16, kind: 'gpu' };
export const V100_32: Device = { model: 'NVIDIA V100', memoryGiB: 32, kind: 'gpu' };
export const T4: Device = { model: 'NVIDIA T4', memoryGiB: 16, kind: 'gpu' };
export const A10: Device = { model: 'NVIDIA A10', memoryGiB: 24, kind: 'gpu' };
// The A10G is AWS's variant of the A10, with the same 24 GiB.
export const A10G: Device = { model: 'NVIDIA A10G', memoryGiB: 24, kind: 'gpu' };
export const L4: Device = { model: 'NVIDIA L4', memoryGiB: 24, kind: 'gpu' };
export const L40S: Device = { model: 'NVIDIA L40S', memoryGiB: 48, kind: 'gpu' };
export const A100_40: Device = { model: 'NVIDIA A100', memoryGiB: 40, kind: 'gpu' };
export const A100_80: Device = { model: 'NVIDIA A100', memoryGiB: 80, kind: 'gpu' };
export const H100: Device = { model: 'NVIDIA H100', memoryGiB: 80, kind: 'gpu' };
export const H100_NVL: Device = { model: 'NVIDIA H100 NVL', memoryGiB: 94, kind: 'gpu' };
export const H200: Device = { model: 'NVIDIA H200', memoryGiB: 141, kind: 'gpu' };
export const INF1: Device = { model: 'Inferentia', memoryGiB: 8, kind: 'inferentia' };
export const INF2: Device = { model: 'Inferentia2', memoryGiB: 32, kind: 'inferentia' };
export const TRN1: Device = { model: 'Trainium', memoryGiB: 32, kind: 'trainium' };
export const TPU_V4: Device = { model: 'TPU v4', memoryGiB: 32, kind: 'tpu' };
export const TPU_V5E: Device = { model: 'TPU v5e', memoryGiB: 16, kind: 'tpu' };
export const TPU_V5P: Device = { model: 'TPU v5p', memoryGiB: 95, kind: 'tpu' };
