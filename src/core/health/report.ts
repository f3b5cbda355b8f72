// The result of one health check: findings in report order, what was looked at, what could not be.
import type { ProviderErrorKind } from '../../providers/provider';
import { resourceKey, type ScopeRef, type TimeRange } from '../model';
import { severityRank, worstSeverity } from '../rules/registry';
import type { Thresholds } from '../rules/thresholds';
import type { Finding, Severity } from '../rules/types';

export interface ScopeResult {
  scope: ScopeRef;
  endpoints: number;
  trainingJobs: number;
  datasets: number;
  /** Metric queries sent for this scope (one queryMetrics call). */
  queries: number;
  /** Why the scope could not be checked; its findings are then missing, not absent. */
  error?: { kind: ProviderErrorKind | 'unknown'; message: string; action?: string };
}

export interface HealthReport {
  startedAt: number;
  finishedAt: number;
  window: TimeRange;
  thresholds: Thresholds;
  scopes: ScopeResult[];
  findings: Finding[];
  notes: string[];
  /** API calls made, by operation, summed over providers. */
  calls: Record<string, number>;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank[b.severity] - severityRank[a.severity] ||
    resourceKey(a.resource).localeCompare(resourceKey(b.resource)) ||
    (a.variant ?? '').localeCompare(b.variant ?? '') ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function worstOf(findings: readonly Finding[]): Severity | undefined {
  return worstSeverity(findings.map((f) => f.severity));
}

/** Findings by resource key (`resourceKey`), related resources included, for badges. */
export function findingsByResource(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const ref of [f.resource, ...(f.related ?? [])]) {
      const key = resourceKey(ref);
      map.set(key, [...(map.get(key) ?? []), f]);
    }
  }
  return map;
}

export function failedScopes(report: HealthReport): ScopeResult[] {
  return report.scopes.filter((s) => s.error);
}

/** "3 errors, 5 warnings, 2 notes in 14 resources" */
export function summaryLine(report: HealthReport): string {
  const c = countBySeverity(report.findings);
  const checked = report.scopes.reduce((n, s) => n + s.endpoints + s.trainingJobs + s.datasets, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning'), plural(c.info, 'note')];
  const failed = failedScopes(report).length;
  return `${parts.join(', ')} in ${plural(checked, 'resource')}${failed ? `; ${plural(failed, 'scope')} could not be checked` : ''}`;
}
