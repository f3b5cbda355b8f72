// Vertex AI v1 REST over the scenario's resources: list and get for endpoints (with deployed
// models, machines, accelerators and replica counts), custom jobs (worker pools, state, error,
// start and end), training pipelines (task definition and inputs, the custom job they started,
// state, error) and datasets (metadata schema and BigQuery or Cloud Storage source), shaped as
// the real API answers them, with pageSize/pageToken paging and the list filters clients use.
import { hashString } from '../prng';
import { decodeToken, encodeToken } from '../aws/protocol';
import { MINUTE_MS } from '../time';
import type { CustomJobModel, GcpLocationModel, MachineModel, TrainingPipelineModel, VertexDatasetModel, VertexEndpointModel, WorkerPoolModel } from './model';
import { GoogleError, readPageSize, rfc3339 } from './protocol';

export const ACCELERATOR_TYPES: Record<string, number> = {
  ACCELERATOR_TYPE_UNSPECIFIED: 0, NVIDIA_TESLA_K80: 1, NVIDIA_TESLA_P100: 2, NVIDIA_TESLA_V100: 3, NVIDIA_TESLA_P4: 4, NVIDIA_TESLA_T4: 5,
  NVIDIA_TESLA_A100: 8, NVIDIA_A100_80GB: 9, NVIDIA_L4: 11, NVIDIA_H100_80GB: 13, TPU_V2: 6, TPU_V3: 7,
};
export const JOB_STATES: Record<string, number> = {
  JOB_STATE_UNSPECIFIED: 0, JOB_STATE_QUEUED: 1, JOB_STATE_PENDING: 2, JOB_STATE_RUNNING: 3, JOB_STATE_SUCCEEDED: 4, JOB_STATE_FAILED: 5,
  JOB_STATE_CANCELLING: 6, JOB_STATE_CANCELLED: 7, JOB_STATE_PAUSED: 8, JOB_STATE_EXPIRED: 9, JOB_STATE_UPDATING: 10, JOB_STATE_PARTIALLY_SUCCEEDED: 11,
};

export const PIPELINE_STATES: Record<string, number> = {
  PIPELINE_STATE_UNSPECIFIED: 0, PIPELINE_STATE_QUEUED: 1, PIPELINE_STATE_PENDING: 2, PIPELINE_STATE_RUNNING: 3, PIPELINE_STATE_SUCCEEDED: 4,
  PIPELINE_STATE_FAILED: 5, PIPELINE_STATE_CANCELLING: 6, PIPELINE_STATE_CANCELLED: 7, PIPELINE_STATE_PAUSED: 8,
};

export type Collection = 'endpoints' | 'customJobs' | 'trainingPipelines' | 'datasets';

export interface VertexRequest {
  loc: GcpLocationModel;
  params: URLSearchParams;
  intEnums: boolean;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const SCHEMAS = { tabular: 'tabular_1.0.0.yaml', image: 'image_1.0.0.yaml', text: 'text_1.0.0.yaml', video: 'video_1.0.0.yaml' } as const;

const parentOf = (loc: GcpLocationModel) => `projects/${loc.projectNumber}/locations/${loc.location}`;
const etag = (...parts: Array<string | number>) => `AMEw9yP${hashString(parts.join('/')).toString(36)}`;

function machineSpec(m: MachineModel, intEnums: boolean): Record<string, unknown> {
  const spec: Record<string, unknown> = { machineType: m.machineType };
  if (m.acceleratorType) {
    spec.acceleratorType = intEnums ? ACCELERATOR_TYPES[m.acceleratorType] : m.acceleratorType;
    spec.acceleratorCount = m.acceleratorCount;
  }
  return spec;
}

function endpointJson(e: VertexEndpointModel, req: VertexRequest): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: `${parentOf(req.loc)}/endpoints/${e.id}`,
    displayName: e.displayName,
    etag: etag(e.id, e.updatedAt),
    createTime: rfc3339(e.createdAt),
    updateTime: rfc3339(e.updatedAt),
  };
  if (e.deployedModels.length) {
    json.deployedModels = e.deployedModels.map((d) => {
      const resources = { minReplicaCount: d.minReplicaCount, maxReplicaCount: d.maxReplicaCount };
      return {
        id: d.id,
        model: d.model,
        displayName: d.displayName,
        createTime: rfc3339(d.createdAt),
        ...(d.automatic ? { automaticResources: resources } : { dedicatedResources: { machineSpec: machineSpec(d.machine, req.intEnums), ...resources } }),
        status: { availableReplicaCount: d.replicas, lastUpdateTime: rfc3339(d.createdAt + 6 * MINUTE_MS) },
      };
    });
    json.trafficSplit = Object.fromEntries(e.deployedModels.map((d) => [d.id, Math.round(d.trafficPercent)]));
  }
  return json;
}

/** Worker pool specs as a CustomJobSpec carries them (int64 replicaCount as a string, as proto JSON has it). */
function workerPoolSpecs(pools: WorkerPoolModel[], image: { imageUri: string; args: string[] }, intEnums: boolean, int64: (n: number) => string | number = String): Array<Record<string, unknown>> {
  return pools.map((p) => ({
    machineSpec: machineSpec(p.machine, intEnums),
    replicaCount: int64(p.replicaCount),
    diskSpec: { bootDiskType: 'pd-ssd', bootDiskSizeGb: 100 },
    containerSpec: { imageUri: image.imageUri, ...(image.args.length ? { args: image.args } : {}) },
  }));
}

function jobJson(j: CustomJobModel, req: VertexRequest): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: `${parentOf(req.loc)}/customJobs/${j.id}`,
    displayName: j.displayName,
    jobSpec: {
      workerPoolSpecs: workerPoolSpecs(j.pools, j, req.intEnums),
      baseOutputDirectory: { outputUriPrefix: `gs://${req.loc.project}-vertex/${j.displayName}/` },
    },
    state: req.intEnums ? JOB_STATES[j.state] : j.state,
    createTime: rfc3339(j.createdAt),
    updateTime: rfc3339(j.endedAt ?? j.startedAt),
  };
  if (j.state !== 'JOB_STATE_QUEUED' && j.state !== 'JOB_STATE_PENDING') json.startTime = rfc3339(j.startedAt);
  if (j.endedAt !== undefined && j.state !== 'JOB_STATE_CANCELLING') json.endTime = rfc3339(j.endedAt);
  if (j.state === 'JOB_STATE_FAILED' && j.error) json.error = { code: j.error.code, message: j.error.message };
  return json;
}

const TASK_DEFINITION = 'gs://google-cloud-aiplatform/schema/trainingjob/definition/';

function pipelineJson(p: TrainingPipelineModel, req: VertexRequest): Record<string, unknown> {
  const custom = p.task === 'custom_task';
  // trainingTaskInputs is a google.protobuf.Value: plain JSON, enums always as names.
  const inputs = custom
    ? { workerPoolSpecs: workerPoolSpecs(p.pools, p, false, (n) => n), baseOutputDirectory: { outputUriPrefix: `gs://${req.loc.project}-vertex/${p.displayName}/` } }
    : { targetColumn: 'label', trainBudgetMilliNodeHours: 1000, optimizationObjective: 'minimize-log-loss' };
  const json: Record<string, unknown> = {
    name: `${parentOf(req.loc)}/trainingPipelines/${p.id}`,
    displayName: p.displayName,
    trainingTaskDefinition: `${TASK_DEFINITION}${p.task}_1.0.0.yaml`,
    trainingTaskInputs: inputs,
    modelToUpload: { displayName: `${p.displayName}-model` },
    state: req.intEnums ? PIPELINE_STATES[p.state] : p.state,
    createTime: rfc3339(p.createdAt),
    updateTime: rfc3339(p.endedAt ?? p.startedAt),
  };
  if (p.datasetId) json.inputDataConfig = { datasetId: p.datasetId, fractionSplit: { trainingFraction: 0.8, validationFraction: 0.1, testFraction: 0.1 } };
  if (p.customJobId) json.trainingTaskMetadata = { backingCustomJob: `${parentOf(req.loc)}/customJobs/${p.customJobId}` };
  if (p.state !== 'PIPELINE_STATE_QUEUED' && p.state !== 'PIPELINE_STATE_PENDING') json.startTime = rfc3339(p.startedAt);
  if (p.endedAt !== undefined && p.state !== 'PIPELINE_STATE_CANCELLING') json.endTime = rfc3339(p.endedAt);
  if (p.state === 'PIPELINE_STATE_FAILED' && p.error) json.error = { code: p.error.code, message: p.error.message };
  return json;
}

function datasetJson(d: VertexDatasetModel, req: VertexRequest): Record<string, unknown> {
  const inputConfig = d.bigquerySource ? { bigquerySource: { uri: d.bigquerySource } } : d.gcsSource ? { gcsSource: { uri: d.gcsSource } } : undefined;
  return {
    name: `${parentOf(req.loc)}/datasets/${d.id}`,
    displayName: d.displayName,
    metadataSchemaUri: `gs://google-cloud-aiplatform/schema/dataset/metadata/${SCHEMAS[d.schema]}`,
    metadata: d.schema === 'tabular' ? (inputConfig ? { inputConfig } : {}) : { dataItemSchemaUri: `gs://google-cloud-aiplatform/schema/dataset/dataitem/${d.schema}_1.0.0.yaml` },
    ...(d.dataItemCount !== undefined ? { dataItemCount: String(d.dataItemCount) } : {}),
    createTime: rfc3339(d.createdAt),
    updateTime: rfc3339(d.createdAt + 5 * MINUTE_MS),
    etag: etag(d.id),
  };
}

interface CollectionDef<T> {
  items(loc: GcpLocationModel): T[];
  id(item: T): string;
  json(item: T, req: VertexRequest): Record<string, unknown>;
  /** Fields a list `filter` may test, by the names the API uses. */
  fields(item: T): Record<string, string>;
  created(item: T): number;
  name(item: T): string;
}

/** Erases the item type once its functions are tied together, so the table can hold every kind. */
const define = <T>(def: CollectionDef<T>) => def as unknown as CollectionDef<unknown>;

const collections: Record<Collection, CollectionDef<unknown>> = {
  endpoints: define<VertexEndpointModel>({ items: (l) => l.endpoints, id: (e) => e.id, json: endpointJson, fields: (e) => ({ display_name: e.displayName, endpoint: e.id }), created: (e) => e.createdAt, name: (e) => e.displayName }),
  customJobs: define<CustomJobModel>({ items: (l) => l.customJobs, id: (j) => j.id, json: jobJson, fields: (j) => ({ display_name: j.displayName, state: j.state }), created: (j) => j.createdAt, name: (j) => j.displayName }),
  trainingPipelines: define<TrainingPipelineModel>({
    items: (l) => l.trainingPipelines,
    id: (p) => p.id,
    json: pipelineJson,
    fields: (p) => ({ display_name: p.displayName, state: p.state, training_task_definition: `${TASK_DEFINITION}${p.task}_1.0.0.yaml` }),
    created: (p) => p.createdAt,
    name: (p) => p.displayName,
  }),
  datasets: define<VertexDatasetModel>({ items: (l) => l.datasets, id: (d) => d.id, json: datasetJson, fields: (d) => ({ display_name: d.displayName }), created: (d) => d.createdAt, name: (d) => d.displayName }),
};

/** `display_name="x" AND state=JOB_STATE_FAILED`: the conjunctions of equalities list filters take. */
function listFilter(text: string | null): Array<[string, string, boolean]> {
  if (!text?.trim()) return [];
  return text.split(/\s+AND\s+/i).map((part) => {
    const m = /^\s*([a-z_.]+)\s*(!=|=)\s*"?([^"]*)"?\s*$/.exec(part);
    if (!m) throw new GoogleError(400, `Provided filter is invalid: unsupported expression "${part.trim()}". The sandbox takes equalities joined by AND.`);
    return [m[1], m[3], m[2] === '='];
  });
}

function collectionError(collection: Collection, id: string, loc: GcpLocationModel): GoogleError {
  const kind = { endpoints: 'Endpoint', customJobs: 'CustomJob', trainingPipelines: 'TrainingPipeline', datasets: 'Dataset' }[collection];
  return new GoogleError(404, `${kind} \`projects/${loc.projectNumber}/locations/${loc.location}/${collection}/${id}\` not found.`);
}

export function listCollection(collection: Collection, req: VertexRequest): Record<string, unknown> {
  const def = collections[collection];
  const pageSize = readPageSize(req.params, DEFAULT_PAGE, MAX_PAGE);
  const filter = listFilter(req.params.get('filter'));
  const orderBy = req.params.get('orderBy')?.trim() || 'create_time desc';
  const [orderField, orderDir = 'asc'] = orderBy.split(/\s+/);
  if (!['display_name', 'create_time', 'update_time'].includes(orderField) || !['asc', 'desc'].includes(orderDir)) {
    throw new GoogleError(400, `Unsupported order_by "${orderBy}". Use display_name, create_time or update_time, optionally followed by desc.`);
  }
  const items = def
    .items(req.loc)
    .filter((item) => filter.every(([field, value, equal]) => (def.fields(item)[field] === value) === equal))
    .sort((a, b) => {
      const ka = orderField === 'display_name' ? def.name(a) : def.created(a);
      const kb = orderField === 'display_name' ? def.name(b) : def.created(b);
      const cmp = ka < kb ? -1 : ka > kb ? 1 : def.id(a) < def.id(b) ? -1 : 1;
      return orderDir === 'desc' ? -cmp : cmp;
    });
  const fingerprint = hashString(JSON.stringify([collection, req.loc.project, req.loc.location, filter, orderBy]));
  let offset = 0;
  const token = req.params.get('pageToken');
  if (token) {
    const state = decodeToken(token);
    if (!state || state.f !== fingerprint || !Number.isSafeInteger(state.o) || (state.o as number) < 0) {
      throw new GoogleError(400, 'The provided page token is invalid. Repeat the request without page_token, or with the same filter and order it was issued for.');
    }
    offset = state.o as number;
  }
  const page = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  const body: Record<string, unknown> = { [collection]: page.map((item) => def.json(item, req)) };
  if (next < items.length) body.nextPageToken = encodeToken({ o: next, f: fingerprint });
  return body;
}

export function getResource(collection: Collection, id: string, req: VertexRequest): Record<string, unknown> {
  const def = collections[collection];
  const item = def.items(req.loc).find((x) => def.id(x) === id);
  if (!item) throw collectionError(collection, id, req.loc);
  return def.json(item, req);
}
