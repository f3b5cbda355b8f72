// Rules that need live metrics. Whether a workload uses its GPUs cannot be read from a config file
// (the model and container decide), so this rule takes what the monitoring layer observed for the
// linked resource and stays silent without it.
import type { InstanceTypeSpec } from '../catalog/catalog';
import { monthlyCostUsd } from '../catalog/catalog';
import type { ConfigFinding } from './ruleIds';
import type { CatalogLookups } from './rules';
import { builtinLookups, describeSpec, fixAt, platformNames } from './rules';
import type { ConfigDeclaration } from './types';

/** What the live metrics of the linked resource showed over a window. */
export interface GpuFacts {
  /** The platform reported any GPU utilization datapoints for the resource. */
  gpuMetricsSeen: boolean;
  /** Highest GPU utilization seen, percent (0-100). */
  maxGpuUtilizationPercent?: number;
  /** Length of the observed window, for the message. */
  windowHours: number;
}

/** Below this the GPU is idle for practical purposes (monitoring agents alone register a little). */
const IDLE_PERCENT = 1;

export function checkGpuWithoutGpuMetrics(decl: ConfigDeclaration, facts?: GpuFacts, catalog: CatalogLookups = builtinLookups): ConfigFinding | undefined {
  if (!facts || decl.mode !== 'managed' || decl.instanceType.value === undefined) return undefined;
  if (decl.directive?.ignore.includes('config.gpuWithoutGpuMetrics')) return undefined;
  const spec = catalog.findInstanceType(decl.provider, decl.instanceType.value);
  const attached = decl.acceleratorCount?.value ?? (decl.acceleratorType?.value !== undefined ? 1 : 0);
  // GCP N1 machines carry no GPUs of their own; the attached accelerators count.
  const gpus = (spec?.gpus ?? 0) > 0 ? spec!.gpus : attached;
  if (!spec || gpus <= 0) return undefined;
  const idle = !facts.gpuMetricsSeen || (facts.maxGpuUtilizationPercent ?? 0) < IDLE_PERCENT;
  if (!idle) return undefined;
  const what = facts.gpuMetricsSeen
    ? `GPU utilization stayed under ${IDLE_PERCENT}% (max ${(facts.maxGpuUtilizationPercent ?? 0).toFixed(1)}%)`
    : 'no GPU utilization was reported';
  const model = spec.gpuModel ?? decl.acceleratorType?.value ?? 'GPU';
  const cpu = cpuAlternative(spec, catalog);
  const count = decl.instanceCount?.value ?? decl.minInstances?.value ?? 1;
  const saving = cpu ? savingPerMonth(spec, cpu, count) : undefined;
  const alternative = cpu ? ` A CPU type such as ${cpu.name} (${describeSpec(cpu)})${saving ? ` would cost about $${saving.toFixed(0)}/month less` : ' may do'}.` : '';
  const message =
    `${decl.instanceType.value} has ${gpus} × ${model}, but ${what} for ${decl.label} in the last ${facts.windowHours} h on ${platformNames[decl.provider]}.` +
    `${alternative} Check the model actually runs on the GPU before switching.`;
  return {
    ruleId: 'config.gpuWithoutGpuMetrics',
    severity: 'warning',
    title: `No GPU use on ${decl.instanceType.value}`,
    message,
    figures: {
      instanceType: decl.instanceType.value,
      gpus,
      windowHours: facts.windowHours,
      ...(facts.maxGpuUtilizationPercent !== undefined ? { maxGpuUtilizationPercent: facts.maxGpuUtilizationPercent } : {}),
      ...(cpu ? { suggestedInstanceType: cpu.name } : {}),
      ...(saving ? { monthlySavingUsd: Math.round(saving) } : {}),
    },
    range: decl.instanceType.range,
    declarationId: decl.id,
    fixes: cpu && decl.instanceType.source !== 'missing' ? [fixAt(decl.instanceType, cpu.name, `Change to ${cpu.name}`, false)] : [],
  };
}

/** The cheapest current CPU type with at least the GPU type's vCPUs and memory. */
function cpuAlternative(spec: InstanceTypeSpec, catalog: CatalogLookups): InstanceTypeSpec | undefined {
  const fit = catalog.smallestFitting(spec.provider, { vcpu: spec.vcpu, memoryGiB: spec.memoryGiB });
  return fit && fit.gpus === 0 ? fit : undefined;
}

function savingPerMonth(from: InstanceTypeSpec, to: InstanceTypeSpec, count: number): number | undefined {
  const a = monthlyCostUsd(from, count);
  const b = monthlyCostUsd(to, count);
  return a !== undefined && b !== undefined && a > b ? a - b : undefined;
}
