// Resolves the scenario's `azure` section into the Azure sandbox's world: every subscription,
// workspace and resource with absolute times, instance shapes and compiled signals. Built once per
// server; metric values are computed on demand (metricSeries.ts).
import { findInstanceType } from '../../core/catalog/catalog';
import { fleetEndpoints } from '../fleet';
import { seriesKey } from '../prng';
import type { BucketSignalName, EndpointSignalName, Scenario, TrainingSignalName } from '../scenarioTypes';
import type { CompiledSignal } from '../signals';
import { bucketSignals, endpointSignals, trainingSignals } from '../stories';
import { MINUTE_MS, parseDuration, resolveTime } from '../time';
import { compileAll, endpointBounds, nonNegative, trainingBounds } from '../workloads';
import type {
  ArmProvisioningState,
  AzureDeploymentSpec,
  AzureJobSpec,
  AzureJobStatus,
  AzureOnlineEndpointSpec,
  AzureScenario,
  AzureWorkspaceSpec,
} from './specTypes';

export const ML_PROVIDER = 'Microsoft.MachineLearningServices';

export interface AzureDeploymentModel {
  name: string;
  endpointName: string;
  id: string;
  instanceType: string;
  instanceCount: number;
  traffic: number;
  scale?: AzureDeploymentSpec['scale'];
  provisioningState: ArmProvisioningState;
  createdAt: number;
  /** The scenario-time change ARM shows from `at` on (metrics keep the original shape). */
  update?: { at: number; instanceType?: string; instanceCount?: number; traffic?: number };
  vcpu: number;
  gpus: number;
  /** `instanceId` dimension values, one per instance. */
  instanceIds: string[];
  signals: Record<EndpointSignalName, CompiledSignal>;
  latencySpread: number;
  /** Metrics exist from here on while it serves; undefined = it publishes none. */
  metricsFrom?: number;
  key: number;
}

export interface AzureEndpointModel {
  name: string;
  id: string;
  provisioningState: ArmProvisioningState;
  authMode: string;
  description?: string;
  createdAt: number;
  deployments: AzureDeploymentModel[];
}

export interface AzureComputeModel {
  name: string;
  id: string;
  vmSize: string;
  minNodes: number;
  maxNodes: number;
  unusableNodes: number;
  createdAt: number;
  vcpu: number;
  gpus: number;
}

export interface AzureJobModel {
  name: string;
  id: string;
  displayName: string;
  experimentName: string;
  status: AzureJobStatus;
  compute: AzureComputeModel | undefined;
  computeName: string;
  instanceCount: number;
  createdAt: number;
  startedAt: number;
  endedAt?: number;
  error?: { code?: string; message: string };
  inputs: Record<string, string>;
  /** `NodeId` dimension values. */
  nodeIds: string[];
  signals: Record<TrainingSignalName, CompiledSignal>;
  key: number;
}

export interface AzureDatastoreModel {
  name: string;
  id: string;
  accountName: string;
  containerName: string;
  isDefault: boolean;
  createdAt: number;
  signals: Record<BucketSignalName, CompiledSignal>;
  key: number;
}

export interface AzureDataAssetModel {
  name: string;
  id: string;
  type: 'uri_folder' | 'uri_file' | 'mltable';
  description?: string;
  datastore: string;
  path: string;
  versions: Array<{ version: string; createdAt: number }>;
}

export interface AzureWorkspaceModel {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  id: string;
  location: string;
  friendlyName: string;
  createdAt: number;
  quotaCores: number;
  storageAccountId: string;
  computes: AzureComputeModel[];
  endpoints: AzureEndpointModel[];
  jobs: AzureJobModel[];
  datastores: AzureDatastoreModel[];
  dataAssets: AzureDataAssetModel[];
}

export interface AzureSubscriptionModel {
  id: string;
  displayName: string;
  tenantId: string;
  access: 'full' | 'noMetrics' | 'none';
  resourceGroups: Array<{ name: string; location: string }>;
  workspaces: AzureWorkspaceModel[];
}

export interface AzureWorld {
  anchor: number;
  historyStart: number;
  subscriptions: AzureSubscriptionModel[];
}

export const DEFAULT_TENANT = '72f988bf-0000-4000-8000-00000000aaaa';
const RUNNING: ReadonlySet<AzureJobStatus> = new Set(['Running', 'Finalizing', 'CancelRequested']);
const NOT_STARTED: ReadonlySet<AzureJobStatus> = new Set(['NotStarted', 'Queued', 'Preparing', 'Provisioning', 'Starting']);

/** vCPU and GPU count of an Azure VM size: scenario override, the catalog, then a guess (N-series carry a GPU). */
export function azureShape(vmSize: string, override: { vcpu?: number; gpus?: number } = {}): { vcpu: number; gpus: number } {
  const spec = findInstanceType('azure', vmSize);
  const guessVcpu = Number(/^Standard_[A-Z]+(\d+)/i.exec(vmSize)?.[1] ?? 2) || 2;
  return {
    vcpu: override.vcpu ?? spec?.vcpu ?? guessVcpu,
    gpus: override.gpus ?? spec?.gpus ?? (/^Standard_N/i.test(vmSize) ? 1 : 0),
  };
}

/** SageMaker types the shared fleet generator picks, as the managed online endpoint SKUs closest to them. */
const fleetSkus: Record<string, string> = {
  'ml.m5.large': 'Standard_DS2_v2',
  'ml.m5.xlarge': 'Standard_DS3_v2',
  'ml.c5.xlarge': 'Standard_F4s_v2',
  'ml.c5.2xlarge': 'Standard_F8s_v2',
  'ml.m5.2xlarge': 'Standard_DS4_v2',
  'ml.g4dn.xlarge': 'Standard_NC4as_T4_v3',
  'ml.g5.2xlarge': 'Standard_NV36ads_A10_v5',
  'ml.g5.12xlarge': 'Standard_NC24ads_A100_v4',
};

/** The fleet endpoints of the shared generator, one deployment `blue` each. */
export function azureFleetEndpoints(count: number, seed: number): AzureOnlineEndpointSpec[] {
  return fleetEndpoints(count, seed).map((e) => {
    const v = e.variants?.[0] ?? {};
    return {
      name: e.name,
      createdAt: e.createdAt,
      deployments: [{ name: 'blue', instanceType: fleetSkus[v.instanceType ?? ''] ?? 'Standard_DS3_v2', instanceCount: v.instanceCount, stories: e.stories, signals: e.signals }],
    };
  });
}

export function buildAzureWorld(scenario: Scenario, seed: number, anchor: number, historyStart: number): AzureWorld {
  const azure: AzureScenario | undefined = scenario.azure;
  const subscriptions = (azure?.subscriptions ?? []).map((sub, s): AzureSubscriptionModel => {
    const workspaces = sub.resourceGroups.flatMap((rg, r) =>
      (rg.workspaces ?? []).map((ws, w) => {
        const extra = s === 0 && r === 0 && w === 0 ? azureFleetEndpoints(azure?.fleetSize ?? 0, seed) : [];
        return buildWorkspace(sub.id, rg.name, rg.location, { ...ws, onlineEndpoints: [...(ws.onlineEndpoints ?? []), ...extra] }, { seed, anchor, historyStart });
      }),
    );
    return {
      id: sub.id.toLowerCase(),
      displayName: sub.displayName ?? `Subscription ${sub.id.slice(0, 8)}`,
      tenantId: sub.tenantId ?? DEFAULT_TENANT,
      access: sub.access ?? 'full',
      resourceGroups: sub.resourceGroups.map((rg) => ({ name: rg.name, location: rg.location })),
      workspaces,
    };
  });
  return { anchor, historyStart, subscriptions };
}

interface Ctx {
  seed: number;
  anchor: number;
  historyStart: number;
}

function buildWorkspace(subscriptionId: string, resourceGroup: string, rgLocation: string, spec: AzureWorkspaceSpec, ctx: Ctx): AzureWorkspaceModel {
  const sub = subscriptionId.toLowerCase();
  const id = `/subscriptions/${sub}/resourceGroups/${resourceGroup}/providers/${ML_PROVIDER}/workspaces/${spec.name}`;
  const at = (expr: string | undefined, fallback: string) => resolveTime(expr ?? fallback, { now: ctx.anchor });
  const key = (...parts: string[]) => seriesKey(ctx.seed, 'azure', sub, spec.name, ...parts);
  const computes = (spec.computes ?? []).map((c): AzureComputeModel => ({
    name: c.name,
    id: `${id}/computes/${c.name}`,
    vmSize: c.vmSize,
    minNodes: c.minNodes ?? 0,
    maxNodes: c.maxNodes ?? 4,
    unusableNodes: c.unusableNodes ?? 0,
    createdAt: at(c.createdAt, '-200d'),
    ...azureShape(c.vmSize),
  }));
  const compactName = spec.name.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 16);
  const datastores = (spec.datastores?.length ? spec.datastores : [{ name: 'workspaceblobstore', accountName: `${compactName}store`, containerName: `azureml-blobstore-${sub.slice(0, 8)}`, isDefault: true }]).map(
    (d, i): AzureDatastoreModel => {
      const createdAt = at(d.createdAt, '-300d');
      return {
        name: d.name,
        id: `${id}/datastores/${d.name}`,
        accountName: d.accountName,
        containerName: d.containerName,
        isDefault: d.isDefault ?? i === 0,
        createdAt,
        signals: compileAll(bucketSignals(d.stories, d.signals), { sizeGiB: nonNegative, objects: nonNegative }, { now: ctx.anchor, start: createdAt }),
        key: key('datastore', d.name),
      };
    },
  );
  const defaultStore = datastores.find((d) => d.isDefault) ?? datastores[0];
  return {
    subscriptionId: sub,
    resourceGroup,
    name: spec.name,
    id,
    location: spec.location ?? rgLocation,
    friendlyName: spec.friendlyName ?? spec.name,
    createdAt: at(spec.createdAt, '-400d'),
    quotaCores: spec.quotaCores ?? 200,
    storageAccountId: `/subscriptions/${sub}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${defaultStore.accountName}`,
    computes,
    endpoints: (spec.onlineEndpoints ?? []).map((e) => buildEndpoint(id, e, ctx, key)),
    jobs: (spec.jobs ?? []).map((j) => buildJob(id, j, computes, ctx, key)),
    datastores,
    dataAssets: (spec.dataAssets ?? []).map((a) => {
      const createdAt = at(a.createdAt, '-90d');
      const versions = a.versions?.length ? a.versions : ['1'];
      return {
        name: a.name,
        id: `${id}/data/${a.name}`,
        type: a.type ?? 'uri_folder',
        description: a.description,
        datastore: a.datastore ?? defaultStore.name,
        path: a.path,
        // Later versions were registered a week apart, the newest last.
        versions: versions.map((version, i) => ({ version, createdAt: createdAt + i * 7 * 24 * 60 * MINUTE_MS })),
      };
    }),
  };
}

function buildEndpoint(workspaceId: string, spec: AzureOnlineEndpointSpec, ctx: Ctx, key: (...parts: string[]) => number): AzureEndpointModel {
  const id = `${workspaceId}/onlineEndpoints/${spec.name}`;
  const createdAt = resolveTime(spec.createdAt ?? '-60d', { now: ctx.anchor });
  const state = spec.provisioningState ?? 'Succeeded';
  const specs = spec.deployments ?? [];
  const explicit = specs.reduce((n, d) => n + (d.traffic ?? 0), 0);
  const unassigned = specs.filter((d) => d.traffic === undefined).length;
  const deployments = specs.map((d): AzureDeploymentModel => {
    const dCreated = d.createdAt ? resolveTime(d.createdAt, { now: ctx.anchor }) : createdAt + 5 * MINUTE_MS;
    const dState = d.provisioningState ?? (state === 'Creating' ? 'Creating' : 'Succeeded');
    const count = d.instanceCount ?? 1;
    const k = key('deployment', spec.name, d.name);
    const serving = state !== 'Creating' && state !== 'Failed' && (dState === 'Succeeded' || dState === 'Updating');
    return {
      name: d.name,
      endpointName: spec.name,
      id: `${id}/deployments/${d.name}`,
      instanceType: d.instanceType,
      instanceCount: count,
      traffic: d.traffic ?? Math.max(0, Math.round((100 - explicit) / Math.max(1, unassigned))),
      scale: d.scale,
      provisioningState: dState,
      createdAt: dCreated,
      ...(d.update ? { update: { ...d.update, at: resolveTime(d.update.at, { now: ctx.anchor }) } } : {}),
      ...azureShape(d.instanceType, d),
      // Instance names as Azure ML reports them in the instanceId dimension.
      instanceIds: Array.from({ length: count }, (_, i) => `${d.name}-${(k >>> 8).toString(36).slice(0, 6)}-${i}`),
      signals: compileAll(endpointSignals(d.stories, d.signals), endpointBounds, { now: ctx.anchor, start: dCreated }),
      latencySpread: d.latencySpread ?? 0.5,
      metricsFrom: serving ? Math.max(dCreated + 5 * MINUTE_MS, ctx.historyStart) : undefined,
      key: k,
    };
  });
  return { name: spec.name, id, provisioningState: state, authMode: spec.authMode ?? 'Key', description: spec.description, createdAt, deployments };
}

function buildJob(workspaceId: string, spec: AzureJobSpec, computes: AzureComputeModel[], ctx: Ctx, key: (...parts: string[]) => number): AzureJobModel {
  const startedAt = resolveTime(spec.startedAt, { now: ctx.anchor });
  const going = RUNNING.has(spec.status) || NOT_STARTED.has(spec.status);
  const endedAt = going || !spec.duration ? undefined : startedAt + parseDuration(spec.duration);
  const count = spec.instanceCount ?? 1;
  const k = key('job', spec.name);
  const compute = computes.find((c) => c.name === spec.compute);
  return {
    name: spec.name,
    id: `${workspaceId}/jobs/${spec.name}`,
    displayName: spec.displayName ?? spec.name,
    experimentName: spec.experimentName ?? 'Default',
    status: spec.status,
    compute,
    computeName: spec.compute,
    instanceCount: count,
    createdAt: startedAt - 3 * MINUTE_MS,
    startedAt,
    endedAt,
    error: spec.error ?? (spec.status === 'Failed' ? { code: 'UserError', message: 'The job failed.' } : undefined),
    inputs: spec.inputs ?? {},
    nodeIds: NOT_STARTED.has(spec.status) ? [] : Array.from({ length: count }, (_, i) => `tvmps_${(k >>> 4).toString(16).padStart(7, '0')}${i}_d`),
    signals: compileAll(trainingSignals(spec.stories, spec.signals), trainingBounds, { now: ctx.anchor, start: startedAt, end: endedAt ?? ctx.anchor }),
    key: k,
  };
}

/** A deployment as ARM shows it at `now`: its scenario-time update applied once that time has come. */
export function deploymentAt(d: AzureDeploymentModel, now: number): { instanceType: string; instanceCount: number; traffic: number; modifiedAt: number } {
  const u = d.update && d.update.at <= now ? d.update : undefined;
  return { instanceType: u?.instanceType ?? d.instanceType, instanceCount: u?.instanceCount ?? d.instanceCount, traffic: u?.traffic ?? d.traffic, modifiedAt: u ? u.at : d.createdAt };
}

/** When the endpoint itself last changed at `now`: created, or a deployment's traffic updated. */
export function endpointModifiedAt(e: AzureEndpointModel, now: number): number {
  return Math.max(e.createdAt, ...e.deployments.flatMap((d) => (d.update && d.update.traffic !== undefined && d.update.at <= now ? [d.update.at] : [])));
}
