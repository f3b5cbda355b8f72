// A health report as Markdown ("Copy as Markdown" in the editor, a pull-request comment from CI).
// Resource names and provider messages are escaped: they are data, and must not become links.
import { ruleHelpUri } from '../rules/registry';
import type { Finding, Severity } from '../rules/types';
import { summaryLine, type HealthReport } from './report';

const headings: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };

/** Escapes what could start emphasis, code, a link, a table cell or HTML, so text shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d\d\.\d+Z$/, 'Z').replace('T', ' ');
}

function item(f: Finding): string {
  const where = `${escapeMarkdown(f.resource.name)}${f.variant ? ` (${escapeMarkdown(f.variant)})` : ''}`;
  const lines = [`- **${where}** · [\`${f.ruleId}\`](${ruleHelpUri(f.ruleId)}): ${escapeMarkdown(f.message)}`];
  if (f.fix) lines.push(`  - Fix: ${escapeMarkdown(f.fix.summary)}`);
  return lines.join('\n');
}

export function reportToMarkdown(report: HealthReport): string {
  const out = [
    '# ML Monitor health check',
    '',
    `${summaryLine(report)}. Metrics from ${iso(report.window.start)} to ${iso(report.window.end)} (UTC); prices are catalog estimates.`,
  ];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const list = report.findings.filter((f) => f.severity === severity);
    if (list.length) out.push('', `## ${headings[severity]} (${list.length})`, '', ...list.map(item));
  }
  const failed = report.scopes.filter((s) => s.error);
  if (failed.length) {
    out.push('', '## Not checked', '', ...failed.map((s) => `- ${escapeMarkdown(s.scope.label)}: ${escapeMarkdown(s.error!.message)}${s.error!.action ? ` ${escapeMarkdown(s.error!.action)}` : ''}`));
  }
  if (report.notes.length) out.push('', '## Notes', '', ...report.notes.map((n) => `- ${escapeMarkdown(n)}`));
  if (!report.findings.length && !failed.length) out.push('', 'No findings: every checked resource is within its thresholds.');
  return `${out.join('\n')}\n`;
}
