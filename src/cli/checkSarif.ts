// SARIF 2.1.0 for `mlmon check --format sarif`: every rule with its metadata (so code scanning can
// show what a rule means without us), one result per finding, located at the cloud resource as a
// logical location, and the scopes that could not be checked as tool notifications.
import { resourceKey } from '../core/model';
import type { HealthReport } from '../core/health/report';
import { allRules, ruleHelpUri } from '../core/rules/registry';
import { thresholdTable } from '../core/rules/thresholds';
import type { Finding, RuleDoc, Severity } from '../core/rules/types';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/ml-platform-monitor/ml-platform-monitor';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function ruleDescriptor(rule: RuleDoc, thresholds: HealthReport['thresholds']) {
  const used = rule.thresholds.map((key) => {
    const info = thresholdTable.find((t) => t.key === key);
    return { key, value: thresholds[key as keyof typeof thresholds], default: info?.default };
  });
  const settings = used.map((u) => `mlMonitor.thresholds.${u.key} = ${u.value}${u.value !== u.default ? ` (default ${u.default})` : ''}`);
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description.replace(/`/g, '') },
    helpUri: ruleHelpUri(rule.id),
    help: {
      text: `${rule.description.replace(/`/g, '')}${settings.length ? ` Thresholds: ${settings.join('; ')}.` : ''}`,
      markdown: `${rule.description}${settings.length ? `\n\nThresholds: ${settings.map((s) => `\`${s}\``).join(', ')}.` : ''}\n\n[Documentation](${ruleHelpUri(rule.id)})`,
    },
    defaultConfiguration: { level: levels[rule.defaultSeverity] },
    properties: { tags: ['ml-platform', rule.family], family: rule.family, thresholds: Object.fromEntries(used.map((u) => [u.key, u.value])) },
  };
}

function result(f: Finding, ruleIndex: number) {
  const key = resourceKey(f.resource);
  const location = (ref: Finding['resource']) => ({
    logicalLocations: [
      {
        name: ref.name,
        fullyQualifiedName: resourceKey(ref),
        kind: ref.kind,
      },
    ],
  });
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: levels[f.severity],
    message: { text: f.fix ? `${f.message} Fix: ${f.fix.summary}` : f.message },
    locations: [location(f.resource)],
    ...(f.related?.length ? { relatedLocations: f.related.map((ref, i) => ({ id: i + 1, ...location(ref) })) } : {}),
    // Stable across runs while the same problem persists, so code scanning tracks it rather than reopening it.
    partialFingerprints: { 'mlmonResource/v1': `${f.ruleId}|${key}|${f.variant ?? ''}` },
    properties: {
      provider: f.resource.provider,
      scope: f.resource.scopeId,
      resourceKind: f.resource.kind,
      ...(f.variant ? { variant: f.variant } : {}),
      title: f.title,
      figures: f.figures,
      ...(f.fix ? { fix: f.fix } : {}),
    },
  };
}

/** A SARIF 2.1.0 log of one mlmon run: `check` ends the tool's full name, `run` holds the rest of the run. */
export function sarifLog(toolVersion: string, check: string, rules: readonly object[], run: Record<string, unknown>): object {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'mlmon', fullName: `ML Platform Monitor ${check}`, version: toolVersion, semanticVersion: toolVersion, informationUri: INFORMATION_URI, rules },
        },
        ...run,
      },
    ],
  };
}

export function toSarif(report: HealthReport, toolVersion: string): object {
  const index = new Map(allRules.map((r, i) => [r.id, i]));
  const failed = report.scopes.filter((s) => s.error);
  const rules = allRules.map((r) => ruleDescriptor(r, report.thresholds));
  return sarifLog(toolVersion, 'health check', rules, {
    invocations: [
      {
        executionSuccessful: failed.length === 0,
        startTimeUtc: new Date(report.startedAt).toISOString(),
        endTimeUtc: new Date(report.finishedAt).toISOString(),
        toolExecutionNotifications: [
          ...failed.map((s) => ({
            level: 'error',
            message: { text: `${s.scope.label}: ${s.error!.message}${s.error!.action ? ` ${s.error!.action}` : ''}` },
            properties: { scope: s.scope.id, kind: s.error!.kind },
          })),
          ...report.notes.map((n) => ({ level: 'note', message: { text: n } })),
        ],
      },
    ],
    results: report.findings.map((f) => result(f, index.get(f.ruleId) ?? -1)),
    properties: {
      window: { start: new Date(report.window.start).toISOString(), end: new Date(report.window.end).toISOString() },
      scopes: report.scopes.map((s) => ({ id: s.scope.id, endpoints: s.endpoints, trainingJobs: s.trainingJobs, datasets: s.datasets, checked: !s.error })),
    },
  });
}
