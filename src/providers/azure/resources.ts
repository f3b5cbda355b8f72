// Lists Azure ML online endpoints (with their deployments) and jobs of one workspace as
// provider-neutral Resources.
import type { AzureMachineLearningWorkspaces, CommandJob, ComputeResource, JobBase, OnlineDeployment, OnlineEndpoint, TargetUtilizationScaleSettings } from '@azure/arm-machinelearning';
import type { Autoscaling, Page, Resource, ScopeRef, Variant } from '../../core/model';
import { formatDuration } from '../format';
import type { WorkspaceRef } from './ids';
import { collectPages, listAll, type Call, type Limit } from './paging';
import { isTerminalJob, mapJobStatus, mapProvisioningState } from './status';

export interface AzureListContext {
  scope: ScopeRef;
  ws: WorkspaceRef;
  arm: AzureMachineLearningWorkspaces;
  call: Call;
  limit: Limit;
  cache: AzureCache;
  /** How long an endpoint's deployments are reused while the endpoint itself shows no change. */
  deploymentTtlMs: number;
}

/** An endpoint's deployments as last listed, and what the endpoint showed then. */
interface CachedDeployments {
  key: string;
  at: number;
  list: OnlineDeployment[];
}

/** Compute sizes change rarely; finished jobs never. Both are kept between refreshes, and so are endpoints' deployments. */
export class AzureCache {
  computes: { at: number; byName: Map<string, ComputeResource> } | undefined;
  /** Endpoint name (lower case) → its deployments; see deploymentsOf. */
  readonly deployments = new Map<string, CachedDeployments>();
  readonly finishedJobs = new Map<string, Resource>();
  /** Storage account → its resource group, learnt from datastores (for storage metrics). */
  readonly accounts = new Map<string, { subscriptionId: string; resourceGroup: string }>();
}

const COMPUTE_TTL_MS = 10 * 60_000;
const epoch = (d: Date | undefined) => (d ? d.getTime() : undefined);

export function studioUrl(scope: ScopeRef, ws: WorkspaceRef, path: string): string | undefined {
  if (scope.sandbox) return undefined;
  return `https://ml.azure.com/${path}?wsid=${encodeURIComponent(`/subscriptions/${ws.subscriptionId}/resourcegroups/${ws.resourceGroup}/workspaces/${ws.workspace}`)}`;
}

export async function listEndpoints(ctx: AzureListContext, pageSize: number, pageToken?: string, now = Date.now()): Promise<Page<Resource>> {
  const { resourceGroup, workspace } = ctx.ws;
  const { items, nextToken } = await collectPages(ctx.call, 'list online endpoints', (abortSignal) => ctx.arm.onlineEndpoints.list(resourceGroup, workspace, { abortSignal }), pageSize, pageToken);
  const resources = await Promise.all(items.map(async (e) => endpointResource(ctx, e, await deploymentsOf(ctx, e, now))));
  // A whole list in one page: endpoints gone since take their cached deployments with them.
  if (!pageToken && !nextToken) {
    const present = new Set(items.map((e) => (e.name ?? '').toLowerCase()));
    for (const name of ctx.cache.deployments.keys()) if (!present.has(name)) ctx.cache.deployments.delete(name);
  }
  return { items: resources, nextToken };
}

/** What ARM changes on the endpoint when its deployments change: lastModifiedAt, state and traffic map. */
export function deploymentsKey(e: OnlineEndpoint): string {
  const traffic = Object.entries(e.properties.traffic ?? {}).map(([d, pct]) => [d.toLowerCase(), pct] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([e.systemData?.lastModifiedAt?.getTime() ?? null, e.properties.provisioningState ?? null, traffic]);
}

const SETTLED = new Set(['succeeded', 'failed', 'canceled']);

/**
 * An endpoint's deployments (ARM lists them per endpoint only): listed again when the endpoint shows
 * a change (deploymentsKey), when one of them was still changing (Creating, Updating, Scaling...), or
 * after `deploymentTtlMs`, because scaling a deployment changes the deployment alone, not its endpoint.
 */
async function deploymentsOf(ctx: AzureListContext, e: OnlineEndpoint, now: number): Promise<OnlineDeployment[]> {
  const name = (e.name ?? '').toLowerCase();
  const key = deploymentsKey(e);
  const cached = ctx.cache.deployments.get(name);
  if (cached && cached.key === key && now - cached.at < ctx.deploymentTtlMs && cached.list.every((d) => SETTLED.has((d.properties.provisioningState ?? '').toLowerCase()))) return cached.list;
  const list = await ctx.limit(() => listAll(ctx.call, `list deployments of '${e.name}'`, (abortSignal) => ctx.arm.onlineDeployments.list(ctx.ws.resourceGroup, ctx.ws.workspace, e.name ?? '', { abortSignal })));
  ctx.cache.deployments.set(name, { key, at: now, list });
  return list;
}

/** `TargetUtilization` scales between min and max instances on CPU; `Default` is the count set by hand. */
export function scaleSettings(d: OnlineDeployment): Autoscaling {
  const s = d.properties.scaleSettings as TargetUtilizationScaleSettings | undefined;
  if (s?.scaleType !== 'TargetUtilization') return { mode: 'fixed' };
  const min = Number(s.minInstances ?? 1);
  const max = Number(s.maxInstances ?? 1);
  if (!(max > min)) return { mode: 'fixed', note: `target utilization with ${min}-${max} instances` };
  return { mode: 'autoscaled', minCapacity: min, maxCapacity: max, metric: 'CPU utilization %', targetValue: Number(s.targetUtilizationPercentage ?? 70) };
}

function endpointResource(ctx: AzureListContext, e: OnlineEndpoint, deployments: OnlineDeployment[]): Resource {
  const name = e.name ?? '';
  const traffic = e.properties.traffic ?? {};
  const variants: Variant[] = deployments.map((d) => ({ name: d.name ?? '', instanceType: d.properties.instanceType, instanceCount: d.sku?.capacity, autoscaling: scaleSettings(d) }));
  const details: Record<string, string> = {};
  const split = Object.entries(traffic).filter(([, pct]) => pct > 0);
  if (split.length) details['Traffic'] = split.map(([d, pct]) => `${d} ${pct} %`).join(' · ');
  const scaling = deployments.flatMap((d) => {
    const s = d.properties.scaleSettings as TargetUtilizationScaleSettings | undefined;
    return s?.scaleType === 'TargetUtilization' ? [`${d.name}: ${s.minInstances ?? '?'}-${s.maxInstances ?? '?'} instances at ${s.targetUtilizationPercentage ?? 70} % target`] : [];
  });
  if (scaling.length) details['Autoscale'] = scaling.join('; ');
  const unhealthy = deployments.filter((d) => d.properties.provisioningState && d.properties.provisioningState !== 'Succeeded');
  if (unhealthy.length) details['Deployments'] = unhealthy.map((d) => `${d.name} ${d.properties.provisioningState}`).join(', ');
  details['Auth mode'] = e.properties.authMode;
  if (e.properties.description) details['Description'] = e.properties.description;
  const state = e.properties.provisioningState;
  return {
    ref: { provider: 'azure', scopeId: ctx.scope.id, kind: 'endpoint', name },
    nativeId: e.id ?? name,
    status: mapProvisioningState(state),
    rawStatus: state ?? 'Unknown',
    statusReason: unhealthy.length ? `Deployment ${unhealthy.map((d) => `${d.name} is ${d.properties.provisioningState}`).join(', ')}` : undefined,
    createdAt: epoch(e.systemData?.createdAt),
    modifiedAt: epoch(e.systemData?.lastModifiedAt),
    variants,
    details,
    consoleUrl: studioUrl(ctx.scope, ctx.ws, `endpoints/realtime/${encodeURIComponent(name)}/detail`),
  };
}

async function computes(ctx: AzureListContext, now: number): Promise<Map<string, ComputeResource>> {
  const cached = ctx.cache.computes;
  if (cached && now - cached.at < COMPUTE_TTL_MS) return cached.byName;
  const list = await listAll(ctx.call, 'list computes', (abortSignal) => ctx.arm.computeOperations.list(ctx.ws.resourceGroup, ctx.ws.workspace, { abortSignal }));
  const byName = new Map(list.map((c) => [(c.name ?? '').toLowerCase(), c]));
  ctx.cache.computes = { at: now, byName };
  return byName;
}

/** Azure ML's property-bag times, `2026-11-30 09:12:45` in UTC. */
function bagTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const ms = Date.parse(`${value.replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
  return Number.isNaN(ms) ? undefined : ms;
}

export async function listJobs(ctx: AzureListContext, pageSize: number, pageToken?: string, now = Date.now()): Promise<Page<Resource>> {
  const { resourceGroup, workspace } = ctx.ws;
  const [{ items, nextToken }, sizes] = await Promise.all([
    collectPages(ctx.call, 'list jobs', (abortSignal) => ctx.arm.jobs.list(resourceGroup, workspace, { abortSignal }), pageSize, pageToken),
    computes(ctx, now),
  ]);
  return { items: items.map((j) => jobResource(ctx, j, sizes, now)), nextToken };
}

function jobResource(ctx: AzureListContext, job: JobBase, sizes: Map<string, ComputeResource>, now: number): Resource {
  const name = job.name ?? '';
  const cached = ctx.cache.finishedJobs.get(name);
  if (cached && isTerminalJob(job.properties.status)) return cached;
  const p = job.properties as CommandJob & { error?: { code?: string; message?: string } };
  const computeName = p.computeId?.split('/').pop();
  const compute = computeName ? sizes.get(computeName.toLowerCase()) : undefined;
  const vmSize = (compute?.properties as { properties?: { vmSize?: string } } | undefined)?.properties?.vmSize ?? p.resources?.instanceType;
  const count = p.resources?.instanceCount ?? 1;
  const bag = p.properties ?? {};
  const started = bagTime(bag.StartTimeUtc);
  const ended = bagTime(bag.EndTimeUtc);
  const created = epoch(job.systemData?.createdAt);
  const status = p.status ?? 'Unknown';
  const timeline: NonNullable<Resource['timeline']> = [];
  if (created !== undefined) timeline.push({ status: 'Queued', start: created, end: started ?? (ended ? ended : undefined) });
  if (started !== undefined) timeline.push({ status: 'Running', start: started, end: ended });
  if (ended !== undefined && isTerminalJob(status)) timeline.push({ status, start: ended, end: ended, message: p.error?.message });
  const details: Record<string, string> = {};
  if (p.displayName && p.displayName !== name) details['Display name'] = p.displayName;
  if (p.experimentName) details['Experiment'] = p.experimentName;
  if (computeName) details['Compute'] = computeName;
  const inputs = Object.values(p.inputs ?? {}).flatMap((i) => ((i as { uri?: string } | null)?.uri ? [(i as { uri: string }).uri] : []));
  if (inputs.length) details['Input'] = inputs.join(', ');
  if (started !== undefined) details['Duration'] = formatDuration((ended ?? now) - started);
  const resource: Resource = {
    ref: { provider: 'azure', scopeId: ctx.scope.id, kind: 'trainingJob', name },
    nativeId: job.id ?? name,
    status: mapJobStatus(status),
    rawStatus: status,
    statusReason: p.error?.message ? `${p.error.code ? `${p.error.code}: ` : ''}${p.error.message}` : undefined,
    createdAt: created,
    modifiedAt: ended ?? epoch(job.systemData?.lastModifiedAt),
    variants: [{ name: computeName ?? 'cluster', instanceType: vmSize, instanceCount: count }],
    displayName: p.displayName ?? undefined,
    experiment: p.experimentName ?? undefined,
    // One host per node; metrics find each node's NodeId by its order (metricPlan.nodeIndex).
    hosts: started === undefined ? [] : Array.from({ length: count }, (_, i) => `${name}/node-${i}`),
    timeline,
    details,
    consoleUrl: p.services?.Studio?.endpoint && !ctx.scope.sandbox ? p.services.Studio.endpoint : studioUrl(ctx.scope, ctx.ws, `runs/${encodeURIComponent(name)}`),
  };
  if (isTerminalJob(status)) ctx.cache.finishedJobs.set(name, resource);
  return resource;
}
