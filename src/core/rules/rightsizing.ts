// Over-provisioned endpoints: CPU and GPU low for days, and a cheaper type of the same family that
// still fits the observed peak with headroom. Staying in the family keeps the processor and the
// accelerator the model was validated on; a cross-family move is a decision this rule leaves to people.
// Machines with attached accelerators (Vertex AI: n1-standard-8 + 2 x NVIDIA_TESLA_T4) may also shed
// accelerators of the same model, down to what the peak needs.
import { smallestFittingAttached } from '../catalog/attached';
import { monthlyCostUsd, type Catalog, type FitNeed, type InstanceTypeSpec } from '../catalog/catalog';
import { days, gib, num, pct, usd } from './format';
import { endpointFinding, instanceCount, isProvisioned } from './endpoint';
import { cleanEndpoint } from './sanitize';
import { coveredMs, DAY_MS, max, percentile, since } from './stats';
import type { Thresholds } from './thresholds';
import type { EndpointObservation, Finding, RuleDoc } from './types';

export const overProvisionedRule: RuleDoc = {
  id: 'utilization/over-provisioned',
  family: 'utilization',
  name: 'OverProvisioned',
  summary: 'CPU and GPU p95 low for days: a smaller instance type fits, with the monthly saving.',
  description:
    'CPU p95 (and GPU p95 on accelerated types) under `overProvisionedPercent` for `overProvisionedDays`. The recommendation is the cheapest current catalog type of the same family whose vCPUs, memory, GPUs and GPU memory hold the observed peak with `rightsizingHeadroomPercent` to spare; the saving uses the catalog\'s indicative prices.',
  defaultSeverity: 'warning',
  thresholds: ['overProvisionedPercent', 'overProvisionedDays', 'rightsizingHeadroomPercent'],
};

export interface Rightsizing {
  to: InstanceTypeSpec;
  need: FitNeed;
  monthlySavingUsd: number;
  /** Attached accelerators per instance, before and after (machines whose type carries none). */
  accelerator?: { type: string; from: number; to: number };
}

/** What the variant needs at its observed peak, scaled so the peak sits at (100 - headroom) %. */
export function peakNeed(obs: EndpointObservation, spec: InstanceTypeSpec, from: number, headroomPercent: number): FitNeed | undefined {
  const factor = 1 / (1 - Math.min(90, Math.max(0, headroomPercent)) / 100);
  const peak = (s: EndpointObservation['cpu']) => max(since(s, from)?.values ?? []);
  const cpuPeak = peak(obs.cpu);
  if (cpuPeak === undefined) return undefined;
  // Without a memory series keep today's memory: shrinking what was never measured is a guess.
  const memPeak = peak(obs.memory);
  const need: FitNeed = {
    sameFamilyAs: spec.name,
    vcpu: (cpuPeak / 100) * spec.vcpu * factor,
    memoryGiB: memPeak === undefined ? spec.memoryGiB : (memPeak / 100) * spec.memoryGiB * factor,
  };
  if (spec.gpus > 0) {
    const gpuPeak = peak(obs.gpu);
    const gpuMemPeak = peak(obs.gpuMemory);
    if (gpuPeak === undefined) return undefined;
    need.gpus = Math.max(1, Math.ceil((gpuPeak / 100) * spec.gpus * factor - 1e-9));
    // Total accelerator memory in use, spread over the GPUs the new type needs.
    const totalGpuMem = gpuMemPeak === undefined ? spec.gpus * (spec.gpuMemoryGiB ?? 0) : (gpuMemPeak / 100) * spec.gpus * (spec.gpuMemoryGiB ?? 0) * factor;
    need.gpuMemoryGiB = totalGpuMem / need.gpus;
  }
  return need;
}

export function rightsize(obs: EndpointObservation, t: Thresholds, catalog: Catalog, from: number): Rightsizing | undefined {
  const spec = obs.spec;
  if (!spec || spec.local) return undefined;
  const need = peakNeed(obs, spec, from, t.rightsizingHeadroomPercent);
  if (!need) return undefined;
  const attached = attachedAccelerator(obs, catalog);
  const pick = attached ? smallestFittingAttached(catalog, attached.machine, attached.accelerator, need) : undefined;
  const to = attached ? pick?.combined : catalog.smallestFitting(spec.provider, need);
  if (!to || (to.name === spec.name && (!pick || pick.count === attached?.accelerator.count))) return undefined;
  const count = instanceCount(obs);
  const now = monthlyCostUsd(spec, count);
  const then = monthlyCostUsd(to, count);
  if (now === undefined || then === undefined || then >= now) return undefined;
  return {
    to,
    need,
    monthlySavingUsd: now - then,
    ...(attached && pick ? { accelerator: { type: attached.accelerator.type, from: attached.accelerator.count, to: pick.count } } : {}),
  };
}

/** The variant's machine without accelerators, when they are attached rather than built in. */
function attachedAccelerator(obs: EndpointObservation, catalog: Catalog): { machine: InstanceTypeSpec; accelerator: { type: string; count: number } } | undefined {
  const accelerator = obs.variant.accelerator;
  if (!accelerator || !obs.variant.instanceType || !(accelerator.count > 0)) return undefined;
  const machine = catalog.findInstanceType(obs.resource.ref.provider, obs.variant.instanceType);
  return machine && machine.gpus === 0 ? { machine, accelerator } : undefined;
}

/** `n1-standard-4 + 1 × NVIDIA_TESLA_T4`, or the type's name when nothing is attached. */
function typeLabel(name: string, accelerator: { type: string } | undefined, count: number | undefined): string {
  return accelerator && count ? `${name} + ${count} × ${accelerator.type}` : name;
}

export function evaluateRightsizing(raw: EndpointObservation, t: Thresholds, catalog: Catalog): Finding[] {
  const obs = cleanEndpoint(raw);
  const spec = obs.spec;
  if (!isProvisioned(obs) || !spec) return [];
  const end = obs.window.end;
  const periodMs = t.overProvisionedDays * DAY_MS;
  const from = end - periodMs;
  if (obs.resource.createdAt !== undefined && obs.resource.createdAt > from) return [];
  const cpu = since(obs.cpu, from);
  // Low for the whole period, not low since yesterday: the data must cover (nearly) all of it.
  if (!cpu || coveredMs(cpu, from, end) < 0.9 * periodMs) return [];
  const cpuP95 = percentile(cpu.values, 95);
  const gpuP95 = spec.gpus > 0 ? percentile(since(obs.gpu, from)?.values ?? [], 95) : undefined;
  if (cpuP95 === undefined || cpuP95 >= t.overProvisionedPercent) return [];
  if (spec.gpus > 0 && (gpuP95 === undefined || gpuP95 >= t.overProvisionedPercent)) return [];
  const pick = rightsize(obs, t, catalog, from);
  if (!pick) return [];
  const count = instanceCount(obs);
  const need = pick.need;
  const peak = [`${num(need.vcpu ?? 0)} vCPU`, `${gib(need.memoryGiB ?? 0)} memory`];
  if (spec.gpus > 0) peak.push(`${need.gpus} GPU`, `${gib(need.gpuMemoryGiB ?? 0)} GPU memory each`);
  const usage = spec.gpus > 0 ? `p95 CPU ${pct(cpuP95)}, GPU ${pct(gpuP95 ?? 0)}` : `p95 CPU ${pct(cpuP95)}`;
  const acc = pick.accelerator;
  const fromLabel = typeLabel(spec.name, acc, acc?.from);
  const toLabel = typeLabel(pick.to.name, acc, acc?.to);
  const message =
    `${usage} over ${days(t.overProvisionedDays)} on ${count > 1 ? `${count} × ` : ''}${acc ? `(${fromLabel})` : fromLabel}: ${toLabel} fits the observed peak ` +
    `(needs ${peak.join(', ')} with ${pct(t.rightsizingHeadroomPercent)} headroom); about ${usd(pick.monthlySavingUsd)}/month less.`;
  // What to write in a deployment: the machine type, and the accelerator count when it changes.
  const change = !acc
    ? `Change the instance type to ${pick.to.name}`
    : [
        pick.to.name !== spec.name ? `Change the machine type to ${pick.to.name}` : '',
        acc.to !== acc.from ? `${pick.to.name !== spec.name ? 'and' : 'Change'} the accelerator count to ${acc.to} (accelerator_count=${acc.to}, gcloud --accelerator=type=${acc.type},count=${acc.to}, CustomJob acceleratorCount: ${acc.to})` : `(keep ${acc.to} × ${acc.type})`,
      ].filter(Boolean).join(' ');
  return [
    endpointFinding(overProvisionedRule, obs, 'warning', `Over-provisioned: ${toLabel} fits`, message, {
      cpuP95Percent: cpuP95,
      ...(gpuP95 !== undefined ? { gpuP95Percent: gpuP95 } : {}),
      days: t.overProvisionedDays,
      fromInstanceType: spec.name,
      toInstanceType: pick.to.name,
      ...(acc ? { acceleratorType: acc.type, fromAcceleratorCount: acc.from, toAcceleratorCount: acc.to } : {}),
      instanceCount: count,
      monthlySavingUsd: pick.monthlySavingUsd,
    }, {
      summary: `${change}: about ${usd(pick.monthlySavingUsd)}/month less (catalog estimate).`,
      ...(pick.to.name !== spec.name ? { instanceType: pick.to.name } : {}),
      ...(acc ? { acceleratorCount: acc.to } : {}),
      monthlySavingUsd: pick.monthlySavingUsd,
    }),
  ];
}
