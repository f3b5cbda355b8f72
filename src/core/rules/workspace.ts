// Rules on a scope as a whole, from what it publishes about itself (Azure ML workspace metrics):
// compute quota near its limit, nodes that cannot run work, and failed runs that no per-job
// finding already reports.
import type { ScopeFigures, ScopeRef, SubjectRef } from '../model';
import { num, pct, round } from './format';
import type { Thresholds } from './thresholds';
import type { Finding, RuleDoc } from './types';

export const quotaNearLimitRule: RuleDoc = {
  id: 'availability/quota-near-limit',
  family: 'availability',
  name: 'ComputeQuotaNearLimit',
  summary: 'A workspace using most of its compute quota.',
  description:
    'The workspace\'s `Quota Utilization Percentage` over the last 15 minutes is at `quotaPercent` or more. New jobs queue and endpoints cannot scale out once the vCPU quota is used up.',
  defaultSeverity: 'warning',
  thresholds: ['quotaPercent'],
};

export const unusableNodesRule: RuleDoc = {
  id: 'availability/unusable-nodes',
  family: 'availability',
  name: 'UnusableComputeNodes',
  summary: 'Compute nodes of a workspace that cannot run work.',
  description: 'The workspace\'s `Unusable Nodes` over the last 15 minutes is above zero: nodes that failed to start or became unhealthy still hold quota and run nothing.',
  defaultSeverity: 'warning',
  thresholds: [],
};

export const failedRunsRule: RuleDoc = {
  id: 'training/failed-runs',
  family: 'training',
  name: 'FailedRunsUnreported',
  summary: 'Runs failed in the check window beyond the failed jobs already reported.',
  description:
    'The workspace\'s `Failed Runs` over `lookbackDays`, less the `training/failed` findings of the same workspace: runs the job list does not show one by one (pipeline steps, sweep trials). Failed jobs already reported are not counted twice.',
  defaultSeverity: 'warning',
  thresholds: ['lookbackDays'],
};

export const workspaceRules: readonly RuleDoc[] = [failedRunsRule, quotaNearLimitRule, unusableNodesRule];

/** `reported`: the findings already made for this scope (failed jobs are not counted twice). */
export function evaluateScope(scope: ScopeRef, figures: ScopeFigures, reported: readonly Finding[], t: Thresholds): Finding[] {
  const subject: SubjectRef = { provider: scope.provider, scopeId: scope.id, kind: 'workspace', name: figures.name };
  const out: Finding[] = [];
  const quota = figures.quotaPercent;
  if (quota !== undefined && Number.isFinite(quota) && quota >= t.quotaPercent) {
    out.push({
      ruleId: quotaNearLimitRule.id,
      severity: 'warning',
      resource: subject,
      title: `Compute quota ${pct(quota)} used`,
      message: `${pct(quota)} of the workspace's compute quota is in use (last 15 minutes; highest 15-minute mean ${pct(figures.quotaPeakPercent ?? quota)} over the window), at or above the ${pct(t.quotaPercent)} threshold: new jobs queue and endpoints cannot scale out.`,
      figures: { quotaPercent: round(quota), ...(figures.quotaPeakPercent !== undefined ? { quotaPeakPercent: round(figures.quotaPeakPercent) } : {}) },
      fix: { summary: 'Request a higher vCPU quota for the VM families in use, or lower max_instances of idle clusters and delete idle endpoints.' },
    });
  }
  const unusable = figures.unusableNodes;
  if (unusable !== undefined && Number.isFinite(unusable) && unusable >= 0.5) {
    const n = Math.round(unusable);
    out.push({
      ruleId: unusableNodesRule.id,
      severity: 'warning',
      resource: subject,
      title: `${n} unusable ${n === 1 ? 'node' : 'nodes'}`,
      message: `${num(n)} compute ${n === 1 ? 'node is' : 'nodes are'} unusable (last 15 minutes): ${n === 1 ? 'it holds quota and runs' : 'they hold quota and run'} nothing.`,
      figures: { unusableNodes: n },
      fix: { summary: 'Open the compute clusters in the studio, read the node errors, and delete the unusable nodes (or resize the cluster to 0 and back).' },
    });
  }
  const failed = figures.failedRuns;
  const perJob = reported.filter((f) => f.ruleId === 'training/failed' && f.resource.scopeId === scope.id).length;
  if (failed !== undefined && Number.isFinite(failed) && Math.round(failed) > perJob) {
    const extra = Math.round(failed) - perJob;
    const days = Math.round((figures.window.end - figures.window.start) / 86_400_000);
    out.push({
      ruleId: failedRunsRule.id,
      severity: 'warning',
      resource: subject,
      title: `${extra} more failed ${extra === 1 ? 'run' : 'runs'}`,
      message: `${num(Math.round(failed))} runs failed in the last ${days} days${figures.completedRuns !== undefined ? ` (${num(Math.round(figures.completedRuns))} completed)` : ''}; ${perJob ? `${num(perJob)} ${perJob === 1 ? 'is' : 'are'} reported per job, ` : ''}${num(extra)} ${extra === 1 ? 'is' : 'are'} not in the job list one by one (pipeline steps, sweep trials).`,
      figures: { failedRuns: Math.round(failed), reportedPerJob: perJob, ...(figures.completedRuns !== undefined ? { completedRuns: Math.round(figures.completedRuns) } : {}) },
      fix: { summary: 'Open the workspace\'s jobs in the studio, filter by Failed, and read the failing steps\' logs.' },
    });
  }
  return out;
}
