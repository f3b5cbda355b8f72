// Lists a workspace's data assets (latest version of each) and its datastores as datasets. Both
// point into blob storage; a dataset's location is its blob URL, whose storage account is what
// Azure Monitor measures (UsedCapacity, BlobCount).
import type { AzureBlobDatastore, Datastore, DataContainer, DataVersionBase } from '@azure/arm-machinelearning';
import type { Page, Resource } from '../../core/model';
import { resourceGroupOf } from './ids';
import { collectPages, listAll } from './paging';
import { studioUrl, type AzureListContext } from './resources';

const epoch = (d: Date | undefined) => (d ? d.getTime() : undefined);

interface StoreInfo {
  account?: string;
  container?: string;
  type: string;
}

function storeInfo(d: Datastore): StoreInfo {
  const p = d.properties as AzureBlobDatastore;
  return { account: p.accountName?.toLowerCase(), container: p.containerName, type: p.datastoreType };
}

function blobUrl(store: StoreInfo | undefined, path = ''): string | undefined {
  if (!store?.account || !store.container) return undefined;
  return `https://${store.account}.blob.core.windows.net/${store.container}/${path.replace(/^\/+/, '')}`;
}

async function datastores(ctx: AzureListContext): Promise<Datastore[]> {
  const list = await listAll(ctx.call, 'list datastores', (abortSignal) => ctx.arm.datastores.list(ctx.ws.resourceGroup, ctx.ws.workspace, { abortSignal }));
  for (const d of list) {
    const info = storeInfo(d);
    // Newer api-versions name the account's subscription and group; otherwise it is the workspace's.
    const extra = d.properties as { subscriptionId?: string; resourceGroup?: string };
    if (info.account) ctx.cache.accounts.set(info.account, { subscriptionId: extra.subscriptionId ?? ctx.ws.subscriptionId, resourceGroup: extra.resourceGroup ?? resourceGroupOf(d.id) ?? ctx.ws.resourceGroup });
  }
  return list;
}

/** `azureml://.../datastores/<store>/paths/<path>` → store and path. */
function parseDataUri(uri: string | undefined): { store?: string; path?: string } {
  const m = uri?.match(/\/datastores\/([^/]+)\/paths\/(.*)$/);
  return m ? { store: m[1], path: m[2] } : {};
}

export async function listDatasets(ctx: AzureListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  const phase = pageToken?.startsWith('d:') ? 'stores' : 'assets';
  const stores = await datastores(ctx);
  const byName = new Map(stores.map((d) => [d.name ?? '', storeInfo(d)]));
  const items: Resource[] = [];
  if (phase === 'assets') {
    const page = await collectPages(ctx.call, 'list data assets', (abortSignal) => ctx.arm.dataContainers.list(ctx.ws.resourceGroup, ctx.ws.workspace, { abortSignal }), pageSize, pageToken?.slice(2) || undefined);
    const assets = await Promise.all(page.items.map((c) => ctx.limit(() => assetResource(ctx, c, byName))));
    items.push(...assets);
    if (page.nextToken) return { items, nextToken: `a:${page.nextToken}` };
    if (items.length >= pageSize) return { items, nextToken: 'd:' };
  }
  items.push(...stores.map((d) => datastoreResource(ctx, d)));
  return { items };
}

async function assetResource(ctx: AzureListContext, c: DataContainer, stores: Map<string, StoreInfo>): Promise<Resource> {
  const name = c.name ?? '';
  const latest = c.properties.latestVersion;
  let version: DataVersionBase | undefined;
  if (latest) {
    version = await ctx.call(`read data asset '${name}' version ${latest}`, (abortSignal) => ctx.arm.dataVersions.get(ctx.ws.resourceGroup, ctx.ws.workspace, name, latest, { abortSignal }));
  }
  const { store, path } = parseDataUri(version?.properties.dataUri);
  const details: Record<string, string> = { Type: c.properties.dataType };
  if (latest) details['Latest version'] = latest;
  if (store) details['Datastore'] = store;
  if (version?.properties.dataUri) details['Data URI'] = version.properties.dataUri;
  if (c.properties.description) details['Description'] = c.properties.description;
  return {
    ref: { provider: 'azure', scopeId: ctx.scope.id, kind: 'dataset', name },
    nativeId: c.id ?? name,
    status: c.properties.isArchived ? 'outOfService' : 'inService',
    rawStatus: c.properties.isArchived ? 'Archived' : 'Available',
    createdAt: epoch(c.systemData?.createdAt),
    modifiedAt: epoch(c.systemData?.lastModifiedAt),
    location: blobUrl(store ? stores.get(store) : undefined, path) ?? version?.properties.dataUri,
    datasetType: 'dataAsset',
    details,
    consoleUrl: studioUrl(ctx.scope, ctx.ws, `data/${encodeURIComponent(name)}/${encodeURIComponent(latest ?? '1')}/details`),
  };
}

function datastoreResource(ctx: AzureListContext, d: Datastore): Resource {
  const name = d.name ?? '';
  const info = storeInfo(d);
  const details: Record<string, string> = { Type: info.type };
  if (info.account) details['Storage account'] = info.account;
  if (info.container) details['Container'] = info.container;
  if (d.properties.isDefault) details['Default'] = 'yes';
  return {
    ref: { provider: 'azure', scopeId: ctx.scope.id, kind: 'dataset', name: `datastore:${name}` },
    nativeId: d.id ?? name,
    status: 'inService',
    rawStatus: 'Available',
    createdAt: epoch(d.systemData?.createdAt),
    location: blobUrl(info),
    datasetType: 'datastore',
    details,
    consoleUrl: studioUrl(ctx.scope, ctx.ws, `datastore/${encodeURIComponent(name)}/edit`),
  };
}
