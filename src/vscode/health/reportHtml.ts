// The health report page: findings grouped by severity, each naming its resource as a link that
// opens the resource's metrics, the rule as a link to its documentation, and the fix. Everything the
// cloud supplies (names, reasons) is escaped; the page's one script is inline with this page's nonce
// under the shared panel CSP, and only posts the messages in reportMessages.ts.
import type * as vscode from 'vscode';
import { isResourceRef, resourceKey } from '../../core/model';
import { countBySeverity, summaryLine, type HealthReport } from '../../core/health/report';
import { ruleHelpUri } from '../../core/rules/registry';
import type { Finding, Severity } from '../../core/rules/types';
import { contentSecurityPolicy, nonce } from '../panels/webviewHtml';

const sections: Array<{ severity: Severity; title: string; icon: string }> = [
  { severity: 'error', title: 'Errors', icon: 'error' },
  { severity: 'warning', title: 'Warnings', icon: 'warning' },
  { severity: 'info', title: 'Notes', icon: 'info' },
];

const kindLabels = { endpoint: 'endpoint', trainingJob: 'training job', dataset: 'dataset', workspace: 'workspace' } as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ');
}

function findingHtml(f: Finding): string {
  const key = escapeHtml(resourceKey(f.resource));
  const where = `${escapeHtml(f.resource.name)}${f.variant ? ` <span class="muted">(${escapeHtml(f.variant)})</span>` : ''}`;
  const related = f.related?.length ? `<div class="muted">Also: ${f.related.map((r) => `<a href="#" data-open="${escapeHtml(resourceKey(r))}">${escapeHtml(r.name)}</a>`).join(', ')}</div>` : '';
  return `<li class="finding ${f.severity}">
  <div class="head"><span class="codicon codicon-${sections.find((s) => s.severity === f.severity)!.icon}" aria-hidden="true"></span>
  ${isResourceRef(f.resource) ? `<a href="#" data-open="${key}" title="Open the metrics of this ${kindLabels[f.resource.kind]}">${where}</a>` : `<strong>${where}</strong>`}
  <span class="muted">${kindLabels[f.resource.kind]} · ${escapeHtml(f.resource.scopeId)}</span>
  <a class="rule" href="${escapeHtml(ruleHelpUri(f.ruleId))}" title="What this rule checks">${escapeHtml(f.ruleId)}</a></div>
  <p>${escapeHtml(f.message)}</p>
  ${f.fix ? `<p class="fix"><strong>Fix:</strong> ${escapeHtml(f.fix.summary)}</p>` : ''}
  ${related}
</li>`;
}

function bodyHtml(report: HealthReport | undefined, running: boolean): string {
  if (!report) return `<p>${running ? 'The health check is running…' : 'No health check has run yet.'}</p>`;
  const counts = countBySeverity(report.findings);
  const parts = [
    `<p class="summary">${escapeHtml(summaryLine(report))}. Metrics from ${iso(report.window.start)} to ${iso(report.window.end)}; prices are catalog estimates.</p>`,
  ];
  for (const s of sections) {
    const list = report.findings.filter((f) => f.severity === s.severity);
    if (!list.length) continue;
    parts.push(`<h2 id="${s.severity}">${s.title} (${counts[s.severity]})</h2><ul>${list.map(findingHtml).join('\n')}</ul>`);
  }
  const failed = report.scopes.filter((x) => x.error);
  if (failed.length) {
    parts.push(`<h2>Not checked</h2><ul>${failed.map((x) => `<li>${escapeHtml(x.scope.label)}: ${escapeHtml(x.error!.message)} ${escapeHtml(x.error!.action ?? '')}</li>`).join('')}</ul>`);
  }
  if (report.notes.length) parts.push(`<h2>Notes on the check</h2><ul>${report.notes.map((n) => `<li class="muted">${escapeHtml(n)}</li>`).join('')}</ul>`);
  if (!report.findings.length && !failed.length) parts.push('<p>No findings: every checked resource is within its thresholds.</p>');
  return parts.join('\n');
}

const script = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const open = target && target.closest('[data-open]');
  if (open) { event.preventDefault(); vscode.postMessage({ type: 'openResource', key: open.getAttribute('data-open') }); return; }
  const action = target && target.closest('button[data-action]');
  if (action) vscode.postMessage({ type: action.getAttribute('data-action') });
});`;

/** `asset` turns a path under the extension into a URI the page may load. */
export function reportPage(webview: vscode.Webview, report: HealthReport | undefined, running: boolean, asset: (...parts: string[]) => string): string {
  const n = nonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, n)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'webview', 'codicon.css')}">
<link rel="stylesheet" href="${asset('media', 'healthReport.css')}">
<title>ML Monitor health report</title>
</head>
<body>
<header>
<h1>Health check</h1>
<div class="actions">
<button data-action="copyMarkdown" ${report ? '' : 'disabled'}>Copy as Markdown</button>
<button data-action="rerun" ${running ? 'disabled' : ''}>Run again</button>
</div>
</header>
<main>${bodyHtml(report, running)}</main>
<script nonce="${n}">${script}</script>
</body>
</html>`;
}
