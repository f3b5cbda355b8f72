// The `azure` section of a scenario: Azure Machine Learning resources by subscription, resource
// group and workspace. Signals and stories are the ones SageMaker and Vertex resources use
// (normalised units: % per instance, ms, req/s), so one story reads the same on every cloud.
// Kept in step with docs/scenario.schema.json.
import type { BucketSignalName, BucketStory, EndpointSignalName, EndpointStory, Signal, TimeExpr, TrainingSignalName, TrainingStory } from '../scenarioTypes';

export type ArmProvisioningState = 'Succeeded' | 'Creating' | 'Updating' | 'Deleting' | 'Failed' | 'Canceled';

export type AzureJobStatus =
  | 'NotStarted'
  | 'Queued'
  | 'Preparing'
  | 'Provisioning'
  | 'Starting'
  | 'Running'
  | 'Finalizing'
  | 'CancelRequested'
  | 'Completed'
  | 'Failed'
  | 'Canceled';

export interface AzureDeploymentSpec {
  name: string;
  /** A managed online endpoint SKU, e.g. Standard_DS3_v2 or Standard_NC6s_v3. */
  instanceType: string;
  /** `sku.capacity`: instances running now. Default 1. */
  instanceCount?: number;
  /** Share of the endpoint's traffic in percent; default an even split. */
  traffic?: number;
  /** TargetUtilization autoscaling; none = `Default` scale settings. */
  scale?: { minInstances: number; maxInstances: number; targetUtilizationPercentage?: number };
  provisioningState?: ArmProvisioningState;
  createdAt?: TimeExpr;
  /**
   * A change made at scenario time `at` (as `az ml online-deployment update` or an endpoint traffic
   * update would): ARM shows the new values from then on. A traffic change also updates the
   * endpoint (its traffic map and lastModifiedAt); a size or count change updates the deployment only.
   */
  update?: { at: TimeExpr; instanceType?: string; instanceCount?: number; traffic?: number };
  /** What the deployment's own traffic, latency, errors and utilization do. */
  stories?: EndpointStory[];
  signals?: Partial<Record<EndpointSignalName, Signal>>;
  latencySpread?: number;
  /** Override the instance catalog for SKUs it does not know. */
  vcpu?: number;
  gpus?: number;
}

export interface AzureOnlineEndpointSpec {
  name: string;
  provisioningState?: ArmProvisioningState;
  authMode?: 'Key' | 'AMLToken' | 'AADToken';
  description?: string;
  createdAt?: TimeExpr;
  deployments?: AzureDeploymentSpec[];
}

export interface AzureComputeSpec {
  name: string;
  /** An AmlCompute VM size, e.g. Standard_NC24s_v3. */
  vmSize: string;
  minNodes?: number;
  maxNodes?: number;
  /** Nodes that cannot run work (the workspace's `Unusable Nodes` metric); default 0. */
  unusableNodes?: number;
  createdAt?: TimeExpr;
}

export interface AzureJobSpec {
  /** The job's name (its ARM id segment), e.g. `bright_lemon_2xk9`. */
  name: string;
  displayName?: string;
  experimentName?: string;
  status: AzureJobStatus;
  /** Name of a compute in the workspace; its VM size is the job's instance type. */
  compute: string;
  /** `resources.instance_count`; default 1. */
  instanceCount?: number;
  startedAt: TimeExpr;
  /** How long it ran; required unless the job is still going. */
  duration?: string;
  error?: { code?: string; message: string };
  /** Data assets read, as `azureml:<name>:<version>` or `azureml:<name>@latest`. */
  inputs?: Record<string, string>;
  stories?: TrainingStory[];
  signals?: Partial<Record<TrainingSignalName, Signal>>;
}

export interface AzureDatastoreSpec {
  name: string;
  /** Storage account and container of an Azure Blob datastore. */
  accountName: string;
  containerName: string;
  isDefault?: boolean;
  createdAt?: TimeExpr;
  /** Storage account size and blob count (the account is what Azure Monitor measures). */
  stories?: BucketStory[];
  signals?: Partial<Record<BucketSignalName, Signal>>;
}

export interface AzureDataAssetSpec {
  name: string;
  type?: 'uri_folder' | 'uri_file' | 'mltable';
  description?: string;
  /** Datastore the asset lives on; default the workspace's default datastore. */
  datastore?: string;
  /** Path inside the datastore, e.g. `data/churn/`. */
  path: string;
  /** Versions oldest first; default one version "1". */
  versions?: string[];
  createdAt?: TimeExpr;
}

export interface AzureWorkspaceSpec {
  name: string;
  /** Azure region; default the resource group's. */
  location?: string;
  friendlyName?: string;
  createdAt?: TimeExpr;
  /** vCPU quota of the workspace's compute; `Quota Utilization Percentage` is the running jobs' cores over it. Default 200. */
  quotaCores?: number;
  computes?: AzureComputeSpec[];
  onlineEndpoints?: AzureOnlineEndpointSpec[];
  jobs?: AzureJobSpec[];
  datastores?: AzureDatastoreSpec[];
  dataAssets?: AzureDataAssetSpec[];
}

export interface AzureResourceGroupSpec {
  name: string;
  location: string;
  workspaces?: AzureWorkspaceSpec[];
}

export interface AzureSubscriptionSpec {
  /** A subscription GUID. */
  id: string;
  displayName?: string;
  /** Tenant GUID; a sandbox token issued for another tenant is refused as Azure refuses it. */
  tenantId?: string;
  /**
   * What the caller may do here: `full` (default); `noMetrics` (Reader without Monitoring Reader,
   * so metrics:getBatch answers AuthorizationFailed); `none` (no role at all).
   */
  access?: 'full' | 'noMetrics' | 'none';
  resourceGroups: AzureResourceGroupSpec[];
}

export interface AzureScenario {
  subscriptions: AzureSubscriptionSpec[];
  /** Extra synthetic online endpoints `fleet-0001`... in the first workspace. */
  fleetSize?: number;
}
