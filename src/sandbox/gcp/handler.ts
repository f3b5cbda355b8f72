// The GCP sandbox cloud: Vertex AI v1 (`/v1/projects/{p}/locations/{l}/...`) and Cloud Monitoring v3
// (`/v3/projects/{p}/timeSeries`) on the sandbox's one port, as the @google-cloud clients call them
// with `fallback: true`. Projects the scenario does not have answer PERMISSION_DENIED, as Google
// does for a project that does not exist or that the caller may not see.
import type { Scenario } from '../scenarioTypes';
import type { CloudHandler, RenderedFault, SandboxRequest, SandboxResponse } from '../handler';
import { jsonResponse } from '../handler';
import type { SandboxClock } from '../time';
import type { World } from '../workloads';
import { buildGcpWorld, type GcpLocationModel, type GcpWorld } from './model';
import { listTimeSeries, type MetricsIndex } from './monitoring';
import { checkBearer, GoogleError, permissionDenied, renderGoogleError, wantsIntEnums } from './protocol';
import { locationSeries, querySeries } from './series';
import { getResource, listCollection, type Collection } from './vertex';

export interface GcpHandlerOptions {
  scenario: Scenario;
  world: World;
  clock: SandboxClock;
  fleetSize?: number;
  log?: (line: string) => void;
}

const VERTEX = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/(endpoints|customJobs|trainingPipelines|datasets)(?:\/([^/:]+))?$/;
const MONITORING = /^\/v3\/projects\/([^/]+)\/timeSeries$/;
const OPERATIONS: Record<Collection, [string, string]> = {
  endpoints: ['ListEndpoints', 'GetEndpoint'],
  customJobs: ['ListCustomJobs', 'GetCustomJob'],
  trainingPipelines: ['ListTrainingPipelines', 'GetTrainingPipeline'],
  datasets: ['ListDatasets', 'GetDataset'],
};
const PERMISSIONS: Record<Collection, string> = { endpoints: 'aiplatform.endpoints', customJobs: 'aiplatform.customJobs', trainingPipelines: 'aiplatform.trainingPipelines', datasets: 'aiplatform.datasets' };

function pathOf(url: string): { path: string; params: URLSearchParams } {
  const q = url.indexOf('?');
  return { path: decodeURIComponent(q < 0 ? url : url.slice(0, q)), params: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)) };
}

/** Google's quota wording per service, for the throttling fault. */
const QUOTA: Record<string, string> = {
  Vertex: "Quota exceeded for quota metric 'Resource management (CRUD) requests' and limit 'Resource management (CRUD) requests per minute per region' of service 'aiplatform.googleapis.com'.",
  Monitoring: "Quota exceeded for quota metric 'Time series queries' and limit 'Time series queries per minute' of service 'monitoring.googleapis.com'.",
};

export function createGcpHandler({ scenario, world, clock, fleetSize, log }: GcpHandlerOptions): CloudHandler {
  let gcp: GcpWorld | undefined;
  // Built on first use: a sandbox that only ever serves AWS never pays for the Vertex world.
  const model = () => (gcp ??= buildGcpWorld(scenario, world, fleetSize ?? scenario.fleetSize ?? 0));
  const indexes = new Map<string, MetricsIndex>();
  const metricsIndex = (project: string): MetricsIndex => {
    let index = indexes.get(project);
    if (!index) {
      const seen = new Set<string>();
      const series = [
        ...model()
          .locations.filter((l) => l.project === project)
          .flatMap(locationSeries),
        ...model()
          .bigquery.filter((b) => b.project === project)
          .flatMap(querySeries),
      ]
        // Two Vertex datasets over one BigQuery table are one table to BigQuery.
        .filter((s) => {
          const id = JSON.stringify([s.metricType, s.resourceLabels, s.metricLabels]);
          return !seen.has(id) && Boolean(seen.add(id));
        });
      index = { series, knownTypes: new Set([...KNOWN_TYPES, ...series.map((s) => s.metricType)]) };
      indexes.set(project, index);
    }
    return index;
  };

  const serveVertex = (m: RegExpExecArray, request: SandboxRequest): unknown => {
    const [, projectKey, location, collection, id] = m as unknown as [string, string, string, Collection, string | undefined];
    const resource = `//aiplatform.googleapis.com/projects/${projectKey}/locations/${location}`;
    checkBearer(request.headers, `${PERMISSIONS[collection]}.${id ? 'get' : 'list'}`, resource);
    const project = model().project(projectKey);
    if (!project) throw permissionDenied(`${PERMISSIONS[collection]}.${id ? 'get' : 'list'}`, resource);
    const { params } = pathOf(request.url);
    const loc: GcpLocationModel = model().find(project.id, location) ?? { project: project.id, projectNumber: project.number, location, endpoints: [], customJobs: [], trainingPipelines: [], datasets: [] };
    const req = { loc, params, intEnums: wantsIntEnums(params) };
    return id ? getResource(collection, id, req) : listCollection(collection, req);
  };

  const serveMonitoring = (m: RegExpExecArray, request: SandboxRequest): unknown => {
    const resource = `projects/${m[1]}`;
    checkBearer(request.headers, 'monitoring.timeSeries.list', resource);
    const project = model().project(m[1]);
    if (!project) throw new GoogleError(403, 'Permission monitoring.timeSeries.list denied (or the resource may not exist).');
    const { params } = pathOf(request.url);
    return listTimeSeries({ project: project.id, params, now: clock.now(), intEnums: wantsIntEnums(params), index: () => metricsIndex(project.id) });
  };

  return {
    cloud: 'gcp',
    operation(request) {
      const { path } = pathOf(request.url);
      const vertex = VERTEX.exec(path);
      if (vertex) return `Vertex.${OPERATIONS[vertex[3] as Collection][vertex[4] ? 1 : 0]}`;
      if (MONITORING.test(path)) return 'Monitoring.ListTimeSeries';
      if (path.startsWith('/v1/projects/')) return 'Vertex.Unknown';
      if (path.startsWith('/v3/projects/')) return 'Monitoring.Unknown';
      return undefined;
    },
    handle(request, operation): SandboxResponse {
      const { path } = pathOf(request.url);
      try {
        const vertex = VERTEX.exec(path);
        const monitoring = MONITORING.exec(path);
        if (!vertex && !monitoring) throw new GoogleError(404, `The sandbox does not serve ${path}. It serves Vertex AI endpoints, customJobs, trainingPipelines and datasets, and Cloud Monitoring timeSeries.`);
        if (request.method !== 'GET') throw new GoogleError(501, `The sandbox serves only the read methods of Vertex AI and Cloud Monitoring, not ${request.method} ${path}.`);
        return jsonResponse(200, vertex ? serveVertex(vertex, request) : serveMonitoring(monitoring!, request));
      } catch (e) {
        if (e instanceof GoogleError) return renderGoogleError(e);
        log?.(`gcp: ${operation} failed inside the sandbox: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return renderGoogleError(new GoogleError(500, 'Internal error encountered.'));
      }
    },
    renderFault(kind: RenderedFault, operation) {
      const service = operation.slice(0, operation.indexOf('.'));
      return kind === 'throttling' ? renderGoogleError(new GoogleError(429, QUOTA[service] ?? QUOTA.Vertex)) : renderGoogleError(new GoogleError(503, 'The service is currently unavailable.'));
    },
  };
}

/** Metric types whose descriptors exist even where no resource publishes them yet (lists are empty, not 404). */
const KNOWN_TYPES = [
  'aiplatform.googleapis.com/prediction/online/response_count',
  'aiplatform.googleapis.com/prediction/online/prediction_count',
  'aiplatform.googleapis.com/prediction/online/error_count',
  'aiplatform.googleapis.com/prediction/online/prediction_latencies',
  'aiplatform.googleapis.com/prediction/online/replicas',
  'aiplatform.googleapis.com/prediction/online/target_replicas',
  'aiplatform.googleapis.com/prediction/online/cpu/utilization',
  'aiplatform.googleapis.com/prediction/online/memory/bytes_used',
  'aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle',
  'aiplatform.googleapis.com/prediction/online/accelerator/memory/bytes_used',
  'ml.googleapis.com/training/cpu/utilization',
  'ml.googleapis.com/training/memory/utilization',
  'ml.googleapis.com/training/accelerator/utilization',
  'ml.googleapis.com/training/accelerator/memory/utilization',
  'bigquery.googleapis.com/storage/stored_bytes',
  'bigquery.googleapis.com/query/execution_times',
];
