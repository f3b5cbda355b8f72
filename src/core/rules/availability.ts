// Availability rules on whole endpoints: production traffic on one instance or on fixed capacity,
// endpoints that failed. Whether a variant autoscales comes from the adapters (`Variant.autoscaling`):
// SageMaker's Application Auto Scaling targets, Vertex AI's replica range, Azure's scale settings.
import type { ProviderId, Resource } from '../model';
import { monthlyCostUsd } from '../catalog/catalog';
import { days, num, round, roundFigures, roundFix, usd } from './format';
import { cleanEndpoint } from './sanitize';
import { bucketSpan, DAY_MS, since, sum } from './stats';
import type { EndpointObservation, Finding, RuleDoc } from './types';

/** Names that say "production": `fraud-prod`, `prod.ranker`, `pricing_production`. */
export const DEFAULT_PRODUCTION_PATTERN = '(^|[-_.])(prod|production|prd)([-_.]|$)';

export const singleInstanceRule: RuleDoc = {
  id: 'availability/single-instance',
  family: 'availability',
  name: 'SingleInstanceProduction',
  summary: 'A production endpoint serving traffic on one instance.',
  description:
    'An endpoint whose name matches `mlMonitor.productionNamePattern`, that served requests in the last day, and runs one instance in total. One instance failure, host patch or deployment takes it offline; SageMaker spreads instances over Availability Zones only when there are two or more.',
  defaultSeverity: 'warning',
  thresholds: [],
};

export const endpointFailedRule: RuleDoc = {
  id: 'availability/endpoint-failed',
  family: 'availability',
  name: 'EndpointFailed',
  summary: 'An endpoint in the Failed state, with the reason the cloud gives.',
  description: 'The endpoint could not be created or updated and serves nothing. The finding quotes the failure reason.',
  defaultSeverity: 'error',
  thresholds: [],
};

export const noAutoscalingRule: RuleDoc = {
  id: 'availability/no-autoscaling',
  family: 'availability',
  name: 'NoAutoscaling',
  summary: 'A production endpoint serving traffic on fixed capacity: no autoscaling to absorb a surge.',
  description:
    'An endpoint whose name matches `mlMonitor.productionNamePattern`, that served requests in the last day, on two or more instances whose count cannot follow traffic: no Application Auto Scaling policy (SageMaker), min == max replicas (Vertex AI), `Default` scale settings (Azure). A note: fixed capacity is a risk rather than a fault, and it can be deliberate. One instance is `availability/single-instance` instead.',
  defaultSeverity: 'info',
  thresholds: ['lookbackDays'],
};

export const availabilityRules: readonly RuleDoc[] = [singleInstanceRule, noAutoscalingRule, endpointFailedRule];

export function productionMatcher(pattern: string | undefined): RegExp {
  try {
    return new RegExp(pattern && pattern.trim() ? pattern : DEFAULT_PRODUCTION_PATTERN, 'i');
  } catch {
    return new RegExp(DEFAULT_PRODUCTION_PATTERN, 'i');
  }
}

/** `variants`: what the check saw for each variant of `endpoint` (empty for endpoints not serving). */
export function evaluateAvailability(endpoint: Resource, observed: readonly EndpointObservation[], production: RegExp, now: number): Finding[] {
  const variants = observed.map(cleanEndpoint);
  if (endpoint.ref.kind !== 'endpoint') return [];
  if (endpoint.status === 'failed') return [failed(endpoint)];
  if (endpoint.status !== 'inService' && endpoint.status !== 'updating') return [];
  const single = singleInstance(endpoint, variants, production, now);
  // One instance is the bigger risk, and its fix already asks for an autoscaling minimum of 2.
  return single.length ? single : noAutoscaling(endpoint, variants, production, now);
}

function failed(endpoint: Resource): Finding {
  const reason = endpoint.statusReason?.trim();
  return {
    ruleId: endpointFailedRule.id,
    severity: 'error',
    resource: endpoint.ref,
    title: `Endpoint ${endpoint.rawStatus}`,
    message: `The endpoint is ${endpoint.rawStatus}${reason ? `: ${reason}` : ' and the cloud gives no reason.'}`,
    figures: { status: endpoint.rawStatus, ...(reason ? { reason } : {}) },
    fix: { summary: 'Read the container logs of the endpoint, fix the model or container, then update the endpoint with a new config, or delete it.' },
  };
}

function singleInstance(endpoint: Resource, variants: readonly EndpointObservation[], production: RegExp, now: number): Finding[] {
  if (!production.test(endpoint.ref.name)) return [];
  const provisioned = variants.filter((v) => !v.variant.serverless && v.variant.instanceType);
  if (!provisioned.length || provisioned.length !== variants.length) return [];
  const instances = provisioned.reduce((n, v) => n + (v.variant.instanceCount ?? 1), 0);
  if (instances !== 1) return [];
  const lastDay = provisioned.map((v) => sum(since(v.invocations, now - DAY_MS)?.values ?? []));
  const requests = sum(lastDay);
  if (requests <= 0) return [];
  const only = provisioned[0];
  const cost = only.spec ? monthlyCostUsd(only.spec, 1) : undefined;
  const rps = requests / 86_400;
  return [
    {
      ruleId: singleInstanceRule.id,
      severity: 'warning',
      resource: endpoint.ref,
      title: 'Production on one instance',
      message:
        `Production endpoint on a single ${only.variant.instanceType} instance serving ${num(rps)} req/s (last 24 h): ` +
        'an instance failure, host patch or deployment takes it offline; SageMaker spreads instances over Availability Zones only when there are two or more.',
      figures: { instanceCount: 1, instanceType: only.variant.instanceType ?? '', requestsPerSecond: round(rps), ...(cost !== undefined ? { monthlyExtraCostUsd: round(cost) } : {}) },
      fix: roundFix({
        summary: `Run at least 2 instances${cost !== undefined ? ` (about ${usd(cost)}/month more)` : ''}, with an autoscaling policy whose minimum is 2.`,
        instanceCount: 2,
        monthlyExtraCostUsd: cost,
      }),
    },
  ];
}

/** Requests per second of each bucket summed over variants, the last (partial) bucket by the time it covers. */
function requestRates(variants: readonly EndpointObservation[], end: number): { rates: number[]; requests: number; spanMs: number } {
  const byStart = new Map<number, { requests: number; ms: number }>();
  for (const v of variants) {
    const s = v.invocations;
    if (!s) continue;
    s.timestamps.forEach((t, i) => {
      const ms = bucketSpan(s, i, end);
      if (ms <= 0) return;
      const b = byStart.get(t) ?? { requests: 0, ms };
      b.requests += s.values[i];
      b.ms = Math.min(b.ms, ms);
      byStart.set(t, b);
    });
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  const buckets = starts.map((t) => byStart.get(t)!);
  return {
    rates: buckets.map((b) => b.requests / (b.ms / 1000)),
    requests: sum(buckets.map((b) => b.requests)),
    spanMs: starts.length ? end - starts[0] : 0,
  };
}

function noAutoscaling(endpoint: Resource, variants: readonly EndpointObservation[], production: RegExp, now: number): Finding[] {
  if (!production.test(endpoint.ref.name)) return [];
  const provisioned = variants.filter((v) => !v.variant.serverless && v.variant.instanceType);
  if (!provisioned.length || provisioned.length !== variants.length) return [];
  // Unknown (a missing permission) is not fixed: the report's notes say why it was not checked.
  if (!provisioned.every((v) => v.variant.autoscaling?.mode === 'fixed')) return [];
  const instances = provisioned.reduce((n, v) => n + (v.variant.instanceCount ?? 1), 0);
  if (instances < 2) return [];
  if (sum(provisioned.map((v) => sum(since(v.invocations, now - DAY_MS)?.values ?? []))) <= 0) return [];
  const { rates, requests, spanMs } = requestRates(provisioned, now);
  // A day of data at least, so the busiest hour and the mean say something about the traffic's shape.
  if (spanMs < DAY_MS || requests < 1) return [];
  const mean = requests / (spanMs / 1000);
  const peak = Math.max(...rates);
  if (!(mean > 0) || !Number.isFinite(peak / mean)) return [];
  const perInstancePerMinute = (peak * 60) / instances;
  const target = Math.max(1, Math.floor(perInstancePerMinute));
  const maxCapacity = instances * 2;
  const types = [...new Set(provisioned.map((v) => v.variant.instanceType))];
  const label = provisioned.length === 1 ? `${instances} × ${types[0]}` : `${instances} instances (${provisioned.map((v) => `${v.variant.name}: ${v.variant.instanceCount ?? 1} × ${v.variant.instanceType}`).join(', ')})`;
  const window = days(spanMs / DAY_MS);
  const message =
    `Production endpoint on fixed capacity: ${label} with ${fixedWhy(endpoint.ref.provider)}, serving ${num(mean)} req/s on average and ` +
    `${num(peak)} req/s in the busiest hour of the last ${window} (${num(peak / mean)} × the mean): a surge beyond what the instances absorb queues requests until someone scales by hand.`;
  return [
    {
      ruleId: noAutoscalingRule.id,
      severity: 'info',
      resource: endpoint.ref,
      title: 'Production on fixed capacity',
      message,
      figures: roundFigures({
        instanceCount: instances,
        instanceType: types.join(', '),
        meanRequestsPerSecond: mean,
        peakRequestsPerSecond: peak,
        peakToMean: peak / mean,
        peakInvocationsPerInstancePerMinute: perInstancePerMinute,
        windowDays: spanMs / DAY_MS,
        recommendedMinCapacity: instances,
        recommendedMaxCapacity: maxCapacity,
        ...(endpoint.ref.provider === 'aws' ? { recommendedTargetValue: target } : {}),
      }),
      fix: { summary: autoscalingFix(endpoint.ref.provider, endpoint.ref.name, provisioned, { min: instances, max: maxCapacity, target }) },
    },
  ];
}

function fixedWhy(provider: ProviderId): string {
  if (provider === 'gcp') return 'as many maximum as minimum replicas';
  if (provider === 'azure') return 'Default (manual) scale settings';
  return 'no autoscaling policy';
}

function autoscalingFix(provider: ProviderId, name: string, variants: readonly EndpointObservation[], c: { min: number; max: number; target: number }): string {
  const many = variants.length > 1;
  if (provider === 'gcp') {
    return `Let Vertex AI scale the deployed model${many ? 's' : ''}: deploy with max_replica_count ${c.max} (gcloud --max-replica-count=${c.max}) above min_replica_count ${c.min}; it scales on CPU or accelerator duty cycle (60 % by default).`;
  }
  if (provider === 'azure') {
    return `Give the deployment${many ? 's' : ''} TargetUtilization scale settings: scale_settings type target_utilization, min_instances ${c.min}, max_instances ${c.max}, target_utilization_percentage 70.`;
  }
  const resource = many ? `endpoint/${name}/variant/<VariantName> for each variant` : `endpoint/${name}/variant/${variants[0].variant.name}`;
  return (
    `Register ${resource} as a scalable target (sagemaker:variant:DesiredInstanceCount, MinCapacity ${c.min}, MaxCapacity ${c.max}) ` +
    `and add a target-tracking policy on SageMakerVariantInvocationsPerInstance with TargetValue ${c.target} (the busiest hour's invocations per instance per minute), so it keeps today's instances at that load and adds more beyond it.`
  );
}
