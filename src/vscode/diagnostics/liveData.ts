// The live side of config diagnostics: the endpoints and training jobs of every connected scope (to
// link declarations to), the findings engine's verdict on the linked ones, and the recent figures the
// CodeLens shows. Everything is fetched per scope in one batch, cached for a short while, and shared by
// every open file; a finished health check replaces the verdicts it covers.
import * as vscode from 'vscode';
import type { GpuFacts } from '../../core/configs/liveRules';
import { evaluatePlan } from '../../core/health/evaluate';
import { planHealthCheck } from '../../core/health/plan';
import type { HealthReport } from '../../core/health/report';
import { redWindow } from '../../core/metrics/red';
import { resourceKey, type Resource, type ResourceKind } from '../../core/model';
import { productionMatcher } from '../../core/rules/availability';
import type { Finding } from '../../core/rules/types';
import { listAllResources } from '../../providers/provider';
import type { HealthSettings } from '../health/healthSettings';
import type { ScopeEntry } from '../platform/connections';
import { figureQueries, figuresFromSeries, type VariantFigures } from './liveFigures';

export interface LiveDataDeps {
  scopes(): Promise<ScopeEntry[]>;
  /** Fires when the connected clouds change. */
  onDidChangeConnections: vscode.Event<void>;
  settings(): HealthSettings;
  log: vscode.LogOutputChannel;
  now(): number;
}

/** What the findings engine says about one resource, and when it said it. */
export interface ResourceVerdict {
  findings: Finding[];
  /** GPU utilization seen per variant (endpoints on GPU types), for the GPU live rule. */
  gpu: Map<string, GpuFacts>;
  at: number;
  from: 'check' | 'healthReport';
}

export type { VariantFigures };

export interface LiveFigures {
  at: number;
  variants: Map<string, VariantFigures>;
  error?: string;
}

const LIST_TTL_MS = 60_000;
const VERDICT_TTL_MS = 5 * 60_000;
const FIGURES_TTL_MS = 60_000;
const KINDS: ResourceKind[] = ['endpoint', 'trainingJob'];

interface Timed<T> {
  at: number;
  value: Promise<T>;
}

export class LiveData implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** New verdicts or figures: diagnostics and CodeLens redraw. */
  readonly onDidChange = this.changed.event;
  private lists = new Map<string, Timed<Resource[]>>();
  private verdicts = new Map<string, Timed<ResourceVerdict | undefined>>();
  private figures = new Map<string, Timed<LiveFigures | undefined>>();
  private report: HealthReport | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: LiveDataDeps) {
    this.subscription = deps.onDidChangeConnections(() => this.clear());
  }

  /** Drops everything cached (connections changed, settings changed, a refresh was asked for). */
  clear(): void {
    this.lists.clear();
    this.verdicts.clear();
    this.figures.clear();
    this.changed.fire();
  }

  /** The health check's report: its verdicts win over older ones for every scope it checked. */
  setReport(report: HealthReport | undefined): void {
    this.report = report;
    this.changed.fire();
  }

  get lastReport(): HealthReport | undefined {
    return this.report;
  }

  /** Endpoints and training jobs of every connected scope; a scope that fails is logged and skipped. */
  async resources(): Promise<Resource[]> {
    const entries = await this.deps.scopes();
    const lists = await Promise.all(entries.map((e) => this.cached(this.lists, e.scope.id, LIST_TTL_MS, () => this.list(e))));
    return lists.flat();
  }

  private async list(entry: ScopeEntry): Promise<Resource[]> {
    try {
      const kinds = await Promise.all(KINDS.map((kind) => listAllResources(entry.provider, entry.scope, kind)));
      return kinds.flat();
    } catch (err) {
      this.deps.log.warn(`Config diagnostics: could not list ${entry.scope.label}: ${message(err)}`);
      return [];
    }
  }

  /** The findings engine's verdict on each resource (by resource key), evaluated once per scope batch. */
  async verdictsFor(resources: readonly Resource[]): Promise<Map<string, ResourceVerdict>> {
    const out = new Map<string, ResourceVerdict>();
    const fromReport = this.reportVerdicts(resources);
    const missing = resources.filter((r) => {
      const hit = this.verdicts.get(resourceKey(r.ref));
      const reported = fromReport.get(resourceKey(r.ref));
      return !reported && (!hit || this.deps.now() - hit.at > VERDICT_TTL_MS);
    });
    for (const [scopeId, group] of groupByScope(missing)) {
      const batch = this.evaluate(scopeId, group);
      for (const r of group) this.verdicts.set(resourceKey(r.ref), { at: this.deps.now(), value: batch.then((m) => m.get(resourceKey(r.ref))) });
    }
    for (const r of resources) {
      const key = resourceKey(r.ref);
      const verdict = fromReport.get(key) ?? (await this.verdicts.get(key)?.value);
      if (verdict) out.set(key, verdict);
    }
    return out;
  }

  /** Resources whose scope the last health check covered, with what it found (maybe nothing). */
  private reportVerdicts(resources: readonly Resource[]): Map<string, ResourceVerdict> {
    const out = new Map<string, ResourceVerdict>();
    const report = this.report;
    if (!report) return out;
    const checked = new Set(report.scopes.filter((s) => !s.error).map((s) => s.scope.id));
    for (const r of resources) {
      const key = resourceKey(r.ref);
      const own = this.verdicts.get(key);
      // A verdict fetched after the report is newer; keep it.
      if (!checked.has(r.ref.scopeId) || (own && own.at > report.finishedAt)) continue;
      out.set(key, { findings: report.findings.filter((f) => resourceKey(f.resource) === key), gpu: new Map(), at: report.finishedAt, from: 'healthReport' });
    }
    return out;
  }

  private async evaluate(scopeId: string, resources: Resource[]): Promise<Map<string, ResourceVerdict>> {
    const out = new Map<string, ResourceVerdict>();
    const entry = (await this.deps.scopes()).find((e) => e.scope.id === scopeId);
    if (!entry) return out;
    const settings = this.deps.settings();
    try {
      const plan = planHealthCheck(resources, settings.thresholds, settings.catalog, this.deps.now());
      if (plan.queries.length) plan.apply(await entry.provider.queryMetrics(entry.scope, plan.queries, plan.window));
      const findings = evaluatePlan(plan, {
        thresholds: settings.thresholds,
        catalog: settings.catalog,
        production: productionMatcher(settings.productionPattern),
        onRuleError: (what, err) => this.deps.log.warn(`Config diagnostics: ${what} failed: ${message(err)}`),
      });
      const at = this.deps.now();
      for (const r of resources) out.set(resourceKey(r.ref), { findings: [], gpu: new Map(), at, from: 'check' });
      for (const f of findings) out.get(resourceKey(f.resource))?.findings.push(f);
      const windowHours = settings.thresholds.lookbackDays * 24;
      for (const { resource, variants } of plan.endpoints) {
        for (const obs of variants) {
          if (!obs.spec || obs.spec.gpus <= 0) continue;
          const values = obs.gpu?.values ?? [];
          out.get(resourceKey(resource.ref))?.gpu.set(obs.variant.name, {
            gpuMetricsSeen: values.length > 0,
            ...(values.length ? { maxGpuUtilizationPercent: values.reduce((a, b) => Math.max(a, b), 0) } : {}),
            windowHours,
          });
        }
      }
      queueMicrotask(() => this.changed.fire());
    } catch (err) {
      this.deps.log.warn(`Config diagnostics: live rules for ${entry.scope.label} failed: ${message(err)}`);
    }
    return out;
  }

  /** Recent RED, CPU and memory figures per variant: one metric batch per scope. */
  async figuresFor(resources: readonly Resource[]): Promise<Map<string, LiveFigures>> {
    const endpoints = resources.filter((r) => r.ref.kind === 'endpoint' && (r.status === 'inService' || r.status === 'updating'));
    const missing = endpoints.filter((r) => {
      const hit = this.figures.get(resourceKey(r.ref));
      return !hit || this.deps.now() - hit.at > FIGURES_TTL_MS;
    });
    for (const [scopeId, group] of groupByScope(missing)) {
      const batch = this.fetchFigures(scopeId, group);
      for (const r of group) this.figures.set(resourceKey(r.ref), { at: this.deps.now(), value: batch.then((m) => m.get(resourceKey(r.ref))) });
    }
    const out = new Map<string, LiveFigures>();
    for (const r of endpoints) {
      const figures = await this.figures.get(resourceKey(r.ref))?.value;
      if (figures) out.set(resourceKey(r.ref), figures);
    }
    return out;
  }

  private async fetchFigures(scopeId: string, endpoints: Resource[]): Promise<Map<string, LiveFigures>> {
    const out = new Map<string, LiveFigures>();
    const entry = (await this.deps.scopes()).find((e) => e.scope.id === scopeId);
    if (!entry) return out;
    const queries = figureQueries(endpoints);
    try {
      const series = await entry.provider.queryMetrics(entry.scope, queries, redWindow(this.deps.now()));
      const at = this.deps.now();
      for (const [key, variants] of figuresFromSeries(endpoints, queries, series)) out.set(key, { at, variants });
      queueMicrotask(() => this.changed.fire());
    } catch (err) {
      const why = message(err);
      this.deps.log.warn(`Config diagnostics: live figures for ${entry.scope.label} failed: ${why}`);
      for (const r of endpoints) out.set(resourceKey(r.ref), { at: this.deps.now(), variants: new Map(), error: why });
    }
    return out;
  }

  private cached<T>(map: Map<string, Timed<T>>, key: string, ttl: number, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit && this.deps.now() - hit.at <= ttl) return hit.value;
    const value = load();
    map.set(key, { at: this.deps.now(), value });
    return value;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function groupByScope(resources: readonly Resource[]): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const r of resources) out.set(r.ref.scopeId, [...(out.get(r.ref.scopeId) ?? []), r]);
  return out;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
