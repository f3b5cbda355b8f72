// Declarations whose live name the file does not give (computed with `!Sub`, an f-string, a variable
// from elsewhere, or left to the platform): a hint offers to add `# mlmon: endpoint=<name>` above the
// construct, naming the live resources that look most like it, or a placeholder to fill in.
import * as vscode from 'vscode';
import { linkName } from '../../core/configs/link';
import type { ConfigAnalysis, ConfigDeclaration } from '../../core/configs/types';
import type { Resource } from '../../core/model';
import { hintEntry, type Entry, type QuickFix } from './entries';
import { commentPrefix, type AnalysisTarget } from './targets';

const directiveKeys: Partial<Record<ConfigDeclaration['kind'], { key: string; word: string; kind: Resource['ref']['kind'] }>> = {
  endpoint: { key: 'endpoint', word: 'endpoint', kind: 'endpoint' },
  trainingJob: { key: 'trainingJob', word: 'training job', kind: 'trainingJob' },
};

/** Declarations that cannot link by name and have no directive yet. */
export function unlinked(analysis: ConfigAnalysis): ConfigDeclaration[] {
  const brokenFrom = analysis.problems.length ? Math.min(...analysis.problems.map((p) => p.range.start)) : Infinity;
  return analysis.declarations.filter((d) => d.mode === 'managed' && directiveKeys[d.kind] && !d.directive && !linkName(d) && d.range.end < brokenFrom);
}

/**
 * Live resources ranked by how much of the name expression they contain (`search-ranker-${env}` →
 * `search-ranker-prod`), then by matching instance type; at most three, none that share nothing.
 */
export function rankCandidates(decl: ConfigDeclaration, resources: readonly Resource[]): Resource[] {
  const kind = directiveKeys[decl.kind]?.kind;
  const fragments = (decl.name?.reference ?? String(decl.name?.value ?? '')).split(/[^A-Za-z0-9_-]+/).filter((s) => s.length >= 4);
  const scored = resources
    .filter((r) => r.ref.kind === kind && r.ref.provider === decl.provider)
    .map((r) => {
      const name = r.ref.name.toLowerCase();
      const overlap = Math.max(0, ...fragments.map((f) => (name.includes(f.toLowerCase()) ? f.length : 0)));
      const type = decl.instanceType.value;
      const sameType = type !== undefined && (r.variants ?? []).some((v) => v.instanceType?.toLowerCase() === String(type).toLowerCase()) ? 1 : 0;
      return { r, score: overlap * 10 + sameType };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.r.ref.name.localeCompare(b.r.ref.name));
  return scored.slice(0, 3).map((x) => x.r);
}

/** Where the directive goes: its own line above the construct, indented like it. */
function insertion(target: AnalysisTarget, decl: ConfigDeclaration, doc: (uri: vscode.Uri) => vscode.TextDocument | undefined): { uri: vscode.Uri; position: vscode.Position; indent: string } | undefined {
  const where = target.locate(decl.constructRange);
  if (!where) return undefined;
  const line = where.range.start.line;
  const text = doc(where.uri)?.lineAt(line).text ?? '';
  return { uri: where.uri, position: new vscode.Position(line, 0), indent: /^\s*/.exec(text)?.[0] ?? '' };
}

export function directiveHints(
  target: AnalysisTarget,
  analysis: ConfigAnalysis,
  resources: readonly Resource[],
  doc: (uri: vscode.Uri) => vscode.TextDocument | undefined,
): Entry[] {
  const out: Entry[] = [];
  const prefix = commentPrefix(analysis.syntax);
  for (const decl of unlinked(analysis)) {
    const keys = directiveKeys[decl.kind]!;
    const at = insertion(target, decl, doc);
    if (!at) continue;
    const line = (name: string) => `${at.indent}${prefix} mlmon: ${keys.key}=${name}\n`;
    const fixes: QuickFix[] = rankCandidates(decl, resources).map((r, i) => ({
      title: `Link to ${keys.word} '${r.ref.name}' with '${prefix} mlmon: ${keys.key}=${r.ref.name}'`,
      ...(i === 0 ? { isPreferred: true } : {}),
      edits: [{ uri: at.uri, range: new vscode.Range(at.position, at.position), newText: line(r.ref.name) }],
    }));
    fixes.push({
      title: `Add '${prefix} mlmon: ${keys.key}=…' naming the live ${keys.word}`,
      edits: [{ uri: at.uri, range: new vscode.Range(at.position, at.position), newText: line(`\${1:${keys.key === 'endpoint' ? 'endpoint-name' : 'job-name'}}`), snippet: true }],
    });
    const how = decl.name?.reference ? `its name is computed (${decl.name.reference.slice(0, 80)})` : decl.name?.note ?? 'the file does not name it';
    const message = `ML Monitor cannot tell which live ${keys.word} ${decl.label} is: ${how}. Add '${prefix} mlmon: ${keys.key}=<name>' to show its live metrics and findings here.`;
    const range = decl.name && decl.name.source !== 'missing' ? decl.name.range : decl.instanceType.source !== 'missing' ? decl.instanceType.range : decl.range;
    const entry = hintEntry(target, range, message, fixes, decl.id);
    if (entry) out.push(entry);
  }
  return out;
}
