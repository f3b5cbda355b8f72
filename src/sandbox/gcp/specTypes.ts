// The `gcp` section of a scenario: Vertex AI resources by project and location. Signals and
// stories are the same ones SageMaker resources use (normalised units: % per replica, ms, req/s),
// so one story reads the same on both clouds. Kept in step with docs/scenario.schema.json.
import type { BucketStory, EndpointSignalName, EndpointStory, Signal, TimeExpr, TrainingSignalName, TrainingStory } from '../scenarioTypes';

/** The `AcceleratorType` enum names Vertex AI uses in `machineSpec`. */
export type GcpAcceleratorType =
  | 'NVIDIA_TESLA_K80'
  | 'NVIDIA_TESLA_P100'
  | 'NVIDIA_TESLA_V100'
  | 'NVIDIA_TESLA_P4'
  | 'NVIDIA_TESLA_T4'
  | 'NVIDIA_TESLA_A100'
  | 'NVIDIA_A100_80GB'
  | 'NVIDIA_L4'
  | 'NVIDIA_H100_80GB'
  | 'TPU_V2'
  | 'TPU_V3';

export interface GcpMachineSpec {
  /** Compute Engine machine type, e.g. n1-standard-8. */
  machineType?: string;
  acceleratorType?: GcpAcceleratorType;
  acceleratorCount?: number;
  /** Override the instance catalog (vCPU, memory GiB) for machine types it does not know. */
  vcpu?: number;
  memoryGiB?: number;
}

export interface DeployedModelSpec extends GcpMachineSpec {
  displayName?: string;
  /** Numeric id; default derived from the names. */
  id?: string;
  minReplicaCount?: number;
  maxReplicaCount?: number;
  /** `automaticResources` instead of `dedicatedResources` (Vertex picks the machine). */
  automatic?: boolean;
  /** Share of the endpoint's traffic in percent; default an even split. */
  trafficPercent?: number;
}

export interface VertexEndpointSpec {
  /** The endpoint's display name (what the tree shows). */
  name: string;
  id?: string;
  createdAt?: TimeExpr;
  /** None = an endpoint with no model deployed, which serves nothing. */
  deployedModels?: DeployedModelSpec[];
  stories?: EndpointStory[];
  signals?: Partial<Record<EndpointSignalName, Signal>>;
  latencySpread?: number;
}

export type GcpJobState =
  | 'JOB_STATE_QUEUED'
  | 'JOB_STATE_PENDING'
  | 'JOB_STATE_RUNNING'
  | 'JOB_STATE_SUCCEEDED'
  | 'JOB_STATE_FAILED'
  | 'JOB_STATE_CANCELLING'
  | 'JOB_STATE_CANCELLED';

export interface WorkerPoolSpec extends GcpMachineSpec {
  replicaCount?: number;
}

export interface CustomJobSpec {
  name: string;
  id?: string;
  state: GcpJobState;
  startedAt: TimeExpr;
  /** Required for finished jobs: how long they ran. */
  duration?: string;
  error?: { code: number; message: string };
  workerPools?: WorkerPoolSpec[];
  imageUri?: string;
  args?: string[];
  stories?: TrainingStory[];
  signals?: Partial<Record<TrainingSignalName, Signal>>;
}

export type GcpPipelineState =
  | 'PIPELINE_STATE_QUEUED'
  | 'PIPELINE_STATE_PENDING'
  | 'PIPELINE_STATE_RUNNING'
  | 'PIPELINE_STATE_SUCCEEDED'
  | 'PIPELINE_STATE_FAILED'
  | 'PIPELINE_STATE_CANCELLING'
  | 'PIPELINE_STATE_CANCELLED';

/** The training task definitions the sandbox knows (`gs://google-cloud-aiplatform/schema/trainingjob/definition/<task>_1.0.0.yaml`). */
export type TrainingTask = 'custom_task' | 'automl_tabular' | 'automl_image_classification' | 'automl_text_classification' | 'automl_forecasting';

export interface TrainingPipelineSpec {
  name: string;
  id?: string;
  state: GcpPipelineState;
  startedAt: TimeExpr;
  /** Required for finished pipelines: how long they ran. */
  duration?: string;
  /** Default custom_task (a custom training pipeline: worker pools and a custom job it runs). */
  task?: TrainingTask;
  error?: { code: number; message: string };
  /** Custom task only: the worker pools of the custom job the pipeline runs. */
  workerPools?: WorkerPoolSpec[];
  /**
   * Custom task only: whether the pipeline got as far as starting its custom job (default yes once
   * it runs). The job joins the location's custom jobs as `<name>-custom-job`, with the stories.
   */
  customJob?: boolean;
  /** Display name of a Vertex dataset of the same location the pipeline trains on. */
  dataset?: string;
  imageUri?: string;
  args?: string[];
  stories?: TrainingStory[];
  signals?: Partial<Record<TrainingSignalName, Signal>>;
}

export type DatasetSignalName = 'sizeGiB';

export interface VertexDatasetSpec {
  name: string;
  id?: string;
  createdAt?: TimeExpr;
  /** Which metadata schema: tabular (default), image, text or video. */
  schema?: 'tabular' | 'image' | 'text' | 'video';
  /** `bq://project.dataset.table` for tabular data in BigQuery. */
  bigquerySource?: string;
  /** `gs://bucket/path` sources. */
  gcsSource?: string[];
  dataItemCount?: number;
  stories?: BucketStory[];
  signals?: Partial<Record<DatasetSignalName, Signal>>;
}

export interface GcpLocationSpec {
  name: string;
  endpoints?: VertexEndpointSpec[];
  customJobs?: CustomJobSpec[];
  trainingPipelines?: TrainingPipelineSpec[];
  datasets?: VertexDatasetSpec[];
}

export type QuerySignalName = 'queriesPerMinute' | 'queryP95Ms';
export type QueryStory = 'steady' | 'queryTimeRising';

/** The BigQuery queries a project runs (project-wide: BigQuery publishes query times per project, not per dataset). */
export interface BigQuerySpec {
  /** The BigQuery location label of the series, default US. */
  location?: string;
  stories?: QueryStory[];
  signals?: Partial<Record<QuerySignalName, Signal>>;
}

export interface GcpProjectSpec {
  /** Project id, e.g. sandbox-project. */
  id: string;
  /** Project number; default derived from the id. */
  number?: string;
  /** Query execution times published for the project; none without it. */
  bigquery?: BigQuerySpec;
  locations: GcpLocationSpec[];
}

export interface GcpScenario {
  projects: GcpProjectSpec[];
}
