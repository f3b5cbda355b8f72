// The ARM read operations the Azure provider calls: subscriptions, resource groups, and the
// Microsoft.MachineLearningServices workspaces with their online endpoints, deployments, jobs,
// computes, data assets and datastores. Paths match case-insensitively, as ARM's do.
import type { SandboxRequest } from '../handler';
import { computeJson, dataContainerJson, dataVersionJson, datastoreJson, deploymentJson, endpointJson, jobJson, resourceGroupJson, subscriptionJson, workspaceJson } from './armResources';
import { ArmError, authorizationFailed, findSubscription, page, requireApiVersion, type Caller } from './protocol';
import type { AzureSubscriptionModel, AzureWorkspaceModel, AzureWorld } from './world';

/** What @azure/arm-machinelearning 2.x sends, and the versions the service also accepts. */
export const ML_API_VERSIONS = ['2022-10-01', '2023-04-01', '2023-10-01', '2024-04-01'];
const RESOURCES_API_VERSIONS = ['2020-01-01', '2021-04-01', '2022-12-01'];
/** Items per page; small enough that a big fleet shows nextLink paging. */
export const ARM_PAGE_SIZE = 20;

export interface ArmRoute {
  operation: string;
  run(request: SandboxRequest, url: URL, caller: Caller, now: number): unknown;
}

const segmentsOf = (pathname: string) => pathname.split('/').filter(Boolean).map(decodeURIComponent);

/** The operation name for counting, or undefined when the path is not an ARM read the sandbox knows. */
export function armRoute(world: AzureWorld, method: string, pathname: string): ArmRoute | undefined {
  const seg = segmentsOf(pathname);
  const lower = seg.map((s) => s.toLowerCase());
  if (method !== 'GET' || lower[0] !== 'subscriptions') return undefined;
  if (seg.length === 1) return { operation: 'Subscriptions.List', run: (req, url, caller) => listSubscriptions(world, req, url, caller) };
  const subId = seg[1];
  const sub = (caller: Caller) => findSubscription(world, subId, caller);
  if (seg.length === 3 && lower[2] === 'resourcegroups') {
    return {
      operation: 'ResourceGroups.List',
      run: (req, url, caller) => {
        requireApiVersion(url, RESOURCES_API_VERSIONS, 'resourceGroups');
        const s = readable(sub(caller));
        return page(req, url, s.resourceGroups, (rg) => resourceGroupJson(s.id, rg), ARM_PAGE_SIZE);
      },
    };
  }
  if (seg.length === 5 && lower[2] === 'providers' && lower[3] === 'microsoft.machinelearningservices' && lower[4] === 'workspaces') {
    return {
      operation: 'Workspaces.ListBySubscription',
      run: (req, url, caller) => {
        const s = readable(sub(caller));
        requireApiVersion(url, ML_API_VERSIONS, 'workspaces');
        return page(req, url, s.workspaces, (ws) => workspaceJson(ws, s.tenantId), ARM_PAGE_SIZE);
      },
    };
  }
  if (seg.length < 7 || lower[2] !== 'resourcegroups' || lower[4] !== 'providers' || lower[5] !== 'microsoft.machinelearningservices' || lower[6] !== 'workspaces') return undefined;
  const rg = seg[3];
  if (seg.length === 7) {
    return {
      operation: 'Workspaces.ListByResourceGroup',
      run: (req, url, caller) => {
        const s = readable(sub(caller));
        requireApiVersion(url, ML_API_VERSIONS, 'workspaces');
        if (!s.resourceGroups.some((g) => g.name.toLowerCase() === rg.toLowerCase())) throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
        return page(req, url, s.workspaces.filter((w) => w.resourceGroup.toLowerCase() === rg.toLowerCase()), (ws) => workspaceJson(ws, s.tenantId), ARM_PAGE_SIZE);
      },
    };
  }
  const wsName = seg[7];
  const within = (caller: Caller, url: URL, type: string): { s: AzureSubscriptionModel; ws: AzureWorkspaceModel } => {
    const s = readable(sub(caller));
    const ws = s.workspaces.find((w) => w.resourceGroup.toLowerCase() === rg.toLowerCase() && w.name.toLowerCase() === wsName.toLowerCase());
    requireApiVersion(url, ML_API_VERSIONS, type, ws?.location);
    if (!ws) throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.MachineLearningServices/workspaces/${wsName}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
    return { s, ws };
  };
  const rest = lower.slice(8);
  const name = seg[9];
  const notFound = (what: string) => new ArmError(404, 'UserError', `${what} not found.`);
  if (rest.length === 0) return { operation: 'Workspaces.Get', run: (_r, url, caller) => { const { s, ws } = within(caller, url, 'workspaces'); return workspaceJson(ws, s.tenantId); } };
  switch (rest[0]) {
    case 'onlineendpoints': {
      if (rest.length === 1) return { operation: 'OnlineEndpoints.List', run: (req, url, caller, now) => { const { ws } = within(caller, url, 'workspaces/onlineEndpoints'); return page(req, url, ws.endpoints, (e) => endpointJson(ws, e, now), ARM_PAGE_SIZE); } };
      const endpoint = (caller: Caller, url: URL) => {
        const { ws } = within(caller, url, 'workspaces/onlineEndpoints');
        const e = ws.endpoints.find((x) => x.name.toLowerCase() === name.toLowerCase());
        if (!e) throw notFound(`Online endpoint ${name}`);
        return { ws, e };
      };
      if (rest.length === 2) return { operation: 'OnlineEndpoints.Get', run: (_r, url, caller, now) => { const { ws, e } = endpoint(caller, url); return endpointJson(ws, e, now); } };
      if (rest[2] !== 'deployments') return undefined;
      if (rest.length === 3) return { operation: 'OnlineDeployments.List', run: (req, url, caller, now) => { const { ws, e } = endpoint(caller, url); return page(req, url, e.deployments, (d) => deploymentJson(ws, d, now), ARM_PAGE_SIZE); } };
      if (rest.length === 4) {
        return {
          operation: 'OnlineDeployments.Get',
          run: (_r, url, caller, now) => {
            const { ws, e } = endpoint(caller, url);
            const d = e.deployments.find((x) => x.name.toLowerCase() === rest[3]);
            if (!d) throw notFound(`Deployment ${seg[11]}`);
            return deploymentJson(ws, d, now);
          },
        };
      }
      return undefined;
    }
    case 'jobs':
      if (rest.length === 1) {
        return {
          operation: 'Jobs.List',
          run: (req, url, caller, now) => {
            const { ws } = within(caller, url, 'workspaces/jobs');
            const jobType = url.searchParams.get('jobType');
            // Every sandbox job is a command job; other job types list nothing.
            const jobs = !jobType || jobType === 'Command' ? [...ws.jobs].sort((a, b) => b.createdAt - a.createdAt) : [];
            return page(req, url, jobs, (j) => jobJson(ws, j, now), ARM_PAGE_SIZE);
          },
        };
      }
      if (rest.length === 2) {
        return {
          operation: 'Jobs.Get',
          run: (_r, url, caller, now) => {
            const { ws } = within(caller, url, 'workspaces/jobs');
            const j = ws.jobs.find((x) => x.name === name);
            if (!j) throw notFound(`Job ${name}`);
            return jobJson(ws, j, now);
          },
        };
      }
      return undefined;
    case 'computes':
      if (rest.length !== 1) return undefined;
      return {
        operation: 'Compute.List',
        run: (req, url, caller, now) => {
          const { ws } = within(caller, url, 'workspaces/computes');
          const busy = (c: string) => ws.jobs.filter((j) => j.computeName === c && j.endedAt === undefined && j.startedAt <= now).reduce((n, j) => n + j.instanceCount, 0);
          return page(req, url, ws.computes, (c) => computeJson(ws, c, busy(c.name)), ARM_PAGE_SIZE);
        },
      };
    case 'datastores':
      if (rest.length !== 1) return undefined;
      return { operation: 'Datastores.List', run: (req, url, caller) => { const { ws } = within(caller, url, 'workspaces/datastores'); return page(req, url, ws.datastores, (d) => datastoreJson(ws, d), ARM_PAGE_SIZE); } };
    case 'data':
      if (rest.length === 1) return { operation: 'DataContainers.List', run: (req, url, caller) => { const { ws } = within(caller, url, 'workspaces/data'); return page(req, url, ws.dataAssets, dataContainerJson, ARM_PAGE_SIZE); } };
      if (rest.length === 4 && rest[2] === 'versions') {
        return {
          operation: 'DataVersions.Get',
          run: (_r, url, caller) => {
            const { ws } = within(caller, url, 'workspaces/data/versions');
            const a = ws.dataAssets.find((x) => x.name === name);
            const v = a?.versions.find((x) => x.version === seg[11]);
            if (!a || !v) throw notFound(`Data version ${name}:${seg[11]}`);
            return dataVersionJson(ws, a, v);
          },
        };
      }
      if (rest.length === 3 && rest[2] === 'versions') {
        return {
          operation: 'DataVersions.List',
          run: (req, url, caller) => {
            const { ws } = within(caller, url, 'workspaces/data/versions');
            const a = ws.dataAssets.find((x) => x.name === name);
            if (!a) throw notFound(`Data container ${name}`);
            // Newest first, as the service lists versions.
            return page(req, url, [...a.versions].reverse(), (v) => dataVersionJson(ws, a, v), ARM_PAGE_SIZE);
          },
        };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A caller with no role at all on the subscription reads nothing in it. */
function readable(s: AzureSubscriptionModel): AzureSubscriptionModel {
  if (s.access === 'none') throw authorizationFailed('Microsoft.MachineLearningServices/workspaces/read', `/subscriptions/${s.id}`);
  return s;
}

function listSubscriptions(world: AzureWorld, req: SandboxRequest, url: URL, caller: Caller): unknown {
  requireApiVersion(url, RESOURCES_API_VERSIONS, 'subscriptions');
  const visible = world.subscriptions.filter((s) => !caller.tenantId || s.tenantId === caller.tenantId);
  return page(req, url, visible, subscriptionJson, ARM_PAGE_SIZE);
}
