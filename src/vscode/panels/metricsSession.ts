// The data behind one resource panel for one time range: plans the charts, fetches them (one call
// per chart, in parallel, so the first chart paints before the slowest arrives), keeps the aligned
// values for cards, tables and CSV, and advances them on live refresh by fetching only the newest
// slots. No vscode import: unit tests drive it against the sandbox clouds.
import { advanceChart, buildCard, buildChart, forWire, lastSlotTime, tail } from '../../core/metrics/chartData';
import { toCsv } from '../../core/metrics/csv';
import { planPanel, panelResolution, type ChartPlan, type PanelThresholds } from '../../core/metrics/panelQueries';
import { choosePeriod, incrementalRange, isLive, PROVIDER_LIMITS, resolveRange, type RangeSpec } from '../../core/metrics/periods';
import type { MetricSeries, Resource, ScopeRef, TimeRange } from '../../core/model';
import type { Card, ChartData, ChartLayout, Window } from '../../protocol/metricsMessages';
import type { CloudProvider } from '../../providers/provider';

export interface ChartUpdate {
  chart: ChartData;
  cards: Card[];
}

export interface SessionLayout {
  window: Window;
  periodSeconds: number;
  charts: ChartLayout[];
  note?: string;
}

export class MetricsSession {
  readonly layout: SessionLayout;
  private readonly plans: ChartPlan[];
  private readonly charts = new Map<string, ChartData>();
  private window: TimeRange;

  constructor(
    private readonly provider: CloudProvider,
    private readonly scope: ScopeRef,
    readonly resource: Resource,
    readonly range: RangeSpec,
    thresholds: PanelThresholds,
    now: number,
  ) {
    this.window = resolveRange(range, now);
    const period = choosePeriod(this.window, now, PROVIDER_LIMITS[resource.ref.provider], panelResolution(resource));
    const plan = planPanel(resource, period, thresholds);
    this.plans = plan.charts;
    this.layout = { window: { ...this.window }, periodSeconds: period, charts: plan.charts.map((c) => c.layout), note: plan.note };
  }

  get live(): boolean {
    return isLive(this.range);
  }

  private get stepMs(): number {
    return this.layout.periodSeconds * 1000;
  }

  /** Fetches every chart; `onChart` and `onError` run per chart as each arrives. */
  async load(onChart: (update: ChartUpdate) => void, onError: (chartId: string, err: unknown) => void, signal?: AbortSignal): Promise<void> {
    await Promise.all(
      this.plans.map(async (plan) => {
        try {
          const results = await this.provider.queryMetrics(this.scope, plan.queries, this.window, { signal });
          if (signal?.aborted) return;
          const chart = buildChart(plan, this.window, this.stepMs, byQuery(results));
          this.charts.set(plan.layout.id, chart);
          onChart({ chart: forWire(chart), cards: this.cards() });
        } catch (err) {
          if (!signal?.aborted) onError(plan.layout.id, err);
        }
      }),
    );
  }

  /**
   * Live refresh: slides the window to `now` and asks, in one batch for all charts, only for the
   * slots from the newest one held. Returns what the webview appends, or undefined when nothing
   * is loaded yet or the range is fixed.
   */
  async refresh(now: number, signal?: AbortSignal): Promise<{ window: Window; charts: ChartData[]; cards: Card[] } | undefined> {
    if (!this.live || !this.charts.size) return undefined;
    const window = resolveRange(this.range, now);
    const increment = incrementalRange(lastSlotTime(this.charts.values()), window, this.stepMs);
    const loaded = this.plans.filter((p) => this.charts.has(p.layout.id));
    const results = byQuery(await this.provider.queryMetrics(this.scope, loaded.flatMap((p) => p.queries), increment, { signal }));
    if (signal?.aborted) return undefined;
    this.window = window;
    const charts = loaded.map((plan) => {
      const next = advanceChart(plan, this.charts.get(plan.layout.id)!, window, increment, results);
      this.charts.set(plan.layout.id, next);
      return forWire(tail(next, increment.start));
    });
    return { window: { ...window }, charts, cards: this.cards() };
  }

  cards(): Card[] {
    return this.plans.flatMap((plan) => {
      const chart = this.charts.get(plan.layout.id);
      const card = chart && buildCard(plan, chart);
      return card ? [card] : [];
    });
  }

  /** Full-precision data of the loaded charts, optionally cut to a zoomed window. */
  csv(window?: Window): string {
    return toCsv(this.layout.charts, [...this.charts.values()], window);
  }

  /** Every loaded chart as sent to a webview: for a page rebuilt after it was hidden. */
  wireCharts(): ChartData[] {
    return this.layout.charts.flatMap((l) => {
      const chart = this.charts.get(l.id);
      return chart ? [forWire(chart)] : [];
    });
  }

  chart(id: string): ChartData | undefined {
    return this.charts.get(id);
  }

  get loadedCharts(): number {
    return this.charts.size;
  }
}

function byQuery(series: MetricSeries[]): Map<string, MetricSeries> {
  return new Map(series.map((s) => [s.queryId, s]));
}
