// Training job rules: failures with their reason, GPUs starved by the input pipeline, GPUs that
// idle for a whole job. Averages run over every host of the job and the whole time it ran.
import type { Catalog } from '../catalog/catalog';
import type { ProviderId } from '../model';
import { duration, num, pct, roundFigures, roundFix, usd } from './format';
import { cleanTraining } from './sanitize';
import { max, mean } from './stats';
import type { Thresholds } from './thresholds';
import type { Finding, RuleDoc, Series, TrainingObservation } from './types';

/** Less than this much data says nothing about a job's balance (it may still be downloading). */
const MIN_SPAN_MS = 10 * 60_000;
const OOM_REASON = /memory|\bOOM\b|out of memory/i;

export const trainingFailedRule: RuleDoc = {
  id: 'training/failed',
  family: 'training',
  name: 'TrainingJobFailed',
  summary: 'A training job failed in the check window; the finding quotes the reason.',
  description: 'Failed jobs that ended within `lookbackDays`. When the reason or the memory curve points at memory, the fix names the next type of the family with more memory.',
  defaultSeverity: 'error',
  thresholds: ['lookbackDays', 'memoryErrorPercent', 'rightsizingHeadroomPercent'],
};

export const inputBottleneckRule: RuleDoc = {
  id: 'training/input-bottleneck',
  family: 'training',
  name: 'InputPipelineBottleneck',
  summary: 'GPUs idle while the CPUs are saturated: the input pipeline cannot keep up.',
  description: 'Average GPU utilization under `trainingGpuLowPercent` while average CPU is above `trainingCpuBusyPercent`: data loading and augmentation on the CPU starve the accelerators. More CPU per GPU or faster loading helps; more GPUs do not.',
  defaultSeverity: 'warning',
  thresholds: ['trainingGpuLowPercent', 'trainingCpuBusyPercent'],
};

export const gpuUnderusedRule: RuleDoc = {
  id: 'training/gpu-underused',
  family: 'training',
  name: 'TrainingGpuUnderused',
  summary: 'GPU utilization low across a whole training job.',
  description: 'Average GPU utilization under `trainingGpuLowPercent` over the job with the CPUs not saturated: the job pays for accelerators it does not use (small batches, a CPU-bound model, too many GPUs).',
  defaultSeverity: 'warning',
  thresholds: ['trainingGpuLowPercent', 'trainingCpuBusyPercent'],
};

export const trainingRules: readonly RuleDoc[] = [trainingFailedRule, inputBottleneckRule, gpuUnderusedRule];

function allValues(series: readonly Series[]): number[] {
  return series.flatMap((s) => s.values);
}

function instancesLabel(obs: TrainingObservation): string {
  const v = obs.resource.variants?.[0];
  const count = (obs.resource.variants ?? []).reduce((n, x) => n + (x.instanceCount ?? 0), 0) || 1;
  return `${count > 1 ? `${count} × ` : ''}${v?.instanceType ?? 'unknown type'}`;
}

function finding(rule: RuleDoc, obs: TrainingObservation, severity: Finding['severity'], title: string, message: string, figures: Finding['figures'], fix: Finding['fix']): Finding {
  return { ruleId: rule.id, severity, resource: obs.resource.ref, title, message, figures: roundFigures(figures), fix: roundFix(fix) };
}

/** Where each cloud keeps a job's output. */
const JOB_LOGS: Record<ProviderId, string> = { aws: 'CloudWatch logs', gcp: 'Cloud Logging entries', azure: 'job logs in Azure ML studio' };

export function evaluateTraining(raw: TrainingObservation, t: Thresholds, catalog: Catalog): Finding[] {
  const obs = cleanTraining(raw);
  if (obs.resource.status === 'failed') return [failed(obs, t, catalog)];
  return balance(obs, t);
}

function failed(obs: TrainingObservation, t: Thresholds, catalog: Catalog): Finding {
  const reason = obs.resource.statusReason?.trim();
  const memPeak = max(allValues(obs.memory));
  const ranMs = obs.span.end - obs.span.start;
  const memoryBound = (reason !== undefined && OOM_REASON.test(reason)) || (memPeak ?? 0) >= t.memoryErrorPercent;
  const spec = obs.spec;
  const bigger =
    memoryBound && spec
      ? catalog.smallestFitting(spec.provider, {
          sameFamilyAs: spec.name,
          vcpu: spec.vcpu,
          gpus: spec.gpus,
          gpuMemoryGiB: spec.gpuMemoryGiB,
          memoryGiB: Math.max(spec.memoryGiB + 0.01, spec.memoryGiB / (1 - t.rightsizingHeadroomPercent / 100)),
        })
      : undefined;
  const count = (obs.resource.variants ?? []).reduce((n, v) => n + (v.instanceCount ?? 0), 0) || 1;
  const extra = bigger && spec && bigger.pricePerHourUsd !== undefined && spec.pricePerHourUsd !== undefined ? (bigger.pricePerHourUsd - spec.pricePerHourUsd) * count : undefined;
  const message =
    `Failed after ${duration(ranMs)} on ${instancesLabel(obs)}${memPeak !== undefined ? ` with memory peaking at ${pct(memPeak)}` : ''}: ` +
    (reason ?? 'no reason given.');
  const fix = bigger
    ? {
        summary: `Run it on ${bigger.name} (${num(bigger.memoryGiB)} GiB memory${extra !== undefined ? `, about ${usd(extra)}/hour more` : ''}), or lower the batch size or sequence length.`,
        instanceType: bigger.name,
        hourlyExtraCostUsd: extra,
      }
    : { summary: `Fix what the reason names, then start the job again (check its ${JOB_LOGS[obs.resource.ref.provider]} for the last lines before the failure).` };
  return finding(trainingFailedRule, obs, 'error', 'Training job failed', message, {
    ...(reason ? { reason } : {}),
    ranMinutes: ranMs / 60_000,
    ...(memPeak !== undefined ? { memoryPeakPercent: memPeak } : {}),
  }, fix);
}

function balance(obs: TrainingObservation, t: Thresholds): Finding[] {
  if (!obs.spec || obs.spec.gpus === 0 || obs.span.end - obs.span.start < MIN_SPAN_MS) return [];
  const gpu = mean(allValues(obs.gpu));
  const cpu = mean(allValues(obs.cpu));
  if (gpu === undefined || cpu === undefined || gpu >= t.trainingGpuLowPercent) return [];
  const spanMs = obs.span.end - obs.span.start;
  const where = `over ${duration(spanMs)} on ${instancesLabel(obs)}`;
  const figures = { gpuMeanPercent: gpu, cpuMeanPercent: cpu, hosts: obs.gpu.length, spanMinutes: spanMs / 60_000 };
  if (cpu > t.trainingCpuBusyPercent) {
    return [
      finding(inputBottleneckRule, obs, 'warning', `GPUs ${pct(gpu)} while CPUs ${pct(cpu)}`,
        `GPUs averaged ${pct(gpu)} while CPUs averaged ${pct(cpu)} ${where}: the input pipeline cannot feed the GPUs.`,
        figures,
        { summary: 'Give the data loader more workers and prefetching, decode and augment ahead of time or on the GPU, use FastFile or Pipe input mode, or pick a type with more vCPUs per GPU.' }),
    ];
  }
  const gpus = obs.spec.gpus;
  const fewer = Math.max(1, Math.ceil((gpus * gpu) / (100 - t.rightsizingHeadroomPercent)));
  return [
    finding(gpuUnderusedRule, obs, 'warning', `GPUs ${pct(gpu)} across the job`,
      `GPUs averaged ${pct(gpu)} ${where} (CPUs ${pct(cpu)}): the job pays for accelerators it does not use.`,
      figures,
      { summary: gpus > fewer ? `Raise the batch size, or train on ${fewer} GPU${fewer > 1 ? 's' : ''} per instance instead of ${gpus}.` : 'Raise the batch size, or train on a smaller GPU type.' }),
  ];
}
