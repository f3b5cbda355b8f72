// Resolves a scenario into the sandbox's world: every resource with absolute times, instance
// shapes and compiled signals. Built once per server; metric values are computed on demand.
import { hostileResources } from './hostile';
import { fleetEndpoints } from './fleet';
import { instanceShape } from './hardware';
import { seedKey, seriesKey } from './prng';
import { compileSignal, type CompiledSignal } from './signals';
import { bucketSignals, endpointSignals, trainingSignals } from './stories';
import type {
  AccountSpec,
  BucketSignalName,
  EndpointSignalName,
  EndpointSpec,
  EndpointStatus,
  FeatureGroupSpec,
  RegionSpec,
  S3BucketSpec,
  Scenario,
  Signal,
  TrainingJobSpec,
  TrainingJobStatus,
  TrainingSignalName,
  VariantAutoscalingSpec,
} from './scenarioTypes';
import { MINUTE_MS, parseDuration, resolveTime, type TimeContext } from './time';

export interface VariantModel {
  name: string;
  modelName: string;
  instanceType?: string;
  instanceCount: number;
  /** Share of the endpoint's traffic, 0..1. */
  share: number;
  weight: number;
  serverless?: { memorySizeInMB: number; maxConcurrency: number };
  vcpu: number;
  gpus: number;
  /** Application Auto Scaling target and policy; undefined = fixed capacity. */
  autoscaling?: VariantAutoscalingSpec;
}

export interface EndpointModel {
  name: string;
  arn: string;
  configName: string;
  configArn: string;
  status: EndpointStatus;
  failureReason?: string;
  createdAt: number;
  modifiedAt: number;
  variants: VariantModel[];
  signals: Record<EndpointSignalName, CompiledSignal>;
  latencySpread: number;
  /** Metrics exist from here on while the endpoint serves; undefined = it publishes none. */
  metricsFrom?: number;
  key: number;
}

export interface TrainingJobModel {
  name: string;
  arn: string;
  status: TrainingJobStatus;
  failureReason?: string;
  createdAt: number;
  startedAt: number;
  /** Undefined while the job runs. */
  endedAt?: number;
  instanceType: string;
  instanceCount: number;
  vcpu: number;
  gpus: number;
  hosts: string[];
  algorithm: string;
  inputs: Array<{ channel: string; s3Uri: string }>;
  outputS3Uri: string;
  hyperParameters: Record<string, string>;
  signals: Record<TrainingSignalName, CompiledSignal>;
  key: number;
}

export interface FeatureGroupModel extends FeatureGroupSpec {
  arn: string;
  createdAtMs: number;
}

export interface BucketModel {
  name: string;
  createdAt: number;
  signals: Record<BucketSignalName, CompiledSignal>;
  key: number;
}

export interface RegionModel {
  accountId: string;
  region: string;
  /** IAM actions (`application-autoscaling:DescribeScalableTargets`) denied in this account. */
  deniedActions?: readonly string[];
  endpoints: EndpointModel[];
  trainingJobs: TrainingJobModel[];
  featureGroups: FeatureGroupModel[];
  buckets: BucketModel[];
}

export interface World {
  seed: number;
  anchor: number;
  /** Oldest instant with data. */
  historyStart: number;
  regions: RegionModel[];
  /** The account an access key signs in to. */
  accountFor(accessKeyId: string): string | undefined;
  findRegion(accountId: string, region: string): RegionModel | undefined;
}

const SERVING: ReadonlySet<EndpointStatus> = new Set(['InService', 'Updating', 'SystemUpdating', 'RollingBack']);
const percent = { min: 0, max: 100 };
export const nonNegative = { min: 0 };
/** Value ranges of each signal; exported so every cloud's sandbox clamps the same way. */
export const endpointBounds: Record<EndpointSignalName, { min?: number; max?: number }> = {
  cpu: percent,
  memory: percent,
  disk: percent,
  gpu: percent,
  gpuMemory: percent,
  requestsPerSecond: nonNegative,
  latencyP99Ms: { min: 0.05 },
  overheadLatencyMs: { min: 0.01 },
  errors4xxPercent: percent,
  errors5xxPercent: percent,
};
export const trainingBounds: Record<TrainingSignalName, { min?: number; max?: number }> = {
  cpu: percent,
  memory: percent,
  disk: percent,
  gpu: percent,
  gpuMemory: percent,
};

export interface WorldOptions {
  anchor: number;
  fleetSize?: number;
}

export function buildWorld(scenario: Scenario, options: WorldOptions): World {
  const seed = seedKey(scenario.seed);
  const anchor = options.anchor;
  const historyStart = anchor - parseDuration(scenario.history ?? '14d');
  const accounts = withExtras(scenario, options.fleetSize ?? scenario.fleetSize ?? 0, seed);
  const regions: RegionModel[] = accounts.flatMap((account) =>
    account.regions.map((region) => ({ ...buildRegion(account.id, region, { seed, anchor, historyStart }), deniedActions: account.deniedActions })),
  );
  const keyOwner = new Map<string, string>();
  for (const account of accounts) for (const key of account.accessKeyIds ?? []) keyOwner.set(key, account.id);
  return {
    seed,
    anchor,
    historyStart,
    regions,
    accountFor: (accessKeyId) => keyOwner.get(accessKeyId) ?? accounts[0]?.id,
    findRegion: (accountId, region) => regions.find((r) => r.accountId === accountId && r.region === region),
  };
}

/** Fleet and hostile resources join the first account's first region. */
function withExtras(scenario: Scenario, fleetSize: number, seed: number): AccountSpec[] {
  const accounts = scenario.aws?.accounts ?? [];
  if (accounts.length === 0 || (fleetSize <= 0 && !scenario.hostileNames)) return accounts;
  const [first, ...rest] = accounts;
  const [region, ...otherRegions] = first.regions;
  const extras = scenario.hostileNames ? hostileResources() : {};
  const merged: RegionSpec = {
    ...region,
    endpoints: [...(region.endpoints ?? []), ...(extras.endpoints ?? []), ...fleetEndpoints(fleetSize, seed)],
    trainingJobs: [...(region.trainingJobs ?? []), ...(extras.trainingJobs ?? [])],
    featureGroups: [...(region.featureGroups ?? []), ...(extras.featureGroups ?? [])],
    s3Buckets: [...(region.s3Buckets ?? []), ...(extras.s3Buckets ?? [])],
  };
  return [{ ...first, regions: [merged, ...otherRegions] }, ...rest];
}

interface BuildContext {
  seed: number;
  anchor: number;
  historyStart: number;
}

interface Scope {
  accountId: string;
  region: string;
}

function buildRegion(accountId: string, spec: RegionSpec, ctx: BuildContext): RegionModel {
  const scope: Scope = { accountId, region: spec.name };
  const arn = (kind: string, name: string) => `arn:aws:sagemaker:${spec.name}:${accountId}:${kind}/${name.toLowerCase()}`;
  return {
    accountId,
    region: spec.name,
    endpoints: (spec.endpoints ?? []).map((e) => buildEndpoint(e, arn, ctx, scope)),
    trainingJobs: (spec.trainingJobs ?? []).map((j) => buildTrainingJob(j, arn, ctx, scope)),
    featureGroups: (spec.featureGroups ?? []).map((g) => ({
      ...g,
      arn: arn('feature-group', g.name),
      createdAtMs: resolveTime(g.createdAt ?? '-60d', { now: ctx.anchor }),
    })),
    buckets: (spec.s3Buckets ?? []).map((b) => buildBucket(b, ctx, scope)),
  };
}

export function compileAll<K extends string>(
  signals: Partial<Record<K, Signal>>,
  bounds: Record<K, { min?: number; max?: number }>,
  time: TimeContext,
): Record<K, CompiledSignal> {
  const compiled = {} as Record<K, CompiledSignal>;
  for (const name of Object.keys(bounds) as K[]) compiled[name] = compileSignal(signals[name] ?? {}, time, bounds[name]);
  return compiled;
}

function buildEndpoint(spec: EndpointSpec, arn: (kind: string, name: string) => string, ctx: BuildContext, scope: Scope): EndpointModel {
  const createdAt = resolveTime(spec.createdAt ?? '-45d', { now: ctx.anchor });
  const modifiedAt = spec.modifiedAt ? resolveTime(spec.modifiedAt, { now: ctx.anchor, start: createdAt }) : createdAt + 9 * MINUTE_MS;
  const status = spec.status ?? 'InService';
  const variantSpecs = spec.variants?.length ? spec.variants : [{}];
  const totalWeight = variantSpecs.reduce((sum, v) => sum + (v.weight ?? 1), 0) || 1;
  const variants = variantSpecs.map((v, i): VariantModel => {
    const serverless = v.serverless;
    const instanceType = serverless ? undefined : (v.instanceType ?? 'ml.m5.large');
    const shape = instanceType ? instanceShape(instanceType, v) : { vcpu: 0, gpus: 0 };
    return {
      name: v.name ?? (variantSpecs.length === 1 ? 'AllTraffic' : `variant-${i + 1}`),
      modelName: `${spec.name}-model${variantSpecs.length === 1 ? '' : `-${i + 1}`}`,
      instanceType,
      instanceCount: serverless ? 0 : (v.instanceCount ?? 1),
      share: (v.weight ?? 1) / totalWeight,
      weight: v.weight ?? 1,
      serverless,
      vcpu: shape.vcpu,
      gpus: shape.gpus,
      autoscaling: serverless ? undefined : v.autoscaling,
    };
  });
  const configName = `${spec.name}-config`;
  return {
    name: spec.name,
    arn: arn('endpoint', spec.name),
    configName,
    configArn: arn('endpoint-config', configName),
    status,
    failureReason: spec.failureReason,
    createdAt,
    modifiedAt,
    variants,
    signals: compileAll(endpointSignals(spec.stories, spec.signals), endpointBounds, { now: ctx.anchor, start: createdAt }),
    latencySpread: spec.latencySpread ?? 0.5,
    // A new endpoint takes a few minutes before its first datapoint.
    metricsFrom: SERVING.has(status) ? Math.max(createdAt + 5 * MINUTE_MS, ctx.historyStart) : undefined,
    key: seriesKey(ctx.seed, scope.accountId, scope.region, 'endpoint', spec.name),
  };
}

function buildTrainingJob(spec: TrainingJobSpec, arn: (kind: string, name: string) => string, ctx: BuildContext, scope: Scope): TrainingJobModel {
  const startedAt = resolveTime(spec.startedAt, { now: ctx.anchor });
  const endedAt = spec.status === 'InProgress' || !spec.duration ? undefined : startedAt + parseDuration(spec.duration);
  const count = spec.instanceCount ?? 1;
  const shape = instanceShape(spec.instanceType, spec);
  const time: TimeContext = { now: ctx.anchor, start: startedAt, end: endedAt ?? ctx.anchor };
  return {
    name: spec.name,
    arn: arn('training-job', spec.name),
    status: spec.status,
    failureReason: spec.failureReason,
    createdAt: startedAt - 4 * MINUTE_MS,
    startedAt,
    endedAt,
    instanceType: spec.instanceType,
    instanceCount: count,
    vcpu: shape.vcpu,
    gpus: shape.gpus,
    hosts: Array.from({ length: count }, (_, i) => `${spec.name}/algo-${i + 1}`),
    algorithm: spec.algorithm ?? '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3.0-gpu-py311',
    inputs: spec.inputs ?? [],
    // The bucket SageMaker creates by default for an account and region.
    outputS3Uri: spec.outputS3Uri ?? `s3://sagemaker-${scope.region}-${scope.accountId}/${spec.name}/output/`,
    hyperParameters: spec.hyperParameters ?? {},
    signals: compileAll(trainingSignals(spec.stories, spec.signals), trainingBounds, time),
    key: seriesKey(ctx.seed, scope.accountId, scope.region, 'trainingJob', spec.name),
  };
}

function buildBucket(spec: S3BucketSpec, ctx: BuildContext, scope: Scope): BucketModel {
  const createdAt = resolveTime(spec.createdAt ?? '-400d', { now: ctx.anchor });
  return {
    name: spec.name,
    createdAt,
    signals: compileAll(bucketSignals(spec.stories, spec.signals), { sizeGiB: nonNegative, objects: nonNegative }, { now: ctx.anchor, start: createdAt }),
    key: seriesKey(ctx.seed, scope.accountId, scope.region, 's3', spec.name),
  };
}
