// Facts about an endpoint variant that several rule families state the same way.
import { monthlyCostUsd } from '../catalog/catalog';
import { roundFigures, roundFix } from './format';
import type { EndpointObservation, Finding, RuleDoc, Severity } from './types';

/** RED's "now": the newest buckets covering at least this long. */
export const RECENT_MS = 15 * 60_000;

export function instanceCount(obs: EndpointObservation): number {
  return obs.variant.instanceCount ?? 1;
}

/** `2 × ml.g5.12xlarge`, or `serverless` when there are no instances. */
export function instancesLabel(obs: EndpointObservation): string {
  if (obs.variant.serverless || !obs.variant.instanceType) return 'serverless';
  return `${instanceCount(obs)} × ${obs.variant.instanceType}`;
}

export function isProvisioned(obs: EndpointObservation): boolean {
  return !obs.variant.serverless && Boolean(obs.variant.instanceType);
}

/** Monthly cost of the variant's instances, when the catalog has a price. */
export function variantMonthlyCost(obs: EndpointObservation, count = instanceCount(obs)): number | undefined {
  return obs.spec ? monthlyCostUsd(obs.spec, count) : undefined;
}

/** Prefix naming the variant when the endpoint has several, so two findings read apart. */
export function variantPrefix(obs: EndpointObservation): string {
  return (obs.resource.variants?.length ?? 0) > 1 ? `Variant ${obs.variant.name}: ` : '';
}

export function endpointFinding(
  rule: RuleDoc,
  obs: EndpointObservation,
  severity: Severity,
  title: string,
  message: string,
  figures: Finding['figures'],
  fix?: Finding['fix'],
): Finding {
  return {
    ruleId: rule.id,
    severity,
    resource: obs.resource.ref,
    variant: (obs.resource.variants?.length ?? 0) > 1 ? obs.variant.name : undefined,
    title,
    message: `${variantPrefix(obs)}${message}`,
    figures: roundFigures(figures),
    fix: roundFix(fix),
  };
}
