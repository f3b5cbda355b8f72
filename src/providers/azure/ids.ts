// Azure resource ids and the provider's scope ids, built and read in one place.

export const ML_NAMESPACE = 'Microsoft.MachineLearningServices/workspaces';
export const ENDPOINT_NAMESPACE = `${ML_NAMESPACE}/onlineEndpoints`;
export const DEPLOYMENT_NAMESPACE = `${ENDPOINT_NAMESPACE}/deployments`;
export const STORAGE_NAMESPACE = 'Microsoft.Storage/storageAccounts';
export const BLOB_NAMESPACE = `${STORAGE_NAMESPACE}/blobServices`;

export interface WorkspaceRef {
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
  location: string;
}

export function workspaceId(w: Pick<WorkspaceRef, 'subscriptionId' | 'resourceGroup' | 'workspace'>): string {
  return `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/${ML_NAMESPACE}/${w.workspace}`;
}

/** `azure/<subscription>/<resource group>/<workspace>`: stable across sessions, one per workspace. */
export function scopeIdOf(w: Pick<WorkspaceRef, 'subscriptionId' | 'resourceGroup' | 'workspace'>): string {
  return `azure/${w.subscriptionId}/${w.resourceGroup}/${w.workspace}`;
}

/** The resource group of an ARM id (`/subscriptions/s/resourceGroups/<rg>/...`). */
export function resourceGroupOf(id: string | undefined): string | undefined {
  return id?.match(/\/resourceGroups\/([^/]+)/i)?.[1];
}

export function storageAccountId(subscriptionId: string, resourceGroup: string, account: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${STORAGE_NAMESPACE}/${account}`;
}

/** `https://<account>.blob.core.windows.net/...` → account. */
export function accountOfLocation(location: string | undefined): string | undefined {
  return location?.match(/^https:\/\/([a-z0-9]{3,24})\.blob\.core\.windows\.net/i)?.[1]?.toLowerCase();
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isSubscriptionId(value: string): boolean {
  return GUID.test(value);
}

/** `resourceGroup/workspace` or `subscription/resourceGroup/workspace`, as the setting allows. */
export function parseWorkspaceSetting(entry: string): { subscriptionId?: string; resourceGroup: string; workspace: string } | undefined {
  const parts = entry.split('/').map((p) => p.trim());
  if (parts.some((p) => !p)) return undefined;
  if (parts.length === 2) return { resourceGroup: parts[0], workspace: parts[1] };
  if (parts.length === 3 && isSubscriptionId(parts[0])) return { subscriptionId: parts[0].toLowerCase(), resourceGroup: parts[1], workspace: parts[2] };
  return undefined;
}
