// ARM JSON of each Azure ML resource as api-version 2022-10-01 returns it (what
// @azure/arm-machinelearning 2.x deserialises), derived from the sandbox's world.
import { MINUTE_MS } from '../time';
import { iso, systemData } from './protocol';
import { deploymentAt, endpointModifiedAt, ML_PROVIDER, type AzureComputeModel, type AzureDataAssetModel, type AzureDatastoreModel, type AzureDeploymentModel, type AzureEndpointModel, type AzureJobModel, type AzureSubscriptionModel, type AzureWorkspaceModel } from './world';

const type = (suffix: string) => `${ML_PROVIDER}/workspaces${suffix}`;
const guid = (n: number) => `${(n >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${(n >>> 0).toString(16).padStart(12, '0')}`;

export function subscriptionJson(s: AzureSubscriptionModel): unknown {
  return {
    id: `/subscriptions/${s.id}`,
    subscriptionId: s.id,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
    authorizationSource: 'RoleBased',
  };
}

export function resourceGroupJson(subscriptionId: string, rg: { name: string; location: string }): unknown {
  return { id: `/subscriptions/${subscriptionId}/resourceGroups/${rg.name}`, name: rg.name, type: 'Microsoft.Resources/resourceGroups', location: rg.location, properties: { provisioningState: 'Succeeded' } };
}

export function workspaceJson(ws: AzureWorkspaceModel, tenantId: string): unknown {
  const rgId = `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}/providers`;
  return {
    id: ws.id,
    name: ws.name,
    type: `${ML_PROVIDER}/workspaces`,
    location: ws.location,
    tags: {},
    sku: { name: 'Basic', tier: 'Basic' },
    identity: { type: 'SystemAssigned', principalId: guid(ws.createdAt / 1000), tenantId },
    systemData: systemData(ws.createdAt),
    properties: {
      friendlyName: ws.friendlyName,
      workspaceId: guid(ws.createdAt / 60_000),
      storageAccount: ws.storageAccountId,
      keyVault: `${rgId}/Microsoft.Keyvault/vaults/kv-${ws.name.toLowerCase().slice(0, 20)}`,
      applicationInsights: `${rgId}/Microsoft.insights/components/ai-${ws.name.toLowerCase()}`,
      discoveryUrl: `https://${ws.location}.api.azureml.ms/discovery`,
      mlFlowTrackingUri: `azureml://${ws.location}.api.azureml.ms/mlflow/v1.0${ws.id}`,
      provisioningState: 'Succeeded',
      hbiWorkspace: false,
      publicNetworkAccess: 'Enabled',
      tenantId,
      storageHnsEnabled: false,
      v1LegacyMode: false,
    },
  };
}

export function endpointJson(ws: AzureWorkspaceModel, e: AzureEndpointModel, now: number): unknown {
  const traffic: Record<string, number> = {};
  for (const d of e.deployments) traffic[d.name] = deploymentAt(d, now).traffic;
  return {
    id: e.id,
    name: e.name,
    type: type('/onlineEndpoints'),
    kind: 'Managed',
    location: ws.location,
    tags: {},
    identity: { type: 'SystemAssigned', principalId: guid(e.createdAt / 1000), tenantId: guid(7) },
    systemData: systemData(e.createdAt, endpointModifiedAt(e, now)),
    properties: {
      authMode: e.authMode,
      description: e.description,
      provisioningState: e.provisioningState,
      scoringUri: `https://${e.name.toLowerCase()}.${ws.location}.inference.ml.azure.com/score`,
      swaggerUri: `https://${e.name.toLowerCase()}.${ws.location}.inference.ml.azure.com/swagger.json`,
      publicNetworkAccess: 'Enabled',
      traffic,
      properties: { azureml_compute_type: 'managed' },
    },
  };
}

export function deploymentJson(ws: AzureWorkspaceModel, d: AzureDeploymentModel, now: number): unknown {
  const shown = deploymentAt(d, now);
  return {
    id: d.id,
    name: d.name,
    type: type('/onlineEndpoints/deployments'),
    kind: 'Managed',
    location: ws.location,
    tags: {},
    sku: { name: 'Default', tier: 'Standard', capacity: shown.instanceCount },
    systemData: systemData(d.createdAt, shown.modifiedAt),
    properties: {
      endpointComputeType: 'Managed',
      instanceType: shown.instanceType,
      model: `${ws.id}/models/${d.endpointName}-model/versions/1`,
      environmentId: 'azureml://registries/azureml/environments/sklearn-1.5/versions/14',
      provisioningState: d.provisioningState,
      appInsightsEnabled: false,
      egressPublicNetworkAccess: 'Enabled',
      scaleSettings: d.scale
        ? { scaleType: 'TargetUtilization', minInstances: d.scale.minInstances, maxInstances: d.scale.maxInstances, pollingInterval: 'PT1M', targetUtilizationPercentage: d.scale.targetUtilizationPercentage ?? 70 }
        : { scaleType: 'Default' },
      requestSettings: { requestTimeout: 'PT5S', maxConcurrentRequestsPerInstance: 1, maxQueueWait: 'PT0.5S' },
      livenessProbe: { initialDelay: 'PT10M', period: 'PT10S', timeout: 'PT2S', successThreshold: 1, failureThreshold: 30 },
      properties: {},
    },
  };
}

export function computeJson(ws: AzureWorkspaceModel, c: AzureComputeModel, busyNodes: number): unknown {
  return {
    id: c.id,
    name: c.name,
    type: type('/computes'),
    location: ws.location,
    systemData: systemData(c.createdAt),
    properties: {
      computeType: 'AmlCompute',
      computeLocation: ws.location,
      provisioningState: 'Succeeded',
      createdOn: iso(c.createdAt),
      modifiedOn: iso(c.createdAt),
      isAttachedCompute: false,
      disableLocalAuth: true,
      properties: {
        vmSize: c.vmSize,
        vmPriority: 'Dedicated',
        osType: 'Linux',
        scaleSettings: { maxNodeCount: c.maxNodes, minNodeCount: c.minNodes, nodeIdleTimeBeforeScaleDown: 'PT120S' },
        allocationState: 'Steady',
        currentNodeCount: Math.max(c.minNodes, busyNodes),
        targetNodeCount: Math.max(c.minNodes, busyNodes),
      },
    },
  };
}

/** Azure ML's property-bag timestamps: `2026-11-30 09:12:45`, UTC. */
const bagTime = (ms: number) => iso(ms).replace('T', ' ').replace(/\.\d+Z$/, '');

export function jobJson(ws: AzureWorkspaceModel, j: AzureJobModel, now: number): unknown {
  const started = j.startedAt <= now && !['NotStarted', 'Queued', 'Preparing', 'Provisioning'].includes(j.status);
  const bag: Record<string, string> = { _azureml_ComputeTargetType: 'amlctrain', ContentSnapshotId: guid(j.key) };
  if (started) bag.StartTimeUtc = bagTime(j.startedAt);
  if (j.endedAt !== undefined) bag.EndTimeUtc = bagTime(j.endedAt);
  const inputs: Record<string, unknown> = {};
  for (const [name, uri] of Object.entries(j.inputs)) inputs[name] = { jobInputType: 'uri_folder', uri, mode: 'ReadOnlyMount' };
  return {
    id: j.id,
    name: j.name,
    type: type('/jobs'),
    systemData: systemData(j.createdAt, j.endedAt ?? Math.min(now, j.startedAt + MINUTE_MS)),
    properties: {
      jobType: 'Command',
      displayName: j.displayName,
      experimentName: j.experimentName,
      status: j.status,
      computeId: j.compute?.id ?? `${ws.id}/computes/${j.computeName}`,
      command: 'python train.py --data ${{inputs.train}}',
      environmentId: 'azureml://registries/azureml/environments/acpt-pytorch-2.2-cuda12.1/versions/20',
      inputs,
      outputs: { default: { jobOutputType: 'uri_folder', mode: 'ReadWriteMount', uri: `azureml://datastores/workspaceartifactstore/ExperimentRun/dcid.${j.name}` } },
      resources: { instanceCount: j.instanceCount, shmSize: '2g' },
      services: { Studio: { jobServiceType: 'Studio', endpoint: `https://ml.azure.com/runs/${j.name}?wsid=${ws.id}` } },
      isArchived: false,
      properties: bag,
      tags: {},
      // Not declared by 2022-10-01; the service adds it on failed jobs and the SDK passes it on.
      error: j.status === 'Failed' ? j.error : undefined,
    },
  };
}

export function datastoreJson(ws: AzureWorkspaceModel, d: AzureDatastoreModel): unknown {
  return {
    id: d.id,
    name: d.name,
    type: type('/datastores'),
    systemData: systemData(d.createdAt),
    properties: {
      datastoreType: 'AzureBlob',
      accountName: d.accountName,
      containerName: d.containerName,
      endpoint: 'core.windows.net',
      protocol: 'https',
      isDefault: d.isDefault,
      credentials: { credentialsType: 'AccountKey' },
      serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity',
      // Newer api-versions name the account's subscription and group; older clients pass them on.
      subscriptionId: ws.subscriptionId,
      resourceGroup: ws.resourceGroup,
      tags: {},
      properties: {},
    },
  };
}

export function dataContainerJson(a: AzureDataAssetModel): unknown {
  const latest = a.versions[a.versions.length - 1];
  return {
    id: a.id,
    name: a.name,
    type: type('/data'),
    systemData: systemData(a.versions[0].createdAt, latest.createdAt),
    properties: { dataType: a.type, description: a.description, isArchived: false, latestVersion: latest.version, nextVersion: String(Number(latest.version) + 1 || 2), tags: {}, properties: {} },
  };
}

export function dataVersionJson(ws: AzureWorkspaceModel, a: AzureDataAssetModel, v: { version: string; createdAt: number }): unknown {
  return {
    id: `${a.id}/versions/${v.version}`,
    name: v.version,
    type: type('/data/versions'),
    systemData: systemData(v.createdAt),
    properties: {
      dataType: a.type,
      dataUri: `azureml://subscriptions/${ws.subscriptionId}/resourcegroups/${ws.resourceGroup}/workspaces/${ws.name}/datastores/${a.datastore}/paths/${a.path}`,
      description: a.description,
      isAnonymous: false,
      isArchived: false,
      tags: {},
      properties: {},
    },
  };
}
