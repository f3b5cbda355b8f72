// Lists SageMaker training jobs, endpoints and datasets as provider-neutral Resources.
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeFeatureGroupCommand,
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListFeatureGroupsCommand,
  ListTrainingJobsCommand,
  type DescribeEndpointCommandOutput,
  type DescribeEndpointConfigCommandOutput,
  type DescribeFeatureGroupCommandOutput,
  type DescribeTrainingJobCommandOutput,
  type EndpointSummary,
} from '@aws-sdk/client-sagemaker';
import type { Page, Resource, ScopeRef, Variant } from '../../core/model';
import { listAutoscaling, type AutoscalingLookup } from './autoscaling';
import type { AwsClients } from './clients';
import { bucketOf, consoleUrl } from './console';
import { isTerminalTraining, mapEndpointStatus, mapFeatureGroupStatus, mapTrainingStatus } from './status';
import { formatDuration } from '../format';

// Kept for modules that import it from here.
export { formatDuration };

/** Runs one SDK call with error mapping, cancellation and (for reads that may see garbage) one extra try. */
export type Call = <T>(operation: string, fn: (abortSignal?: AbortSignal) => Promise<T>) => Promise<T>;
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

export interface ListContext {
  scope: ScopeRef;
  clients: AwsClients;
  call: Call;
  /** The same for Application Auto Scaling (its errors name its own permissions). */
  autoscalingCall: Call;
  limit: Limit;
  cache: DescribeCache;
}

/** Describe results reused across refreshes: endpoint configs are immutable, finished jobs never change. */
export class DescribeCache {
  readonly endpoints = new Map<string, { modified: number; status: string; value: DescribeEndpointCommandOutput }>();
  readonly endpointConfigs = new Map<string, DescribeEndpointConfigCommandOutput>();
  readonly trainingJobs = new Map<string, DescribeTrainingJobCommandOutput>();
  readonly featureGroups = new Map<string, DescribeFeatureGroupCommandOutput>();
  /** The scaling targets listed with the first page of endpoints, reused by the pages after it. */
  autoscaling?: Promise<AutoscalingLookup>;
}

const MAX_LIST_RESULTS = 100;

function epoch(d: Date | undefined): number | undefined {
  return d ? d.getTime() : undefined;
}

/** Pages through a SageMaker list call until `pageSize` items are collected or the list ends. */
async function collect<T>(
  pageSize: number,
  startToken: string | undefined,
  fetch: (maxResults: number, token: string | undefined) => Promise<{ items: T[]; next?: string }>,
): Promise<{ items: T[]; next?: string }> {
  const items: T[] = [];
  let token = startToken;
  do {
    const page = await fetch(Math.min(MAX_LIST_RESULTS, pageSize - items.length), token);
    items.push(...page.items);
    token = page.next;
  } while (token && items.length < pageSize);
  return { items, next: token };
}

export async function listEndpoints(ctx: ListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  const { items, next } = await collect<EndpointSummary>(pageSize, pageToken, async (MaxResults, NextToken) => {
    const out = await ctx.call('list endpoints', (abortSignal) =>
      ctx.clients.sagemaker.send(new ListEndpointsCommand({ MaxResults, NextToken, SortBy: 'Name', SortOrder: 'Ascending' }), { abortSignal }),
    );
    return { items: out.Endpoints ?? [], next: out.NextToken };
  });
  // The scaling targets of the whole scope in one paged listing, beside the describes; a listing's
  // later pages reuse what its first page fetched.
  if (!pageToken || !ctx.cache.autoscaling) ctx.cache.autoscaling = items.length ? listAutoscaling(ctx.clients, ctx.autoscalingCall) : undefined;
  const [resources, autoscaling] = await Promise.all([Promise.all(items.map((summary) => ctx.limit(() => describeEndpoint(ctx, summary)))), ctx.cache.autoscaling]);
  if (autoscaling) {
    for (const r of resources) {
      for (const v of r.variants ?? []) if (!v.serverless) v.autoscaling = autoscaling(r.ref.name, v.name);
    }
  }
  return { items: resources, nextToken: next };
}

async function describeEndpoint(ctx: ListContext, summary: EndpointSummary): Promise<Resource> {
  const name = summary.EndpointName ?? '';
  const modified = epoch(summary.LastModifiedTime) ?? 0;
  let cached = ctx.cache.endpoints.get(name);
  if (!cached || cached.modified !== modified || cached.status !== summary.EndpointStatus) {
    const value = await ctx.call(`describe endpoint '${name}'`, (abortSignal) =>
      ctx.clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }), { abortSignal }),
    );
    cached = { modified, status: summary.EndpointStatus ?? '', value };
    ctx.cache.endpoints.set(name, cached);
  }
  const endpoint = cached.value;
  const configName = endpoint.EndpointConfigName;
  let config = configName ? ctx.cache.endpointConfigs.get(configName) : undefined;
  if (configName && !config) {
    config = await ctx.call(`describe endpoint config '${configName}'`, (abortSignal) =>
      ctx.clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }), { abortSignal }),
    );
    ctx.cache.endpointConfigs.set(configName, config);
  }
  const configured = new Map((config?.ProductionVariants ?? []).map((v) => [v.VariantName ?? '', v]));
  const live = endpoint.ProductionVariants ?? [];
  const names = live.length ? live.map((v) => v.VariantName ?? '') : [...configured.keys()];
  const variants: Variant[] = names.map((variantName) => {
    const c = configured.get(variantName);
    const l = live.find((v) => v.VariantName === variantName);
    const serverless = l?.CurrentServerlessConfig ?? c?.ServerlessConfig;
    return {
      name: variantName,
      instanceType: c?.InstanceType,
      instanceCount: serverless ? undefined : (l?.CurrentInstanceCount ?? c?.InitialInstanceCount),
      serverless: serverless
        ? { memorySizeMb: serverless.MemorySizeInMB ?? 0, maxConcurrency: serverless.MaxConcurrency ?? 0 }
        : undefined,
    };
  });
  const details: Record<string, string> = {};
  if (configName) details['Endpoint config'] = configName;
  const desired = live.find((v) => v.DesiredInstanceCount !== undefined && v.DesiredInstanceCount !== v.CurrentInstanceCount);
  if (desired) details['Scaling'] = `${desired.CurrentInstanceCount ?? '?'} → ${desired.DesiredInstanceCount} instances`;
  return {
    ref: { provider: 'aws', scopeId: ctx.scope.id, kind: 'endpoint', name },
    nativeId: summary.EndpointArn ?? endpoint.EndpointArn ?? name,
    status: mapEndpointStatus(summary.EndpointStatus),
    rawStatus: summary.EndpointStatus ?? 'Unknown',
    statusReason: endpoint.FailureReason,
    createdAt: epoch(summary.CreationTime),
    modifiedAt: modified || undefined,
    variants,
    details,
    consoleUrl: ctx.scope.sandbox ? undefined : consoleUrl(ctx.scope.region, 'endpoint', name),
  };
}

export async function listTrainingJobs(ctx: ListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  const { items, next } = await collect(pageSize, pageToken, async (MaxResults, NextToken) => {
    const out = await ctx.call('list training jobs', (abortSignal) =>
      ctx.clients.sagemaker.send(new ListTrainingJobsCommand({ MaxResults, NextToken, SortBy: 'CreationTime', SortOrder: 'Descending' }), {
        abortSignal,
      }),
    );
    return { items: out.TrainingJobSummaries ?? [], next: out.NextToken };
  });
  const jobs = await Promise.all(
    items.map((summary) => ctx.limit(() => describeTrainingJob(ctx, summary.TrainingJobName ?? '', summary.TrainingJobStatus))),
  );
  return { items: jobs.map((job) => trainingJobResource(ctx, job)), nextToken: next };
}

async function describeTrainingJob(ctx: ListContext, name: string, listedStatus?: string): Promise<DescribeTrainingJobCommandOutput> {
  const cached = ctx.cache.trainingJobs.get(name);
  if (cached && isTerminalTraining(cached.TrainingJobStatus) && cached.TrainingJobStatus === (listedStatus ?? cached.TrainingJobStatus)) {
    return cached;
  }
  const job = await ctx.call(`describe training job '${name}'`, (abortSignal) =>
    ctx.clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }), { abortSignal }),
  );
  ctx.cache.trainingJobs.set(name, job);
  return job;
}

function trainingJobResource(ctx: ListContext, job: DescribeTrainingJobCommandOutput): Resource {
  const name = job.TrainingJobName ?? '';
  const rc = job.ResourceConfig;
  const groups = rc?.InstanceGroups ?? [];
  const variants: Variant[] = groups.length
    ? groups.map((g) => ({ name: g.InstanceGroupName ?? 'group', instanceType: g.InstanceType, instanceCount: g.InstanceCount }))
    : [{ name: 'cluster', instanceType: rc?.InstanceType, instanceCount: rc?.InstanceCount }];
  const hostCount = variants.reduce((n, v) => n + (v.instanceCount ?? 0), 0);
  const details: Record<string, string> = {};
  if (job.SecondaryStatus) details['Phase'] = job.SecondaryStatus;
  const inputs = inputLocations(job);
  if (inputs.length) details['Input'] = inputs.join(', ');
  if (job.TrainingStartTime && (job.TrainingEndTime || job.TrainingJobStatus === 'InProgress')) {
    const end = job.TrainingEndTime?.getTime() ?? Date.now();
    details['Duration'] = formatDuration(end - job.TrainingStartTime.getTime());
  }
  return {
    ref: { provider: 'aws', scopeId: ctx.scope.id, kind: 'trainingJob', name },
    nativeId: job.TrainingJobArn ?? name,
    status: mapTrainingStatus(job.TrainingJobStatus),
    rawStatus: job.TrainingJobStatus ?? 'Unknown',
    statusReason: job.FailureReason,
    createdAt: epoch(job.CreationTime),
    modifiedAt: epoch(job.LastModifiedTime),
    variants,
    hosts: Array.from({ length: hostCount }, (_, i) => `${name}/algo-${i + 1}`),
    timeline: (job.SecondaryStatusTransitions ?? []).flatMap((t) =>
      t.Status && t.StartTime ? [{ status: t.Status, start: t.StartTime.getTime(), end: t.EndTime?.getTime(), message: t.StatusMessage }] : [],
    ),
    details,
    consoleUrl: ctx.scope.sandbox ? undefined : consoleUrl(ctx.scope.region, 'trainingJob', name),
  };
}

function inputLocations(job: DescribeTrainingJobCommandOutput): string[] {
  return (job.InputDataConfig ?? []).flatMap((c) => (c.DataSource?.S3DataSource?.S3Uri ? [c.DataSource.S3DataSource.S3Uri] : []));
}

/** Datasets are feature groups first, then the S3 locations recent training jobs read from. */
export async function listDatasets(ctx: ListContext, pageSize: number, pageToken?: string): Promise<Page<Resource>> {
  const phase = pageToken?.startsWith('s3:') ? 's3' : 'fg';
  const items: Resource[] = [];
  let token: string | undefined;
  if (phase === 'fg') {
    const fgToken = pageToken?.startsWith('fg:') ? pageToken.slice(3) : undefined;
    const page = await collect(pageSize, fgToken, async (MaxResults, NextToken) => {
      const out = await ctx.call('list feature groups', (abortSignal) =>
        ctx.clients.sagemaker.send(new ListFeatureGroupsCommand({ MaxResults, NextToken, SortBy: 'Name', SortOrder: 'Ascending' }), {
          abortSignal,
        }),
      );
      return { items: out.FeatureGroupSummaries ?? [], next: out.NextToken };
    });
    const groups = await Promise.all(page.items.map((s) => ctx.limit(() => describeFeatureGroup(ctx, s.FeatureGroupName ?? ''))));
    items.push(...groups.map((g) => featureGroupResource(ctx, g)));
    token = page.next ? `fg:${page.next}` : 's3:';
    if (page.next || items.length >= pageSize) return { items, nextToken: token };
  }
  items.push(...(await s3InputDatasets(ctx)));
  return { items };
}

async function describeFeatureGroup(ctx: ListContext, name: string): Promise<DescribeFeatureGroupCommandOutput> {
  const cached = ctx.cache.featureGroups.get(name);
  if (cached && cached.FeatureGroupStatus === 'Created') return cached;
  const group = await ctx.call(`describe feature group '${name}'`, (abortSignal) =>
    ctx.clients.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: name }), { abortSignal }),
  );
  ctx.cache.featureGroups.set(name, group);
  return group;
}

function featureGroupResource(ctx: ListContext, g: DescribeFeatureGroupCommandOutput): Resource {
  const name = g.FeatureGroupName ?? '';
  const location = g.OfflineStoreConfig?.S3StorageConfig?.ResolvedOutputS3Uri ?? g.OfflineStoreConfig?.S3StorageConfig?.S3Uri;
  const details: Record<string, string> = {};
  if (g.RecordIdentifierFeatureName) details['Record id'] = g.RecordIdentifierFeatureName;
  if (g.FeatureDefinitions) details['Features'] = String(g.FeatureDefinitions.length);
  details['Stores'] = [g.OnlineStoreConfig?.EnableOnlineStore ? 'online' : '', location ? 'offline (S3)' : ''].filter(Boolean).join(' + ') || 'none';
  return {
    ref: { provider: 'aws', scopeId: ctx.scope.id, kind: 'dataset', name },
    nativeId: g.FeatureGroupArn ?? name,
    status: mapFeatureGroupStatus(g.FeatureGroupStatus),
    rawStatus: g.FeatureGroupStatus ?? 'Unknown',
    statusReason: g.FailureReason,
    createdAt: epoch(g.CreationTime),
    location,
    datasetType: 'featureGroup',
    details,
    consoleUrl: ctx.scope.sandbox ? undefined : consoleUrl(ctx.scope.region, 'dataset', name, `featuregroup:${name}`),
  };
}

/** S3 prefixes read by the most recent training jobs (one list page), each once. */
async function s3InputDatasets(ctx: ListContext): Promise<Resource[]> {
  const out = await ctx.call('list training jobs', (abortSignal) =>
    ctx.clients.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: MAX_LIST_RESULTS, SortBy: 'CreationTime', SortOrder: 'Descending' }), {
      abortSignal,
    }),
  );
  const jobs = await Promise.all(
    (out.TrainingJobSummaries ?? []).map((s) => ctx.limit(() => describeTrainingJob(ctx, s.TrainingJobName ?? '', s.TrainingJobStatus))),
  );
  const readers = new Map<string, string[]>();
  for (const job of jobs) {
    for (const uri of inputLocations(job)) readers.set(uri, [...(readers.get(uri) ?? []), job.TrainingJobName ?? '']);
  }
  return [...readers.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([uri, jobNames]) => ({
      ref: { provider: 'aws' as const, scopeId: ctx.scope.id, kind: 'dataset' as const, name: uri },
      nativeId: `arn:aws:s3:::${uri.slice('s3://'.length)}`,
      status: 'inService' as const,
      rawStatus: 'Available',
      location: uri,
      datasetType: 's3',
      details: { Bucket: bucketOf(uri) ?? '', 'Read by': jobNames.join(', ') },
      consoleUrl: ctx.scope.sandbox ? undefined : consoleUrl(ctx.scope.region, 'dataset', uri, uri),
    }));
}
