// vCPU and accelerator counts of an instance type, which CloudWatch needs because SageMaker sums
// CPU and GPU utilization over cores (0..N x 100).
import { findInstanceType } from '../core/catalog/catalog';

export interface InstanceShape {
  vcpu: number;
  gpus: number;
  /** Where the figures came from: the scenario, the catalog, or a guess from the type name. */
  source: 'scenario' | 'catalog' | 'guessed';
}

const sizeVcpu: Record<string, number> = { medium: 1, large: 2, xlarge: 4 };
/** Families whose instances carry GPUs or other accelerators. */
const acceleratedFamily = /^ml\.(p\d|g\d|inf\d|trn\d|dl\d)/;

/**
 * Scenario override, then the instance catalog, then a guess from the name (`8xlarge` = 32 vCPU,
 * one accelerator per 8 vCPU on accelerated families) so a scenario naming a type the catalog
 * does not know yet still serves plausible numbers instead of failing.
 */
export function instanceShape(instanceType: string, override: { vcpu?: number; gpus?: number } = {}): InstanceShape {
  const spec = findInstanceType('aws', instanceType);
  if (override.vcpu !== undefined || override.gpus !== undefined) {
    return {
      vcpu: override.vcpu ?? spec?.vcpu ?? guessVcpu(instanceType),
      gpus: override.gpus ?? spec?.gpus ?? guessGpus(instanceType),
      source: 'scenario',
    };
  }
  if (spec) return { vcpu: spec.vcpu, gpus: spec.gpus, source: 'catalog' };
  return { vcpu: guessVcpu(instanceType), gpus: guessGpus(instanceType), source: 'guessed' };
}

function guessVcpu(instanceType: string): number {
  const size = instanceType.split('.').pop() ?? '';
  if (size in sizeVcpu) return sizeVcpu[size];
  const multiple = /^(\d+)xlarge$/.exec(size);
  return multiple ? Number(multiple[1]) * 4 : 2;
}

function guessGpus(instanceType: string): number {
  return acceleratedFamily.test(instanceType) ? Math.max(1, Math.floor(guessVcpu(instanceType) / 8)) : 0;
}
