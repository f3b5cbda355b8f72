// Availability rules on whole endpoints: production traffic on one instance, endpoints that failed.
// "No autoscaling" is not a rule here: SageMaker keeps scaling policies in Application Auto Scaling,
// which DescribeEndpoint does not show (see docs/rules.md#availability-no-autoscaling).
import type { Resource } from '../model';
import { monthlyCostUsd } from '../catalog/catalog';
import { num, round, roundFix, usd } from './format';
import { cleanEndpoint } from './sanitize';
import { DAY_MS, since, sum } from './stats';
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

export const availabilityRules: readonly RuleDoc[] = [singleInstanceRule, endpointFailedRule];

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
  return singleInstance(endpoint, variants, production, now);
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
