// `mlmon check PATHS...` results as text (a CI log, `path:line:col` first so editors and terminals
// link them) and JSON (scripts), alone or added to the health report when clouds were checked too.
import type { HealthReport } from '../core/health/report';
import { isResourceRef, type Resource } from '../core/model';
import { configRuleDocs, type ConfigFinding } from '../core/configs/ruleIds';
import type { SourceRange } from '../core/configs/types';
import { DOCS_URL, ruleHelpUri, severityRank } from '../core/rules/registry';
import type { Severity } from '../core/rules/types';
import { linkDeclarations, linkFindings, resourcesFromRefs, type LinkedFinding } from '../vscode/diagnostics/linkFindings';
import { summarizeScan, type ConfigFileResult, type ConfigScan } from './checkConfigsScan';
import type { FailOn } from './checkCommand';
import { EXIT_OK } from './io';

export interface FileFinding {
  file: ConfigFileResult;
  finding: ConfigFinding;
}

export interface FileLinkedFinding {
  file: ConfigFileResult;
  linked: LinkedFinding;
}

export interface ConfigCheck {
  scan: ConfigScan;
  findings: FileFinding[];
  /** Health findings placed at the declarations of their resources (clouds checked too). */
  linked: FileLinkedFinding[];
}

/**
 * Static findings of every file, and the health report's findings placed in the files that declare
 * their resources: the resources the check listed when given (jobs link by display name too), else
 * those the findings name.
 */
export function configCheck(scan: ConfigScan, report?: HealthReport, listed?: readonly Resource[]): ConfigCheck {
  const findings = scan.files.flatMap((file) => file.findings.map((finding) => ({ file, finding })));
  const linked: FileLinkedFinding[] = [];
  if (report?.findings.length) {
    const resources = listed?.length ? listed : resourcesFromRefs(report.findings.map((f) => f.resource).filter(isResourceRef));
    for (const file of scan.files) {
      if (!file.declarations.length) continue;
      const links = linkDeclarations(file.declarations, resources);
      for (const l of linkFindings(file.declarations, links, report.findings, file.findings)) linked.push({ file, linked: l });
    }
  }
  return { scan, findings, linked };
}

/** The repository's copy of docs/configs.md, beside docs/rules.md. */
export function configHelpUri(ruleId: ConfigFinding['ruleId']): string {
  return DOCS_URL.replace(/docs\/rules\.md$/, configRuleDocs(ruleId));
}

/** 1-based, as editors, compilers and SARIF count. */
export interface Location {
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function locationOf(file: ConfigFileResult, range: SourceRange): Location {
  return { path: file.relPath, startLine: range.startLine + 1, startColumn: range.startCharacter + 1, endLine: range.endLine + 1, endColumn: range.endCharacter + 1 };
}

export function configExitCode(check: ConfigCheck, failOn: FailOn): number {
  if (failOn === 'none') return EXIT_OK;
  const limit = severityRank[failOn as Severity];
  return check.findings.some((f) => severityRank[f.finding.severity] >= limit) ? 1 : EXIT_OK;
}

const labels: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'NOTE' };

function plain(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

const at = (l: Location) => `${l.path}:${l.startLine}:${l.startColumn}`;

function counts(check: ConfigCheck): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of check.findings) c[f.finding.severity]++;
  return c;
}

/** "2 errors, 1 warning, 0 notes in 9 config files (27 files read)" */
export function configSummaryLine(check: ConfigCheck): string {
  const c = counts(check);
  const s = summarizeScan(check.scan);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'note')} in ${plural(s.configs, 'config file')} (${plural(s.read, 'file')} read)`;
}

/** "1,000 files in 0.62 s (1,613 files/s)" */
export function throughputLine(scan: ConfigScan): string {
  const s = summarizeScan(scan);
  const threads = scan.threads ?? 1;
  return `${s.read.toLocaleString('en-US')} files in ${(scan.elapsedMs / 1000).toFixed(2)} s (${Math.round(s.filesPerSecond).toLocaleString('en-US')} files/s, ${threads} thread${threads > 1 ? 's' : ''})`;
}

export function configText(check: ConfigCheck): string {
  const lines = ['Deployment configs', ''];
  const sorted = [...check.findings].sort((a, b) => a.file.relPath.localeCompare(b.file.relPath) || a.finding.range.start - b.finding.range.start);
  for (const { file, finding } of sorted) {
    lines.push(`${at(locationOf(file, finding.range))}  ${labels[finding.severity]}  ${finding.ruleId}`);
    lines.push(`        ${plain(finding.message)}`);
    if (finding.fixes.length) lines.push(`        Fix: ${plain(finding.fixes.map((x) => x.title).join('; or '))}`);
    lines.push(`        ${configHelpUri(finding.ruleId)}`, '');
  }
  if (check.linked.length) {
    lines.push('Health findings at the declarations of their resources:', '');
    for (const { file, linked } of check.linked) {
      const f = linked.finding;
      lines.push(`${at(locationOf(file, linked.range))}  ${labels[f.severity]}  ${f.ruleId}  ${plain(f.resource.name)}`);
      lines.push(`        ${plain(f.title)}`, `        ${ruleHelpUri(f.ruleId)}`, '');
    }
  }
  const skipped = check.scan.files.filter((f) => f.skipped && f.skipped !== 'notConfig');
  for (const f of skipped) lines.push(`skipped ${f.relPath}: ${skipReasons[f.skipped!]}`);
  if (!check.findings.length) lines.push('No findings in the config files.');
  lines.push('', `${configSummaryLine(check)}.`);
  return `${lines.join('\n')}\n`;
}

const skipReasons: Record<NonNullable<ConfigFileResult['skipped']>, string> = {
  binary: 'binary file',
  tooLarge: 'larger than 5 MB',
  notConfig: 'not a deployment config',
  parserUnavailable: 'the tree-sitter grammars could not be loaded',
  unreadable: 'could not be read',
};

export function configJson(check: ConfigCheck): Record<string, unknown> {
  const s = summarizeScan(check.scan);
  return {
    root: check.scan.root,
    summary: counts(check),
    files: { read: s.read, configs: s.configs, declarations: s.declarations, skipped: s.skipped, seconds: Math.round(check.scan.elapsedMs) / 1000 },
    findings: check.findings.map(({ file, finding }) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      title: finding.title,
      message: finding.message,
      figures: finding.figures,
      location: locationOf(file, finding.range),
      fixes: finding.fixes.map((x) => ({ title: x.title, replacement: x.replacement, location: locationOf(file, x.range), ...(x.isPreferred ? { isPreferred: true } : {}) })),
      helpUri: configHelpUri(finding.ruleId),
    })),
    linked: check.linked.map(({ file, linked }) => ({
      ruleId: linked.finding.ruleId,
      severity: linked.finding.severity,
      resource: linked.finding.resource,
      ...(linked.finding.variant ? { variant: linked.finding.variant } : {}),
      declaration: linked.declaration.label,
      location: locationOf(file, linked.range),
      fixes: linked.fixes.map((x) => ({ title: x.title, replacement: x.replacement, location: locationOf(file, x.range) })),
    })),
    skipped: check.scan.files.filter((f) => f.skipped && f.skipped !== 'notConfig').map((f) => ({ path: f.relPath, reason: f.skipped })),
  };
}
