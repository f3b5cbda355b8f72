// Problems for config files nobody has open: when a health check finishes (or on request), the
// workspace's config files are found (files.exclude honoured, dependencies and caches skipped, a bounded
// number), analysed from disk, and their static findings, plus the health findings about the resources
// they declare, go to the Problems panel. Open documents are left to the live diagnostics.
import * as vscode from 'vscode';
import type { ConfigAnalyzer } from '../../core/configs/analyzer';
import { checkConfig } from '../../core/configs/rules';
import { decodeConfigBytes } from '../../core/configs/text';
import type { HealthReport } from '../../core/health/report';
import { isResourceRef, resourceKey, type Resource } from '../../core/model';
import type { HealthSettings } from '../health/healthSettings';
import { liveEntry, staticEntry, type Entry } from './entries';
import { linkDeclarations, linkFindings, resourcesFromRefs } from './linkFindings';
import { toRange, type AnalysisTarget } from './targets';

export const CONFIG_GLOB = '**/*.{yaml,yml,json,jsonc,tf,py,ipynb,sh,bash,template,cfn,cform}';
/** Never hand-written configs of this project, whatever files.exclude says. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/.venv/**', '**/venv/**', '**/__pycache__/**', '**/.terraform/**', '**/.ipynb_checkpoints/**'];
const MAX_BYTES = 5_000_000;

export interface ScanDeps {
  analyzer: ConfigAnalyzer;
  collection: vscode.DiagnosticCollection;
  log: vscode.LogOutputChannel;
  settings(): HealthSettings;
  limit(): number;
  /** Documents open in the editor (their own diagnostics win). */
  openKeys(): Set<string>;
  liveAllowed(): boolean;
  scopeLabel(scopeId: string): string;
  /** The connected clouds' endpoints and jobs (an Azure ML job links by its display name, which a report does not carry). */
  liveResources?(): Promise<Resource[]>;
}

export interface ScanResult {
  /** Deployment configs among the files read. */
  files: number;
  withProblems: number;
  truncated: boolean;
}

/** files.exclude patterns set to true, plus the folders never worth reading; findFiles takes one glob. */
export function excludeGlob(filesExclude: Record<string, unknown> | undefined): string {
  const user = Object.entries(filesExclude ?? {}).filter(([, on]) => on === true).map(([glob]) => glob);
  return `{${[...new Set([...user, ...ALWAYS_EXCLUDED])].join(',')}}`;
}

/** A file on disk as an analysis target: its ranges are file positions (a notebook's too). */
function fileTarget(uri: vscode.Uri, text: string): AnalysisTarget {
  return {
    key: uri.toString(),
    input: { fileName: uri.fsPath, text, key: `scan:${uri.toString()}` },
    version: 0,
    current: () => true,
    locate: (range) => ({ uri, range: toRange(range) }),
    uris: () => [uri],
  };
}

export class WorkspaceScan implements vscode.Disposable {
  private scanned = new Set<string>();
  private running: Promise<ScanResult> | undefined;

  constructor(private readonly deps: ScanDeps) {}

  /** One scan at a time; asking during one returns it. */
  scan(report: HealthReport | undefined, token?: vscode.CancellationToken): Promise<ScanResult> {
    this.running ??= this.run(report, token).finally(() => (this.running = undefined));
    return this.running;
  }

  /** What findings link through: the live lists where they can be had, and every resource the report names. */
  private async linkable(report: HealthReport): Promise<Resource[]> {
    const named = resourcesFromRefs(report.findings.map((f) => f.resource).filter(isResourceRef));
    const listed = (await this.deps.liveResources?.().catch(() => [])) ?? [];
    const seen = new Set(listed.map((r) => resourceKey(r.ref)));
    return [...listed, ...named.filter((r) => !seen.has(resourceKey(r.ref)))];
  }

  private async run(report: HealthReport | undefined, token?: vscode.CancellationToken): Promise<ScanResult> {
    const limit = this.deps.limit();
    const exclude = excludeGlob(vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude'));
    const uris = await vscode.workspace.findFiles(CONFIG_GLOB, exclude, limit + 1, token);
    const truncated = uris.length > limit;
    if (truncated) this.deps.log.warn(`Config diagnostics: the workspace has more than ${limit} candidate config files; checked the first ${limit} (mlMonitor.diagnostics.workspaceScanLimit).`);
    const open = this.deps.openKeys();
    const settings = this.deps.settings();
    const resources = report && this.deps.liveAllowed() ? await this.linkable(report) : [];
    const found = new Set<string>();
    let files = 0;
    for (const uri of uris.slice(0, limit)) {
      if (token?.isCancellationRequested) break;
      if (open.has(uri.toString())) continue;
      // Let the extension host breathe between files.
      await new Promise((r) => setImmediate(r));
      const text = await this.read(uri);
      if (text === undefined) continue;
      const target = fileTarget(uri, text);
      const analysis = await this.deps.analyzer.analyze(target.input);
      if (!analysis.format) continue;
      files++;
      const statics = checkConfig(analysis, { catalog: settings.catalog });
      const decls = new Map(analysis.declarations.map((d) => [d.id, d]));
      const entries: Entry[] = statics.map((f) => staticEntry(target, f, f.declarationId ? decls.get(f.declarationId) : undefined)).filter((e): e is Entry => !!e);
      const links = linkDeclarations(analysis.declarations, resources);
      for (const l of linkFindings(analysis.declarations, links, report?.findings ?? [], statics)) {
        const e = liveEntry(target, l, this.deps.scopeLabel(l.finding.resource.scopeId));
        if (e) entries.push(e);
      }
      // Opened while this scan read it: the editor's own diagnostics are newer.
      if (!entries.length || this.deps.openKeys().has(uri.toString())) continue;
      this.deps.collection.set(uri, entries.map((e) => e.diagnostic));
      found.add(uri.toString());
    }
    // Files that had problems last time and are fixed (or gone) now.
    const stillOpen = this.deps.openKeys();
    for (const key of this.scanned) if (!found.has(key) && !stillOpen.has(key)) this.deps.collection.delete(vscode.Uri.parse(key));
    this.scanned = found;
    return { files, withProblems: found.size, truncated };
  }

  private async read(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_BYTES) return undefined;
      const decoded = decodeConfigBytes(await vscode.workspace.fs.readFile(uri));
      return 'binary' in decoded ? undefined : decoded.text;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    this.scanned.clear();
  }
}
