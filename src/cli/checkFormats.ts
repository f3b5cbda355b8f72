// `mlmon check` output as plain text (for people reading a CI log) and JSON (for scripts).
import { countBySeverity, summaryLine, type HealthReport } from '../core/health/report';
import { ruleHelpUri } from '../core/rules/registry';
import type { Severity } from '../core/rules/types';
import { toSarif } from './checkSarif';

export type CheckFormat = 'text' | 'json' | 'sarif';

const labels: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'NOTE' };

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Strips control characters: names and messages come from the cloud and go to a terminal. */
function plain(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

export function toText(report: HealthReport): string {
  const lines = [`ML Monitor health check: metrics ${iso(report.window.start)} to ${iso(report.window.end)}`, ''];
  for (const f of report.findings) {
    const where = `${f.resource.name}${f.variant ? ` (${f.variant})` : ''}`;
    lines.push(`${labels[f.severity].padEnd(8)}${f.ruleId}  ${plain(where)}  [${f.resource.scopeId}]`);
    lines.push(`        ${plain(f.message)}`);
    if (f.fix) lines.push(`        Fix: ${plain(f.fix.summary)}`);
    lines.push(`        ${ruleHelpUri(f.ruleId)}`, '');
  }
  for (const s of report.scopes.filter((x) => x.error)) {
    lines.push(`NOT CHECKED  ${s.scope.label}: ${plain(s.error!.message)}${s.error!.action ? ` ${plain(s.error!.action)}` : ''}`);
  }
  for (const n of report.notes) lines.push(`note: ${plain(n)}`);
  if (!report.findings.length) lines.push('No findings: every checked resource is within its thresholds.');
  lines.push('', `${summaryLine(report)}.`);
  return `${lines.join('\n')}\n`;
}

export function toJson(report: HealthReport, toolVersion: string): string {
  const json = {
    tool: { name: 'mlmon', version: toolVersion },
    window: { start: iso(report.window.start), end: iso(report.window.end) },
    summary: countBySeverity(report.findings),
    scopes: report.scopes.map((s) => ({ id: s.scope.id, label: s.scope.label, endpoints: s.endpoints, trainingJobs: s.trainingJobs, datasets: s.datasets, ...(s.error ? { error: s.error } : {}) })),
    findings: report.findings.map((f) => ({ ...f, helpUri: ruleHelpUri(f.ruleId) })),
    notes: report.notes,
    thresholds: report.thresholds,
    calls: report.calls,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function formatReport(report: HealthReport, format: CheckFormat, toolVersion: string): string {
  if (format === 'json') return toJson(report, toolVersion);
  if (format === 'sarif') return `${JSON.stringify(toSarif(report, toolVersion), null, 2)}\n`;
  return toText(report);
}
