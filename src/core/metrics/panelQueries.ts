// Which charts a resource panel shows and the metric queries behind each: RED and utilization for
// endpoints, per-host utilization for training jobs, storage (and BigQuery's project-wide query
// time) for datasets. Every query id is
// `<chart>/<series>`, unique across the panel, so one batch can carry all charts.
import { bigQueryProject, type MetricName, type MetricQuery, type MetricUnit, type ProviderId, type Resource, type ResourceKind, type Variant } from '../model';
import type { ChartLayout } from '../../protocol/metricsMessages';
import { coresFor } from './red';

export interface PanelThresholds {
  latencyMs: number;
  errorRatePercent: number;
  cpu: number;
  memory: number;
  gpu: number;
  gpuMemory: number;
  disk: number;
  /** Dataset query time p95 (ms). */
  datasetQueryMs: number;
}

export const defaultPanelThresholds: PanelThresholds = { latencyMs: 1000, errorRatePercent: 5, cpu: 80, memory: 85, gpu: 90, gpuMemory: 90, disk: 85, datasetQueryMs: 5000 };

export interface CardSpec {
  title: string;
  /** Series the card reads; all of the chart's when omitted. */
  seriesIds?: string[];
  /** Worst instance (max) or total (sum) across the series. */
  combine: 'max' | 'sum';
  /** Show growth over the range instead of the share above a threshold. */
  change?: boolean;
}

export interface ChartPlan {
  layout: ChartLayout;
  queries: MetricQuery[];
  card?: CardSpec;
  /** The metric's own resolution in seconds: the period never goes below it. */
  resolution: number;
}

export interface PanelPlan {
  charts: ChartPlan[];
  /** Said instead of charts when the resource publishes nothing to chart. */
  note?: string;
}

/**
 * What a cloud does not publish for a kind of resource (CLOUD_APIS.md section 2): left out of the
 * panel rather than drawn as an empty chart.
 */
const unpublished: Record<ProviderId, Partial<Record<ResourceKind, MetricName[]>>> = {
  aws: {},
  gcp: { endpoint: ['disk'], trainingJob: ['disk'], dataset: ['objectCount'] },
  azure: { endpoint: ['overheadLatency'], trainingJob: ['disk'] },
};

function publishes(resource: Resource, metric: MetricName): boolean {
  return !unpublished[resource.ref.provider][resource.ref.kind]?.includes(metric);
}

type Utilization = 'cpu' | 'memory' | 'gpu' | 'gpuMemory' | 'disk';
const utilizationTitles: Record<Utilization, string> = { cpu: 'CPU', memory: 'Memory', gpu: 'GPU', gpuMemory: 'GPU memory', disk: 'Disk' };

function query(resource: Resource, chart: string, series: string, metric: MetricName, periodSeconds: number, extra: Partial<MetricQuery> = {}): MetricQuery {
  return { id: `${chart}/${series}`, resource: resource.ref, metric, periodSeconds, ...extra };
}

/** GPU charts only where the instance has GPUs, or where the catalog does not know the type. */
function hasGpus(resource: Resource, variant: Variant): boolean {
  if (variant.serverless) return false;
  // Accelerators attached to a machine without built-in GPUs (Vertex n1 + T4).
  if (variant.accelerator) return true;
  const gpus = coresFor(resource.ref.provider, variant.instanceType, 'gpu');
  return gpus !== undefined ? gpus > 0 : coresFor(resource.ref.provider, variant.instanceType, 'cpu') === undefined;
}

function utilizationMetrics(resource: Resource, variants: Variant[]): Utilization[] {
  const gpu = variants.some((v) => hasGpus(resource, v));
  const all: Utilization[] = gpu ? ['cpu', 'memory', 'gpu', 'gpuMemory', 'disk'] : ['cpu', 'memory', 'disk'];
  return all.filter((m) => publishes(resource, m));
}

function percentChart(id: Utilization, threshold: number | undefined, series: ChartLayout['series']): ChartLayout {
  return { id, title: `${utilizationTitles[id]} utilization`, unit: 'percent', threshold, series, yMax: 100 };
}

function endpointPlan(resource: Resource, period: number, t: PanelThresholds): PanelPlan {
  const variants = resource.variants?.length ? resource.variants : [{ name: 'AllTraffic' }];
  const suffix = (v: Variant) => (variants.length > 1 ? ` (${v.name})` : '');
  const sid = (base: string, v: Variant) => (variants.length > 1 ? `${base}@${v.name}` : base);
  const perVariant = (chart: string, parts: Array<[string, MetricName, string]>, unit: MetricUnit) => {
    const series: ChartLayout['series'] = [];
    const queries: MetricQuery[] = [];
    for (const v of variants) {
      for (const [base, metric, label] of parts.filter(([, m]) => publishes(resource, m))) {
        series.push({ id: sid(base, v), label: `${label}${suffix(v)}` });
        queries.push(query(resource, chart, sid(base, v), metric, period, { variant: v.name }));
      }
    }
    return { series, queries, unit };
  };
  const latency = perVariant('latency', [['p50', 'latencyP50', 'p50'], ['p90', 'latencyP90', 'p90'], ['p99', 'latencyP99', 'p99'], ['overhead', 'overheadLatency', 'overhead (mean)']], 'ms');
  const requests = perVariant('requests', [['rps', 'requestsPerSecond', 'requests/s']], 'perSecond');
  const errors = perVariant('errors', [['4xx', 'errors4xxRate', '4xx'], ['5xx', 'errors5xxRate', '5xx']], 'percent');
  const charts: ChartPlan[] = [
    {
      layout: { id: 'latency', title: 'Latency', unit: 'ms', threshold: t.latencyMs, series: latency.series },
      queries: latency.queries,
      card: { title: 'p99 latency', seriesIds: variants.map((v) => sid('p99', v)), combine: 'max' },
      resolution: 60,
    },
    { layout: { id: 'requests', title: 'Requests', unit: 'perSecond', series: requests.series }, queries: requests.queries, card: { title: 'Requests/s', combine: 'sum' }, resolution: 60 },
    {
      layout: { id: 'errors', title: 'Errors', unit: 'percent', threshold: t.errorRatePercent, series: errors.series },
      queries: errors.queries,
      card: { title: 'Error rate', combine: 'sum' },
      resolution: 60,
    },
  ];
  // Serverless variants publish no instance utilization.
  const provisioned = variants.filter((v) => !v.serverless);
  for (const metric of provisioned.length ? utilizationMetrics(resource, provisioned) : []) {
    const series = provisioned.map((v) => ({ id: sid(metric, v), label: `${utilizationTitles[metric]}${suffix(v)}` }));
    const queries = provisioned.map((v) => {
      const cores = metric === 'cpu' || metric === 'gpu' || metric === 'gpuMemory' ? coresFor(resource.ref.provider, v.instanceType, metric) : undefined;
      return query(resource, metric, sid(metric, v), metric, period, { variant: v.name, cores });
    });
    charts.push({ layout: percentChart(metric, t[metric], series), queries, card: { title: utilizationTitles[metric], combine: 'max' }, resolution: 60 });
  }
  return { charts };
}

function trainingPlan(resource: Resource, period: number, t: PanelThresholds): PanelPlan {
  // A Vertex training pipeline that started no custom job ran nothing on machines of the user's.
  if (resource.ref.provider === 'gcp' && resource.hosts?.length === 0) {
    return { charts: [], note: 'This training pipeline started no custom job (it failed before, or its training runs on machines Vertex AI manages), so there is no utilization to chart.' };
  }
  const hosts = resource.hosts?.length ? resource.hosts : [`${resource.ref.name}/algo-1`];
  const instanceType = resource.variants?.[0]?.instanceType;
  const variant: Variant = { name: 'cluster', instanceType, accelerator: resource.variants?.[0]?.accelerator };
  // A busy GPU is the goal in training, so GPU charts carry no "too high" line.
  const thresholds: Record<Utilization, number | undefined> = { cpu: t.cpu, memory: t.memory, disk: t.disk, gpu: undefined, gpuMemory: undefined };
  const charts = utilizationMetrics(resource, [variant]).map((metric): ChartPlan => {
    const cores = metric === 'cpu' || metric === 'gpu' || metric === 'gpuMemory' ? coresFor(resource.ref.provider, instanceType, metric) : undefined;
    const series = hosts.map((host) => ({ id: host.split('/').pop() ?? host, label: host.split('/').pop() ?? host }));
    const queries = hosts.map((host, i) => query(resource, metric, series[i].id, metric, period, { host, cores }));
    return { layout: percentChart(metric, thresholds[metric], series), queries, card: { title: utilizationTitles[metric], combine: 'max' }, resolution: 60 };
  });
  return { charts };
}

/** Where each cloud keeps a dataset's bytes: the finest grain its storage metrics have. */
const storageGrain: Record<ProviderId, string> = { aws: 'bucket', gcp: 'table', azure: 'storage account' };

function datasetPlan(resource: Resource, period: number, t: PanelThresholds): PanelPlan {
  const aws = resource.ref.provider === 'aws';
  const location = aws && resource.datasetType !== 'featureGroup' ? resource.ref.name : resource.location;
  if (!location || (aws && !location.startsWith('s3://'))) {
    return { charts: [], note: 'This dataset has no storage location, so there are no storage metrics to chart (a feature group without an offline store keeps its data online only).' };
  }
  const daily = Math.max(86400, period);
  const grain = storageGrain[resource.ref.provider];
  // The location travels as the host: the adapters find the bucket or account from it.
  const charts: ChartPlan[] = [
    {
      layout: { id: 'storage', title: `Storage size (${grain})`, unit: 'bytes', stepped: true, series: [{ id: 'bytes', label: 'Stored bytes' }] },
      queries: [query(resource, 'storage', 'bytes', 'storageBytes', daily, { host: location })],
      card: { title: 'Storage', combine: 'sum', change: true },
      resolution: 86400,
    },
  ];
  if (publishes(resource, 'objectCount')) {
    charts.push({
      layout: { id: 'objects', title: `Object count (${grain})`, unit: 'count', stepped: true, series: [{ id: 'objects', label: 'Objects' }] },
      queries: [query(resource, 'objects', 'objects', 'objectCount', daily, { host: location })],
      card: { title: 'Objects', combine: 'sum', change: true },
      resolution: 86400,
    });
  }
  const project = resource.ref.provider === 'gcp' && resource.datasetType === 'bigquery' ? bigQueryProject(location) : undefined;
  if (project) {
    // BigQuery publishes query time per project: the chart says whose it is.
    charts.push({
      layout: { id: 'queryTime', title: `Query time (every query of project ${project})`, unit: 'ms', threshold: t.datasetQueryMs, series: [{ id: 'p95', label: 'p95' }, { id: 'p99', label: 'p99' }] },
      queries: [query(resource, 'queryTime', 'p95', 'queryTimeP95', daily), query(resource, 'queryTime', 'p99', 'queryTimeP99', daily)],
      card: { title: `Query p95 (${project})`, seriesIds: ['p95'], combine: 'max' },
      resolution: 60,
    });
  }
  return { charts };
}

export function planPanel(resource: Resource, periodSeconds: number, thresholds: PanelThresholds = defaultPanelThresholds): PanelPlan {
  switch (resource.ref.kind) {
    case 'endpoint':
      return endpointPlan(resource, periodSeconds, thresholds);
    case 'trainingJob':
      return trainingPlan(resource, periodSeconds, thresholds);
    case 'dataset':
      return datasetPlan(resource, periodSeconds, thresholds);
  }
}

/** The metric resolution a panel is limited by: daily for datasets. */
export function panelResolution(resource: Resource): number {
  return resource.ref.kind === 'dataset' ? 86400 : 60;
}

/** Query id → [chart id, series id]. */
export function splitQueryId(id: string): [string, string] {
  const at = id.indexOf('/');
  return at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
}
