// The SageMaker sandbox through the real @aws-sdk/client-sagemaker.
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeFeatureGroupCommand,
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListFeatureGroupsCommand,
  ListTrainingJobsCommand,
  paginateListEndpoints,
  paginateListFeatureGroups,
  paginateListTrainingJobs,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import * as assert from 'node:assert/strict';
import { defaultScenario } from '../../../src/sandbox/server';
import { NOON, openSandbox, rejection, type TestSandbox } from './helpers';

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const defaultEndpoints = defaultScenario.aws!.accounts[0].regions[0].endpoints!.map((e) => e.name);

describe('sandbox/sagemaker', function () {
  let t: TestSandbox;
  let sm: SageMakerClient;
  before(async () => {
    t = await openSandbox({ fleetSize: 23 });
    sm = t.sagemaker();
  });
  after(() => t.close());

  it('pages ListEndpoints by NextToken without losing or repeating one', async () => {
    const pages = await collect(paginateListEndpoints({ client: sm, pageSize: 7 }, {}));
    const names = pages.flatMap((p) => p.Endpoints!.map((e) => e.EndpointName!));
    assert.equal(names.length, defaultEndpoints.length + 23);
    assert.equal(new Set(names).size, names.length);
    assert.ok(pages.slice(0, -1).every((p) => p.Endpoints!.length === 7 && p.NextToken));
    assert.equal(pages.at(-1)!.NextToken, undefined);
    for (const name of defaultEndpoints) assert.ok(names.includes(name), name);
  });

  it('returns 10 endpoints by default, newest first', async () => {
    const page = await sm.send(new ListEndpointsCommand({}));
    assert.equal(page.Endpoints!.length, 10);
    const created = page.Endpoints!.map((e) => e.CreationTime!.getTime());
    assert.deepEqual(created, [...created].sort((a, b) => b - a));
    assert.equal(page.Endpoints![0].EndpointName, 'ab-test-candidate');
    assert.equal(page.Endpoints![0].CreationTime!.getTime(), NOON - 12 * 60_000);
  });

  it('filters and sorts ListEndpoints like the real API', async () => {
    const failed = await sm.send(new ListEndpointsCommand({ StatusEquals: 'Failed' }));
    assert.deepEqual(failed.Endpoints!.map((e) => e.EndpointName), ['legacy-xgboost']);
    const fraud = await sm.send(new ListEndpointsCommand({ NameContains: 'FRAUD', SortBy: 'Name', SortOrder: 'Ascending' }));
    assert.deepEqual(fraud.Endpoints!.map((e) => e.EndpointName), ['fraud-detector-prod']);
    const byName = await collect(paginateListEndpoints({ client: sm, pageSize: 100 }, { SortBy: 'Name', SortOrder: 'Ascending' }));
    const names = byName[0].Endpoints!.map((e) => e.EndpointName!);
    assert.deepEqual(names, [...names].sort());
  });

  it('rejects MaxResults over 100 and unknown sort keys with ValidationException', async () => {
    const tooMany = await rejection(sm.send(new ListEndpointsCommand({ MaxResults: 101 })));
    assert.equal(tooMany.name, 'ValidationException');
    assert.match(tooMany.message, /maxResults.*less than or equal to 100/);
    const badSort = await rejection(sm.send(new ListEndpointsCommand({ SortBy: 'Size' as never })));
    assert.equal(badSort.name, 'ValidationException');
  });

  it('rejects a NextToken issued for other filters', async () => {
    const first = await sm.send(new ListEndpointsCommand({ MaxResults: 2 }));
    const err = await rejection(sm.send(new ListEndpointsCommand({ MaxResults: 2, NextToken: first.NextToken, NameContains: 'fleet' })));
    assert.equal(err.name, 'ValidationException');
  });

  it('describes an instance endpoint and its config', async () => {
    const e = await sm.send(new DescribeEndpointCommand({ EndpointName: 'image-classifier-gpu' }));
    assert.equal(e.EndpointStatus, 'InService');
    assert.equal(e.EndpointArn, 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/image-classifier-gpu');
    assert.equal(e.ProductionVariants![0].VariantName, 'AllTraffic');
    assert.equal(e.ProductionVariants![0].CurrentInstanceCount, 2);
    assert.ok(e.CreationTime instanceof Date);
    const config = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: e.EndpointConfigName }));
    assert.deepEqual(
      config.ProductionVariants!.map((v) => [v.VariantName, v.InstanceType, v.InitialInstanceCount]),
      [['AllTraffic', 'ml.g5.12xlarge', 2]],
    );
  });

  it('describes serverless, creating and failed endpoints', async () => {
    const serverless = await sm.send(new DescribeEndpointCommand({ EndpointName: 'sentiment-serverless' }));
    assert.deepEqual(serverless.ProductionVariants![0].CurrentServerlessConfig, { MemorySizeInMB: 4096, MaxConcurrency: 20 });
    assert.equal(serverless.ProductionVariants![0].CurrentInstanceCount, undefined);
    const config = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: serverless.EndpointConfigName }));
    assert.equal(config.ProductionVariants![0].InstanceType, undefined);
    assert.deepEqual(config.ProductionVariants![0].ServerlessConfig, { MemorySizeInMB: 4096, MaxConcurrency: 20 });
    const creating = await sm.send(new DescribeEndpointCommand({ EndpointName: 'ab-test-candidate' }));
    assert.equal(creating.EndpointStatus, 'Creating');
    const failed = await sm.send(new DescribeEndpointCommand({ EndpointName: 'legacy-xgboost' }));
    assert.equal(failed.EndpointStatus, 'Failed');
    assert.match(failed.FailureReason!, /ping health check/);
  });

  it('answers an unknown endpoint or config as the real service does', async () => {
    const err = await rejection(sm.send(new DescribeEndpointCommand({ EndpointName: 'no-such-endpoint' })));
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.message, 'Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/no-such-endpoint".');
    const config = await rejection(sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'nope' })));
    assert.match(config.message, /Could not find endpoint configuration/);
  });

  it('pages and filters training jobs', async () => {
    const pages = await collect(paginateListTrainingJobs({ client: sm, pageSize: 1 }, {}));
    assert.equal(pages.flatMap((p) => p.TrainingJobSummaries!).length, 4);
    const failed = await sm.send(new ListTrainingJobsCommand({ StatusEquals: 'Failed' }));
    assert.deepEqual(failed.TrainingJobSummaries!.map((j) => j.TrainingJobName), ['llm-pretrain-oom']);
    const statuses = Object.fromEntries(pages.flatMap((p) => p.TrainingJobSummaries!).map((j) => [j.TrainingJobName, j.TrainingJobStatus]));
    assert.deepEqual(statuses, {
      'bert-finetune-2026-11-28': 'Completed',
      'resnet50-train-2026-11-30': 'InProgress',
      'llm-pretrain-oom': 'Failed',
      'xgboost-churn-tuning': 'Stopped',
    });
  });

  it('describes a running and a failed training job', async () => {
    const running = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'resnet50-train-2026-11-30' }));
    assert.deepEqual(running.ResourceConfig, { InstanceType: 'ml.p3.8xlarge', InstanceCount: 2, VolumeSizeInGB: 100 });
    assert.equal(running.SecondaryStatus, 'Training');
    assert.equal(running.TrainingEndTime, undefined);
    assert.equal(running.TrainingStartTime!.getTime(), NOON - 9 * 3600_000);
    assert.equal(running.InputDataConfig![0].DataSource!.S3DataSource!.S3Uri, 's3://acme-ml-datasets/imagenet/train/');
    const oom = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'llm-pretrain-oom' }));
    assert.equal(oom.TrainingJobStatus, 'Failed');
    assert.match(oom.FailureReason!, /^ClientError: Please use an instance type with more memory/);
    assert.deepEqual(oom.SecondaryStatusTransitions!.map((s) => s.Status), ['Starting', 'Downloading', 'Training', 'Failed']);
    assert.equal(oom.TrainingTimeInSeconds, 2.75 * 3600);
    const missing = await rejection(sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'nope' })));
    assert.equal(missing.name, 'ValidationException');
  });

  it('lists and describes feature groups', async () => {
    const pages = await collect(paginateListFeatureGroups({ client: sm, pageSize: 2 }, { SortBy: 'Name', SortOrder: 'Ascending' }));
    const names = pages.flatMap((p) => p.FeatureGroupSummaries!.map((g) => g.FeatureGroupName));
    assert.deepEqual(names, ['customer-features', 'session-features', 'transaction-features']);
    const fg = await sm.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'customer-features' }));
    assert.equal(fg.RecordIdentifierFeatureName, 'customer_id');
    assert.equal(fg.OfflineStoreConfig!.S3StorageConfig!.S3Uri, 's3://acme-feature-store/customer/');
    assert.equal(fg.OnlineStoreConfig!.EnableOnlineStore, true);
    const creating = await sm.send(new ListFeatureGroupsCommand({ FeatureGroupStatusEquals: 'Creating' }));
    assert.deepEqual(creating.FeatureGroupSummaries!.map((g) => g.FeatureGroupName), ['session-features']);
    const missing = await rejection(sm.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'nope' })));
    assert.equal(missing.name, 'ResourceNotFound');
  });

  it('keeps resources in their region: other regions list only their own', async () => {
    const west = await t.sagemaker({ region: 'us-west-2' }).send(new ListEndpointsCommand({}));
    assert.deepEqual(west.Endpoints!.map((e) => e.EndpointName), ['fraud-detector-dr']);
    const eu = t.sagemaker({ region: 'eu-west-1' });
    assert.deepEqual((await eu.send(new ListEndpointsCommand({}))).Endpoints, []);
    assert.deepEqual((await eu.send(new ListTrainingJobsCommand({}))).TrainingJobSummaries, []);
    const err = await rejection(eu.send(new DescribeEndpointCommand({ EndpointName: 'fraud-detector-prod' })));
    assert.match(err.message, /arn:aws:sagemaker:eu-west-1:/);
  });

  it('counts requests by operation', async () => {
    t.sandbox.resetCounts();
    await sm.send(new ListEndpointsCommand({}));
    await sm.send(new ListEndpointsCommand({}));
    await sm.send(new DescribeEndpointCommand({ EndpointName: 'search-ranker' }));
    assert.deepEqual(t.sandbox.requestCounts(), { 'SageMaker.ListEndpoints': 2, 'SageMaker.DescribeEndpoint': 1 });
  });
});
