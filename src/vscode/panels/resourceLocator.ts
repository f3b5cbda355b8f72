// Finds the provider, scope and current description of a resource from its identity: what a panel
// restored after a reload, or opened from a picker, starts from.
import { formatAutoscaling, type Resource, type ResourceRef } from '../../core/model';
import { formatCapacity } from '../../core/metrics/red';
import type { ResourceInfo } from '../../protocol/metricsMessages';
import { ProviderError } from '../../providers/provider';
import type { Connections, ScopeEntry } from '../platform/connections';

export interface Located {
  entry: ScopeEntry;
  resource: Resource;
}

/** Enough pages to find any resource a tree can show; a name beyond them is reported as not found. */
const MAX_PAGES = 50;

export async function scopeEntryFor(connections: Connections, ref: ResourceRef): Promise<ScopeEntry> {
  const entries = await connections.scopes();
  const entry = entries.find((e) => e.scope.provider === ref.provider && e.scope.id === ref.scopeId);
  if (!entry) {
    const what = ref.scopeId.includes('/sandbox/') ? 'The sandbox clouds are not running' : `${ref.scopeId} is not connected`;
    throw new ProviderError('notFound', `${what}, so ${ref.name} cannot be shown.`, ref.scopeId.includes('/sandbox/') ? 'Start the sandbox clouds (ML Monitor: Start Sandbox Clouds), then retry.' : 'Connect the account in the ML Monitor view, then retry.');
  }
  return entry;
}

export async function locate(connections: Connections, ref: ResourceRef, signal?: AbortSignal): Promise<Located> {
  const entry = await scopeEntryFor(connections, ref);
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await entry.provider.listResources(entry.scope, ref.kind, { pageSize: 100, pageToken: token, signal });
    const resource = result.items.find((r) => r.ref.name === ref.name);
    if (resource) return { entry, resource };
    token = result.nextToken;
    if (!token) break;
  }
  throw new ProviderError('notFound', `${ref.name} no longer exists in ${entry.scope.label}.`, 'Refresh the ML Monitor view to see what is there now.');
}

const kindWords = { endpoint: 'Endpoint', trainingJob: 'Training job', dataset: 'Dataset' } as const;

/** What the panel header shows. */
export function describeResource(resource: Resource, scopeLabel: string): ResourceInfo {
  const facts: Array<[string, string]> = [['Scope', scopeLabel]];
  const capacity = formatCapacity(resource);
  if (capacity) facts.push([resource.ref.kind === 'trainingJob' ? 'Instances' : 'Capacity', capacity]);
  const scaling = (resource.variants ?? []).filter((v) => v.autoscaling);
  if (scaling.length) {
    const one = scaling.length === 1 && (resource.variants?.length ?? 0) === 1;
    facts.push(['Autoscaling', scaling.map((v) => `${one ? '' : `${v.name}: `}${formatAutoscaling(v.autoscaling!)}`).join('; ')]);
  }
  if (resource.location && resource.location !== resource.ref.name) facts.push(['Location', resource.location]);
  for (const key of ['Phase', 'Duration', 'Scaling']) {
    const value = resource.details?.[key];
    if (value) facts.push([key, value]);
  }
  if (resource.statusReason) facts.push(['Reason', resource.statusReason]);
  return {
    ref: { ...resource.ref },
    title: resource.ref.name,
    kind: resource.ref.kind,
    status: resource.rawStatus,
    facts: facts.map(([k, v]) => [k, v.slice(0, 1000)]),
    timeline: resource.timeline?.map((t) => ({ ...t, message: t.message?.slice(0, 1000) })),
  };
}

export function panelTitle(ref: ResourceRef): string {
  return `${ref.name.length > 40 ? `${ref.name.slice(0, 39)}…` : ref.name} (${kindWords[ref.kind].toLowerCase()})`;
}
