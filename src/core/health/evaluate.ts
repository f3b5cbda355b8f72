// Runs every rule family over a plan whose metrics have arrived. Rules never throw by contract,
// but a bug in one must not hide the findings of the others: each family runs guarded.
import type { Catalog } from '../catalog/catalog';
import { evaluateAvailability } from '../rules/availability';
import { evaluateDatasets } from '../rules/datasets';
import { evaluateRed, idleRule } from '../rules/red';
import { evaluateRightsizing } from '../rules/rightsizing';
import { cleanEndpoint } from '../rules/sanitize';
import type { Thresholds } from '../rules/thresholds';
import { evaluateTraining } from '../rules/training';
import type { Finding } from '../rules/types';
import { evaluateUtilization } from '../rules/utilization';
import type { HealthPlan } from './plan';

export interface EvaluateContext {
  thresholds: Thresholds;
  catalog: Catalog;
  production: RegExp;
  /** Rule failures are reported here and the check goes on. */
  onRuleError?: (what: string, err: unknown) => void;
}

function guarded(what: string, ctx: EvaluateContext, run: () => Finding[]): Finding[] {
  try {
    return run();
  } catch (err) {
    ctx.onRuleError?.(what, err);
    return [];
  }
}

export function evaluatePlan(plan: HealthPlan, ctx: EvaluateContext): Finding[] {
  const t = ctx.thresholds;
  const out: Finding[] = [];
  for (const { resource, variants: raw } of plan.endpoints) {
    const variants = raw.map(cleanEndpoint);
    for (const obs of variants) {
      const red = guarded(`RED rules on ${resource.ref.name}`, ctx, () => evaluateRed(obs, t));
      out.push(...red);
      out.push(...guarded(`utilization rules on ${resource.ref.name}`, ctx, () => evaluateUtilization(obs, t, ctx.catalog)));
      // An idle endpoint's answer is to delete it, not to shrink it.
      if (!red.some((f) => f.ruleId === idleRule.id)) {
        out.push(...guarded(`rightsizing on ${resource.ref.name}`, ctx, () => evaluateRightsizing(obs, t, ctx.catalog)));
      }
    }
    out.push(...guarded(`availability rules on ${resource.ref.name}`, ctx, () => evaluateAvailability(resource, variants, ctx.production, plan.window.end)));
  }
  for (const obs of plan.trainings) {
    out.push(...guarded(`training rules on ${obs.resource.ref.name}`, ctx, () => evaluateTraining(obs, t, ctx.catalog)));
  }
  for (const obs of plan.datasets) {
    out.push(...guarded(`dataset rules on ${obs.store}`, ctx, () => evaluateDatasets(obs, t)));
  }
  return out;
}
