// Hover on an instance type: the catalog's spec (vCPU, memory, accelerators), the price estimate for
// the declared count, and, when the declaration is linked, the live figures and the findings about it.
import * as vscode from 'vscode';
import { catalogSource, monthlyCostUsd } from '../../core/catalog/catalog';
import { describeSpec } from '../../core/configs/rules';
import type { ConfigDeclaration, ConfigValue } from '../../core/configs/types';
import { resourceKey } from '../../core/model';
import type { HealthSettings } from '../health/healthSettings';
import { figuresFor, figuresText } from './codeLens';
import type { ConfigDiagnostics, DocumentState } from './configDiagnostics';
import { alreadyFixed } from './linkFindings';
import type { LiveData } from './liveData';

export interface HoverDeps {
  diagnostics: ConfigDiagnostics;
  live: LiveData;
  settings(): HealthSettings;
  liveAllowed(): boolean;
}

/** Markdown special characters in text from files and clouds are shown as written. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function hovered(state: DocumentState, doc: vscode.TextDocument, position: vscode.Position): { decl: ConfigDeclaration; value: ConfigValue<string>; range: vscode.Range } | undefined {
  for (const decl of state.analysis.declarations) {
    const value = decl.instanceType;
    if (value.value === undefined || value.source === 'missing') continue;
    for (const r of [value.range, value.resolvedFrom?.range]) {
      const where = r && state.target.locate(r);
      if (where && where.uri.toString() === doc.uri.toString() && where.range.contains(position)) return { decl, value, range: where.range };
    }
  }
  return undefined;
}

export class ConfigHover implements vscode.HoverProvider {
  constructor(private readonly deps: HoverDeps) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const state = await this.deps.diagnostics.stateFor(doc);
    const hit = state && hovered(state, doc, position);
    if (!state || !hit) return undefined;
    const { decl, value } = hit;
    const catalog = this.deps.settings().catalog;
    const spec = catalog.findInstanceType(decl.provider, String(value.value));
    const out = new vscode.MarkdownString();
    const count = decl.instanceCount?.value ?? decl.minInstances?.value;
    if (spec) {
      out.appendMarkdown(`**${md(spec.name)}**: ${md(describeSpec(spec))}`);
      if (spec.generation && spec.generation !== 'current') out.appendMarkdown(` (${spec.generation} generation)`);
      const monthly = monthlyCostUsd(spec, count ?? 1);
      if (monthly !== undefined) {
        const source = catalogSource(spec.provider);
        out.appendMarkdown(`\n\n~$${Math.round(monthly).toLocaleString('en-US')}/month for ${count ?? 1} × ${md(spec.name)} (estimate: on-demand prices in ${md(source.region)}, ${md(source.compiledOn)})`);
      }
    } else {
      out.appendMarkdown(`**${md(String(value.value))}**: not in ML Monitor's ${decl.mode === 'managed' ? 'catalog' : `catalog (a ${decl.mode} instance type)`}`);
    }
    if (value.resolvedFrom) out.appendMarkdown(`\n\nFrom ${md(value.resolvedFrom.description)}.`);
    const resource = this.deps.liveAllowed() ? state.links.get(decl.id) : undefined;
    if (resource) {
      out.appendMarkdown(`\n\n---\n\n**${md(resource.ref.name)}** (${md(resource.rawStatus || resource.status)}, ${md(resource.ref.scopeId)})`);
      const figures = figuresFor((await this.deps.live.figuresFor([resource])).get(resourceKey(resource.ref)), decl.variant);
      if (figures && figuresText(figures)) out.appendMarkdown(`\n\nLast 5 min: ${md(figuresText(figures))}`);
      const verdict = (await this.deps.live.verdictsFor([resource])).get(resourceKey(resource.ref));
      for (const f of verdict?.findings ?? []) {
        const pending = alreadyFixed(decl, f) ? ' This file already asks for it; it applies when deployed.' : '';
        out.appendMarkdown(`\n\n$(${f.severity === 'info' ? 'info' : f.severity}) ${md(f.title)}${f.fix ? `: ${md(f.fix.summary)}` : ''}${md(pending)}`);
      }
      out.supportThemeIcons = true;
    }
    return new vscode.Hover(out, hit.range);
  }
}
