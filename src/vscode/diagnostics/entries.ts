// Findings to vscode.Diagnostics, each with the edits its quick fixes make. The rule id is the
// diagnostic's code and links to the rule's documentation; the code action provider finds a
// diagnostic's fixes again by code, range and message (diagnostics cross a process boundary, so
// object identity does not survive).
import * as vscode from 'vscode';
import { configRuleDocs, type ConfigFinding, type ConfigFix, type ConfigSeverity } from '../../core/configs/ruleIds';
import type { ConfigDeclaration, SourceRange } from '../../core/configs/types';
import { DOCS_URL, ruleHelpUri } from '../../core/rules/registry';
import type { LinkedFinding } from './linkFindings';
import type { AnalysisTarget } from './targets';

export const DIAGNOSTIC_SOURCE = 'ML Monitor';

export interface FixEdit {
  uri: vscode.Uri;
  range: vscode.Range;
  newText: string;
  /** Inserted as a snippet (placeholders to fill in). */
  snippet?: boolean;
}

export interface QuickFix {
  title: string;
  isPreferred?: boolean;
  edits: FixEdit[];
}

export interface Entry {
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
  fixes: QuickFix[];
  /** The declaration the diagnostic is about (hover and CodeLens read it). */
  declarationId?: string;
}

const severities: Record<ConfigSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Config rules document in docs/configs.md, health rules in docs/rules.md; both in the repository. */
export function ruleDocsUri(ruleId: string): vscode.Uri {
  const url = ruleId.startsWith('config.') ? DOCS_URL.replace(/docs\/rules\.md$/, configRuleDocs(ruleId as ConfigFinding['ruleId'])) : ruleHelpUri(ruleId);
  return vscode.Uri.parse(url);
}

/** The hint offering a directive is no rule of its own: it points at the directives section. */
export const UNLINKED_CODE = 'config.unlinkedName';
const DIRECTIVES_DOCS = `${DOCS_URL.replace(/docs\/rules\.md$/, 'docs/configs.md')}#directives`;

function diagnostic(location: vscode.Range, message: string, severity: vscode.DiagnosticSeverity, code: string, target: vscode.Uri, source: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(location, message, severity);
  d.code = { value: code, target };
  d.source = source;
  return d;
}

export function toQuickFix(target: AnalysisTarget, fix: ConfigFix): QuickFix | undefined {
  const where = target.locate(fix.range);
  if (!where) return undefined;
  return { title: fix.title, ...(fix.isPreferred ? { isPreferred: true } : {}), edits: [{ uri: where.uri, range: where.range, newText: fix.replacement }] };
}

function fixesOf(target: AnalysisTarget, fixes: readonly ConfigFix[]): QuickFix[] {
  return fixes.map((f) => toQuickFix(target, f)).filter((f): f is QuickFix => !!f);
}

/** A value taken from a parameter or variable default: the diagnostic points there too. */
function related(target: AnalysisTarget, decl: ConfigDeclaration | undefined, range: SourceRange): vscode.DiagnosticRelatedInformation[] {
  if (!decl) return [];
  const values = [decl.instanceType, decl.instanceCount, decl.minInstances];
  const value = values.find((v) => v && v.range.start === range.start && v.range.end === range.end);
  const from = value?.resolvedFrom;
  const where = from && target.locate(from.range);
  return where ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(where.uri, where.range), `The value comes from ${from.description}.`)] : [];
}

export function staticEntry(target: AnalysisTarget, finding: ConfigFinding, decl?: ConfigDeclaration): Entry | undefined {
  const where = target.locate(finding.range);
  if (!where) return undefined;
  const d = diagnostic(where.range, finding.message, severities[finding.severity], finding.ruleId, ruleDocsUri(finding.ruleId), DIAGNOSTIC_SOURCE);
  const info = related(target, decl, finding.range);
  if (info.length) d.relatedInformation = info;
  return { uri: where.uri, diagnostic: d, fixes: fixesOf(target, finding.fixes), ...(finding.declarationId ? { declarationId: finding.declarationId } : {}) };
}

export function liveEntry(target: AnalysisTarget, linked: LinkedFinding, scopeLabel: string): Entry | undefined {
  const where = target.locate(linked.range);
  if (!where) return undefined;
  const f = linked.finding;
  const fix = f.fix ? ` Fix: ${f.fix.summary}` : '';
  const message = `${f.resource.name}${f.variant ? ` (${f.variant})` : ''}: ${f.message}${fix}`;
  const d = diagnostic(where.range, message, severities[f.severity], f.ruleId, ruleDocsUri(f.ruleId), `${DIAGNOSTIC_SOURCE} (live, ${scopeLabel})`);
  return { uri: where.uri, diagnostic: d, fixes: fixesOf(target, linked.fixes), declarationId: linked.declaration.id };
}

export function hintEntry(target: AnalysisTarget, range: SourceRange, message: string, fixes: QuickFix[], declarationId: string): Entry | undefined {
  const where = target.locate(range);
  if (!where) return undefined;
  const d = diagnostic(where.range, message, vscode.DiagnosticSeverity.Hint, UNLINKED_CODE, vscode.Uri.parse(DIRECTIVES_DOCS), DIAGNOSTIC_SOURCE);
  return { uri: where.uri, diagnostic: d, fixes, declarationId };
}

function codeValue(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** The entry behind a diagnostic VS Code hands back (same code, range and message). */
export function matches(entry: Entry, d: vscode.Diagnostic): boolean {
  return codeValue(entry.diagnostic) === codeValue(d) && entry.diagnostic.range.isEqual(d.range) && entry.diagnostic.message === d.message;
}
