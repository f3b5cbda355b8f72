// SageMaker control-plane operations over the scenario's resources, shaped as the real API
// answers (AWS JSON 1.1, timestamps in epoch seconds).
import { MINUTE_MS } from '../time';
import type { EndpointModel, FeatureGroupModel, TrainingJobModel } from '../workloads';
import type { AwsCallContext, AwsOperation } from './context';
import type { FieldErrors, InputReader } from './input';
import { listPage } from './paging';
import { AwsError, epochSeconds as s } from './protocol';

const lowerFirst = (name: string) => name.replace(/^[A-Z]/, (c) => c.toLowerCase()).replace(/\.([A-Z])/g, (_, c: string) => `.${c.toLowerCase()}`);

/** SageMaker's validation wording, e.g. `Value '500' at 'maxResults' failed to satisfy constraint: ...`. */
export const sageMakerFieldErrors: FieldErrors = {
  missing: (field) => new AwsError('ValidationException', `1 validation error detected: Value null at '${lowerFirst(field)}' failed to satisfy constraint: Member must not be null`),
  invalid: (field, value, constraint) =>
    new AwsError('ValidationException', `1 validation error detected: Value '${String(value)}' at '${lowerFirst(field)}' failed to satisfy constraint: ${constraint}`),
};

const ENDPOINT_STATUSES = ['OutOfService', 'Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'InService', 'Deleting', 'Failed', 'UpdateRollbackFailed'];
const TRAINING_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];
const FEATURE_GROUP_STATUSES = ['Creating', 'Created', 'CreateFailed', 'Deleting', 'DeleteFailed'];
const IMAGE = '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-cpu-py311-ubuntu20.04-sagemaker';

function findEndpoint(input: InputReader, ctx: AwsCallContext): EndpointModel {
  const name = input.string('EndpointName', { required: true, maxLength: 1024 });
  const endpoint = ctx.region.endpoints.find((e) => e.name === name);
  if (!endpoint) {
    const arn = `arn:aws:sagemaker:${ctx.region.region}:${ctx.region.accountId}:endpoint/${name.toLowerCase()}`;
    throw new AwsError('ValidationException', `Could not find endpoint "${arn}".`);
  }
  return endpoint;
}

const listEndpoints: AwsOperation = (input, ctx) => {
  const { page, nextToken } = listPage(ctx.region.endpoints, input, {
    sortKeys: { Name: (e) => e.name, CreationTime: (e) => e.createdAt, Status: (e) => e.status },
    defaultSortBy: 'CreationTime',
    statusField: 'StatusEquals',
    statusValues: ENDPOINT_STATUSES,
    statusOf: (e) => e.status,
    nameOf: (e) => e.name,
    createdOf: (e) => e.createdAt,
    modifiedOf: (e) => e.modifiedAt,
  });
  return {
    Endpoints: page.map((e) => ({
      EndpointName: e.name,
      EndpointArn: e.arn,
      CreationTime: s(e.createdAt),
      LastModifiedTime: s(e.modifiedAt),
      EndpointStatus: e.status,
    })),
    NextToken: nextToken,
  };
};

const describeEndpoint: AwsOperation = (input, ctx) => {
  const e = findEndpoint(input, ctx);
  const creating = e.status === 'Creating';
  // Scaling out is what an Updating endpoint is doing in the sandbox: one more instance wanted.
  const desiredExtra = e.status === 'Updating' ? 1 : 0;
  const variants =
    e.status === 'Failed'
      ? undefined
      : e.variants.map((v) => ({
          VariantName: v.name,
          DeployedImages: creating ? undefined : [{ SpecifiedImage: IMAGE, ResolvedImage: `${IMAGE}@sha256:${'0'.repeat(64)}`, ResolutionTime: s(e.createdAt + MINUTE_MS) }],
          CurrentWeight: v.weight,
          DesiredWeight: v.weight,
          CurrentInstanceCount: v.serverless || creating ? undefined : v.instanceCount,
          DesiredInstanceCount: v.serverless ? undefined : v.instanceCount + desiredExtra,
          VariantStatus: creating ? [{ Status: 'Creating', StatusMessage: 'Launching instances', StartTime: s(e.createdAt) }] : undefined,
          CurrentServerlessConfig: v.serverless && !creating ? { MemorySizeInMB: v.serverless.memorySizeInMB, MaxConcurrency: v.serverless.maxConcurrency } : undefined,
          DesiredServerlessConfig: v.serverless ? { MemorySizeInMB: v.serverless.memorySizeInMB, MaxConcurrency: v.serverless.maxConcurrency } : undefined,
        }));
  return {
    EndpointName: e.name,
    EndpointArn: e.arn,
    EndpointConfigName: e.configName,
    ProductionVariants: variants,
    EndpointStatus: e.status,
    FailureReason: e.failureReason,
    CreationTime: s(e.createdAt),
    LastModifiedTime: s(e.modifiedAt),
  };
};

const describeEndpointConfig: AwsOperation = (input, ctx) => {
  const name = input.string('EndpointConfigName', { required: true, maxLength: 1024 });
  const e = ctx.region.endpoints.find((x) => x.configName === name);
  if (!e) {
    const arn = `arn:aws:sagemaker:${ctx.region.region}:${ctx.region.accountId}:endpoint-config/${name.toLowerCase()}`;
    throw new AwsError('ValidationException', `Could not find endpoint configuration "${arn}".`);
  }
  return {
    EndpointConfigName: e.configName,
    EndpointConfigArn: e.configArn,
    ProductionVariants: e.variants.map((v) => ({
      VariantName: v.name,
      ModelName: v.modelName,
      InitialInstanceCount: v.serverless ? undefined : v.instanceCount,
      InstanceType: v.instanceType,
      InitialVariantWeight: v.weight,
      ServerlessConfig: v.serverless ? { MemorySizeInMB: v.serverless.memorySizeInMB, MaxConcurrency: v.serverless.maxConcurrency } : undefined,
    })),
    CreationTime: s(e.createdAt - 2 * MINUTE_MS),
  };
};

interface Transition {
  Status: string;
  StartTime: number;
  EndTime?: number;
  StatusMessage: string;
}

/** The secondary-status history SageMaker reports, derived from the job's start, end and outcome. */
function transitions(job: TrainingJobModel): Transition[] {
  const start = job.startedAt;
  const trainingFrom = start + 2 * MINUTE_MS;
  const end = job.endedAt;
  const list: Transition[] = [
    { Status: 'Starting', StartTime: job.createdAt, EndTime: start, StatusMessage: 'Preparing the instances for training' },
    { Status: 'Downloading', StartTime: start, EndTime: trainingFrom, StatusMessage: 'Downloading input data' },
    { Status: 'Training', StartTime: trainingFrom, StatusMessage: 'Training image download completed. Training in progress.' },
  ];
  const training = list[2];
  if (end === undefined) return list;
  const wrapUp = Math.max(trainingFrom, end - MINUTE_MS);
  switch (job.status) {
    case 'Completed':
      training.EndTime = wrapUp;
      list.push({ Status: 'Uploading', StartTime: wrapUp, EndTime: end, StatusMessage: 'Uploading generated training model' });
      list.push({ Status: 'Completed', StartTime: end, EndTime: end, StatusMessage: 'Training job completed' });
      break;
    case 'Failed':
      training.EndTime = end;
      list.push({ Status: 'Failed', StartTime: end, EndTime: end, StatusMessage: job.failureReason ?? 'Training job failed' });
      break;
    case 'Stopping':
      training.EndTime = end;
      list.push({ Status: 'Stopping', StartTime: end, StatusMessage: 'Stopping the training job' });
      break;
    case 'Stopped':
      training.EndTime = wrapUp;
      list.push({ Status: 'Stopping', StartTime: wrapUp, EndTime: end, StatusMessage: 'Stopping the training job' });
      list.push({ Status: 'Stopped', StartTime: end, EndTime: end, StatusMessage: 'The training job was stopped.' });
      break;
  }
  return list;
}

const toWire = (t: Transition) => ({ ...t, StartTime: s(t.StartTime), EndTime: t.EndTime === undefined ? undefined : s(t.EndTime) });
const finished = (job: TrainingJobModel) => job.endedAt !== undefined && job.status !== 'Stopping';

const listTrainingJobs: AwsOperation = (input, ctx) => {
  const { page, nextToken } = listPage(ctx.region.trainingJobs, input, {
    sortKeys: { Name: (j) => j.name, CreationTime: (j) => j.createdAt, Status: (j) => j.status },
    defaultSortBy: 'CreationTime',
    statusField: 'StatusEquals',
    statusValues: TRAINING_STATUSES,
    statusOf: (j) => j.status,
    nameOf: (j) => j.name,
    createdOf: (j) => j.createdAt,
    modifiedOf: (j) => j.endedAt ?? j.startedAt,
  });
  return {
    TrainingJobSummaries: page.map((j) => ({
      TrainingJobName: j.name,
      TrainingJobArn: j.arn,
      CreationTime: s(j.createdAt),
      TrainingEndTime: finished(j) ? s(j.endedAt!) : undefined,
      LastModifiedTime: s(j.endedAt ?? j.startedAt),
      TrainingJobStatus: j.status,
      SecondaryStatus: transitions(j).at(-1)!.Status,
    })),
    NextToken: nextToken,
  };
};

const describeTrainingJob: AwsOperation = (input, ctx) => {
  const name = input.string('TrainingJobName', { required: true, maxLength: 1024 });
  const job = ctx.region.trainingJobs.find((j) => j.name === name);
  if (!job) throw new AwsError('ValidationException', 'Requested resource not found.');
  const history = transitions(job);
  const seconds = (from: number, to: number) => Math.round((to - from) / 1000);
  const end = finished(job) ? job.endedAt : undefined;
  return {
    TrainingJobName: job.name,
    TrainingJobArn: job.arn,
    ModelArtifacts: { S3ModelArtifacts: job.status === 'Completed' ? `${job.outputS3Uri}model.tar.gz` : '' },
    TrainingJobStatus: job.status,
    SecondaryStatus: history.at(-1)!.Status,
    FailureReason: job.status === 'Failed' ? job.failureReason : undefined,
    HyperParameters: job.hyperParameters,
    AlgorithmSpecification: { TrainingImage: job.algorithm, TrainingInputMode: 'File', EnableSageMakerMetricsTimeSeries: true },
    RoleArn: `arn:aws:iam::${ctx.region.accountId}:role/service-role/AmazonSageMaker-ExecutionRole`,
    InputDataConfig: job.inputs.map((i) => ({
      ChannelName: i.channel,
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: i.s3Uri, S3DataDistributionType: 'FullyReplicated' } },
      CompressionType: 'None',
      RecordWrapperType: 'None',
    })),
    OutputDataConfig: { S3OutputPath: job.outputS3Uri },
    ResourceConfig: { InstanceType: job.instanceType, InstanceCount: job.instanceCount, VolumeSizeInGB: 100 },
    StoppingCondition: { MaxRuntimeInSeconds: 86400 * 2 },
    CreationTime: s(job.createdAt),
    TrainingStartTime: s(job.startedAt),
    TrainingEndTime: end === undefined ? undefined : s(end),
    LastModifiedTime: s(job.endedAt ?? job.startedAt),
    SecondaryStatusTransitions: history.map(toWire),
    TrainingTimeInSeconds: end === undefined ? undefined : seconds(job.startedAt, end),
    BillableTimeInSeconds: end === undefined ? undefined : seconds(job.startedAt, end) * job.instanceCount,
    EnableNetworkIsolation: false,
    EnableManagedSpotTraining: false,
  };
};

const featureGroupSummary = (g: FeatureGroupModel) => ({
  FeatureGroupName: g.name,
  FeatureGroupArn: g.arn,
  CreationTime: s(g.createdAtMs),
  FeatureGroupStatus: g.status ?? 'Created',
  OfflineStoreStatus: g.offlineStoreS3Uri ? { Status: 'Active' } : undefined,
});

const listFeatureGroups: AwsOperation = (input, ctx) => {
  const offline = input.string('OfflineStoreStatusEquals', { values: ['Active', 'Blocked', 'Disabled'] });
  const groups = offline === undefined ? ctx.region.featureGroups : ctx.region.featureGroups.filter((g) => (g.offlineStoreS3Uri ? 'Active' : 'Disabled') === offline);
  const { page, nextToken } = listPage(groups, input, {
    sortKeys: { Name: (g) => g.name, FeatureGroupStatus: (g) => g.status ?? 'Created', OfflineStoreStatus: (g) => (g.offlineStoreS3Uri ? 'Active' : ''), CreationTime: (g) => g.createdAtMs },
    defaultSortBy: 'CreationTime',
    statusField: 'FeatureGroupStatusEquals',
    statusValues: FEATURE_GROUP_STATUSES,
    statusOf: (g) => g.status ?? 'Created',
    nameOf: (g) => g.name,
    createdOf: (g) => g.createdAtMs,
  });
  return { FeatureGroupSummaries: page.map(featureGroupSummary), NextToken: nextToken };
};

const describeFeatureGroup: AwsOperation = (input, ctx) => {
  const name = input.string('FeatureGroupName', { required: true });
  const g = ctx.region.featureGroups.find((x) => x.name === name || x.arn === name);
  if (!g) throw new AwsError('ResourceNotFound', `Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${name}`);
  const tableName = `${g.name.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase()}_${Math.floor(g.createdAtMs / 1000)}`;
  return {
    ...featureGroupSummary(g),
    RecordIdentifierFeatureName: g.recordIdentifier,
    EventTimeFeatureName: g.eventTime,
    FeatureDefinitions: g.features.map((f) => ({ FeatureName: f.name, FeatureType: f.type })),
    LastModifiedTime: s(g.createdAtMs),
    OnlineStoreConfig: g.onlineStore ? { EnableOnlineStore: true, StorageType: 'Standard' } : undefined,
    OfflineStoreConfig: g.offlineStoreS3Uri
      ? {
          S3StorageConfig: { S3Uri: g.offlineStoreS3Uri, ResolvedOutputS3Uri: `${g.offlineStoreS3Uri.replace(/\/$/, '')}/${ctx.region.accountId}/sagemaker/${ctx.region.region}/offline-store/${tableName}/data` },
          DisableGlueTableCreation: false,
          DataCatalogConfig: { TableName: tableName, Catalog: 'AwsDataCatalog', Database: 'sagemaker_featurestore' },
          TableFormat: 'Glue',
        }
      : undefined,
    RoleArn: `arn:aws:iam::${ctx.region.accountId}:role/service-role/AmazonSageMaker-ExecutionRole`,
    FailureReason: g.failureReason,
    Description: g.description,
    OnlineStoreTotalSizeBytes: g.onlineStore ? 48_213_504 : undefined,
  };
};

export const sageMakerOperations: Record<string, AwsOperation> = {
  ListEndpoints: listEndpoints,
  DescribeEndpoint: describeEndpoint,
  DescribeEndpointConfig: describeEndpointConfig,
  ListTrainingJobs: listTrainingJobs,
  DescribeTrainingJob: describeTrainingJob,
  ListFeatureGroups: listFeatureGroups,
  DescribeFeatureGroup: describeFeatureGroup,
};
