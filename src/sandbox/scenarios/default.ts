// The built-in scenario: a small ML platform in which each resource tells one story a user of
// the extension should notice. docs/scenarios.md lists the names and the figures to expect;
// tests and demos rely on them, so change both together.
import { defaultAzureScenario } from '../azure/defaultScenario';
import type { Scenario } from '../scenarioTypes';

export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_GCP_PROJECT = 'sandbox-project';
export const DEFAULT_GCP_LOCATION = 'us-central1';

export const defaultScenario: Scenario = {
  name: 'default',
  description: 'A retail ML platform: healthy, wasteful, leaking, regressed, erroring and saturated endpoints; training jobs in every state.',
  seed: 20261201,
  history: '14d',
  aws: {
    accounts: [
      {
        id: DEFAULT_ACCOUNT_ID,
        regions: [
          {
            name: DEFAULT_REGION,
            endpoints: [
              {
                name: 'fraud-detector-prod',
                createdAt: '-120d',
                // Scales on invocations per instance (~1,200 a minute each today), so it keeps no findings.
                variants: [{ instanceType: 'ml.c5.xlarge', instanceCount: 2, autoscaling: { minCapacity: 2, maxCapacity: 6, policy: { targetValue: 1500 } } }],
                stories: ['healthy'],
                signals: {
                  requestsPerSecond: { base: 40, noise: 2, diurnal: 6 },
                  latencyP99Ms: { base: 180, noise: 8 },
                  errors5xxPercent: { base: 0.1, noise: 0.02 },
                  errors4xxPercent: { base: 0.05, noise: 0.01 },
                  cpu: { base: 35, noise: 4, diurnal: 8 },
                },
              },
              {
                name: 'image-classifier-gpu',
                createdAt: '-40d',
                variants: [{ instanceType: 'ml.g5.12xlarge', instanceCount: 2 }],
                stories: ['overProvisionedGpu'],
                signals: { requestsPerSecond: { base: 6, noise: 0.6, diurnal: 2 }, latencyP99Ms: { base: 95, noise: 6 }, gpu: { base: 6, noise: 1, diurnal: 1 } },
              },
              {
                name: 'recommender-prod',
                createdAt: '-60d',
                // No scalable target: production traffic on fixed capacity (availability/no-autoscaling).
                variants: [{ instanceType: 'ml.m5.xlarge', instanceCount: 3 }],
                stories: ['memoryLeak'],
                signals: { requestsPerSecond: { base: 55, noise: 3, diurnal: 10 }, latencyP99Ms: { base: 120, noise: 8 } },
              },
              {
                name: 'search-ranker',
                createdAt: '-75d',
                variants: [{ instanceType: 'ml.c5.2xlarge', instanceCount: 2, autoscaling: { minCapacity: 2, maxCapacity: 4, policy: false } }],
                stories: ['latencyRegression'],
                signals: { requestsPerSecond: { base: 30, noise: 2, diurnal: 6 } },
              },
              {
                name: 'churn-predictor',
                createdAt: '-90d',
                variants: [{ instanceType: 'ml.m5.large', instanceCount: 2, autoscaling: { minCapacity: 2, maxCapacity: 8, policy: { targetValue: 700 } } }],
                stories: ['errorSpike'],
                signals: { requestsPerSecond: { base: 12, noise: 1, diurnal: 3 } },
              },
              {
                name: 'nlp-summarizer',
                createdAt: '-30d',
                variants: [{ instanceType: 'ml.m5.large', instanceCount: 2 }],
                stories: ['cpuSaturated'],
                signals: { requestsPerSecond: { base: 8, noise: 0.8, diurnal: 2 } },
              },
              {
                name: 'pricing-model-prod',
                createdAt: '-200d',
                variants: [{ instanceType: 'ml.m5.xlarge', instanceCount: 1 }],
                stories: ['healthy'],
                signals: { requestsPerSecond: { base: 25, noise: 1.5, diurnal: 5 }, latencyP99Ms: { base: 90, noise: 5 } },
              },
              {
                name: 'sentiment-serverless',
                createdAt: '-20d',
                variants: [{ serverless: { memorySizeInMB: 4096, maxConcurrency: 20 } }],
                stories: ['healthy'],
                signals: { requestsPerSecond: { base: 3, noise: 0.4, diurnal: 1 }, latencyP99Ms: { base: 260, noise: 20 } },
              },
              {
                name: 'ab-test-candidate',
                status: 'Creating',
                createdAt: '-12m',
                variants: [{ instanceType: 'ml.g5.2xlarge', instanceCount: 1 }],
              },
              {
                name: 'legacy-xgboost',
                status: 'Failed',
                createdAt: '-2d',
                variants: [{ instanceType: 'ml.m5.large', instanceCount: 1 }],
                failureReason:
                  'The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.',
              },
            ],
            trainingJobs: [
              {
                name: 'bert-finetune-2026-11-28',
                status: 'Completed',
                instanceType: 'ml.p3.2xlarge',
                instanceCount: 1,
                startedAt: '-3d',
                duration: '3h20m',
                stories: ['healthy'],
                inputs: [
                  { channel: 'train', s3Uri: 's3://acme-ml-datasets/bert/train/' },
                  { channel: 'validation', s3Uri: 's3://acme-ml-datasets/bert/validation/' },
                ],
                outputS3Uri: 's3://acme-ml-models/bert-finetune/',
                hyperParameters: { epochs: '3', learning_rate: '2e-5', batch_size: '32' },
              },
              {
                name: 'resnet50-train-2026-11-30',
                status: 'InProgress',
                instanceType: 'ml.p3.8xlarge',
                instanceCount: 2,
                startedAt: '-9h',
                stories: ['dataLoaderBottleneck'],
                inputs: [{ channel: 'train', s3Uri: 's3://acme-ml-datasets/imagenet/train/' }],
                outputS3Uri: 's3://acme-ml-models/resnet50/',
                hyperParameters: { epochs: '90', batch_size: '256', num_workers: '2' },
              },
              {
                name: 'llm-pretrain-oom',
                status: 'Failed',
                instanceType: 'ml.g5.12xlarge',
                instanceCount: 1,
                startedAt: '-20h',
                duration: '2h45m',
                stories: ['outOfMemory'],
                failureReason: 'ClientError: Please use an instance type with more memory, or reduce the size of job data processed on an instance.',
                inputs: [{ channel: 'train', s3Uri: 's3://acme-ml-datasets/corpus/' }],
                outputS3Uri: 's3://acme-ml-models/llm-pretrain/',
                hyperParameters: { max_seq_length: '4096', per_device_batch_size: '16' },
              },
              {
                name: 'xgboost-churn-tuning',
                status: 'Stopped',
                instanceType: 'ml.m5.xlarge',
                instanceCount: 1,
                startedAt: '-2d',
                duration: '1h10m',
                stories: ['healthy'],
                algorithm: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
                inputs: [{ channel: 'train', s3Uri: 's3://acme-ml-datasets/churn/' }],
                outputS3Uri: 's3://acme-ml-models/xgboost-churn/',
                hyperParameters: { max_depth: '6', eta: '0.2', num_round: '400' },
              },
            ],
            featureGroups: [
              {
                name: 'customer-features',
                createdAt: '-150d',
                description: 'Customer profile and lifetime-value features',
                recordIdentifier: 'customer_id',
                eventTime: 'event_time',
                onlineStore: true,
                offlineStoreS3Uri: 's3://acme-feature-store/customer/',
                features: [
                  { name: 'customer_id', type: 'String' },
                  { name: 'event_time', type: 'String' },
                  { name: 'lifetime_value', type: 'Fractional' },
                  { name: 'orders_90d', type: 'Integral' },
                  { name: 'segment', type: 'String' },
                ],
              },
              {
                name: 'transaction-features',
                createdAt: '-100d',
                description: 'Per-transaction aggregates for fraud scoring',
                recordIdentifier: 'transaction_id',
                eventTime: 'event_time',
                onlineStore: false,
                offlineStoreS3Uri: 's3://acme-feature-store/transaction/',
                features: [
                  { name: 'transaction_id', type: 'String' },
                  { name: 'event_time', type: 'String' },
                  { name: 'amount', type: 'Fractional' },
                  { name: 'merchant_risk', type: 'Fractional' },
                  { name: 'card_txn_count_24h', type: 'Integral' },
                ],
              },
              {
                name: 'session-features',
                status: 'Creating',
                createdAt: '-8m',
                recordIdentifier: 'session_id',
                eventTime: 'event_time',
                onlineStore: true,
                features: [
                  { name: 'session_id', type: 'String' },
                  { name: 'event_time', type: 'String' },
                  { name: 'pages_viewed', type: 'Integral' },
                ],
              },
            ],
            s3Buckets: [
              {
                name: 'acme-ml-datasets',
                createdAt: '-700d',
                stories: ['growing'],
                signals: { sizeGiB: { base: 1800, trend: { from: '-14d', perDay: 25 } }, objects: { base: 2_400_000, trend: { from: '-14d', perDay: 18_000 } } },
              },
              {
                name: 'acme-feature-store',
                createdAt: '-150d',
                stories: ['growing'],
                signals: { sizeGiB: { base: 350, trend: { from: '-14d', perDay: 6 } }, objects: { base: 410_000, trend: { from: '-14d', perDay: 4_000 } } },
              },
              {
                name: 'acme-ml-models',
                createdAt: '-700d',
                stories: ['stable'],
                signals: { sizeGiB: { base: 120 }, objects: { base: 5_400 } },
              },
            ],
          },
          {
            name: 'us-west-2',
            endpoints: [
              {
                name: 'fraud-detector-dr',
                createdAt: '-120d',
                variants: [{ instanceType: 'ml.c5.xlarge', instanceCount: 1 }],
                stories: ['healthy'],
                signals: { requestsPerSecond: { base: 2, noise: 0.3, diurnal: 0.5 }, cpu: { base: 6, noise: 1, diurnal: 1 } },
              },
            ],
          },
        ],
      },
    ],
  },
  azure: defaultAzureScenario,
  // Vertex AI: the same kinds of stories as the SageMaker resources above (docs/scenarios.md).
  gcp: {
    projects: [
      {
        id: DEFAULT_GCP_PROJECT,
        number: '418276530912',
        // The retail datasets' queries: full scans of the growing transactions table slow down every day.
        bigquery: { stories: ['queryTimeRising'] },
        locations: [
          {
            name: DEFAULT_GCP_LOCATION,
            endpoints: [
              {
                name: 'fraud-scorer',
                createdAt: '-110d',
                deployedModels: [{ displayName: 'fraud-scorer-v7', machineType: 'n1-standard-4', minReplicaCount: 2, maxReplicaCount: 4 }],
                stories: ['healthy'],
                signals: { requestsPerSecond: { base: 35, noise: 2, diurnal: 6 }, latencyP99Ms: { base: 160, noise: 8 }, errors5xxPercent: { base: 0.08, noise: 0.02 }, errors4xxPercent: { base: 0.1, noise: 0.02 } },
              },
              {
                name: 'image-tagger-t4',
                createdAt: '-35d',
                deployedModels: [{ displayName: 'image-tagger-resnet', machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1, minReplicaCount: 2, maxReplicaCount: 2 }],
                stories: ['overProvisionedGpu'],
                signals: { requestsPerSecond: { base: 5, noise: 0.5, diurnal: 1.5 }, latencyP99Ms: { base: 110, noise: 6 }, gpu: { base: 5, noise: 1, diurnal: 1 } },
              },
              {
                name: 'search-reranker',
                createdAt: '-70d',
                deployedModels: [{ displayName: 'reranker-bert-small', machineType: 'n1-highcpu-8', minReplicaCount: 2, maxReplicaCount: 6 }],
                stories: ['latencyRegression'],
                signals: { requestsPerSecond: { base: 25, noise: 2, diurnal: 5 } },
              },
              {
                name: 'churn-scorer',
                createdAt: '-85d',
                deployedModels: [{ displayName: 'churn-xgb', machineType: 'n1-standard-2', minReplicaCount: 2 }],
                stories: ['errorSpike'],
                signals: { requestsPerSecond: { base: 10, noise: 1, diurnal: 2 } },
              },
              {
                name: 'recs-retrieval',
                createdAt: '-50d',
                deployedModels: [
                  { displayName: 'two-tower-v3', machineType: 'n1-highmem-4', minReplicaCount: 3, trafficPercent: 90 },
                  { displayName: 'two-tower-v4-canary', machineType: 'n1-highmem-4', minReplicaCount: 1, trafficPercent: 10 },
                ],
                stories: ['memoryLeak'],
                signals: { requestsPerSecond: { base: 45, noise: 3, diurnal: 9 }, latencyP99Ms: { base: 130, noise: 8 } },
              },
              { name: 'sentiment-staging', createdAt: '-3d' },
            ],
            customJobs: [
              {
                name: 'tabnet-train-2026-11-30',
                state: 'JOB_STATE_RUNNING',
                startedAt: '-6h',
                workerPools: [{ machineType: 'n1-standard-16', acceleratorType: 'NVIDIA_TESLA_V100', acceleratorCount: 2, replicaCount: 2 }],
                stories: ['dataLoaderBottleneck'],
                args: ['--epochs=60', '--batch-size=1024', '--num-workers=2'],
              },
              {
                name: 'bert-classifier-oom',
                state: 'JOB_STATE_FAILED',
                startedAt: '-18h',
                duration: '2h10m',
                workerPools: [{ machineType: 'g2-standard-12', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1, replicaCount: 1 }],
                stories: ['outOfMemory'],
                error: { code: 3, message: 'The replica workerpool0-0 exited with a non-zero status of 137. Termination reason: OOMKilled.' },
              },
              {
                name: 'xgb-forecast-2026-11-28',
                state: 'JOB_STATE_SUCCEEDED',
                startedAt: '-3d',
                duration: '1h40m',
                workerPools: [{ machineType: 'n1-standard-8', replicaCount: 1 }],
                stories: ['healthy'],
              },
              {
                name: 'automl-tuning-cancelled',
                state: 'JOB_STATE_CANCELLED',
                startedAt: '-2d',
                duration: '35m',
                workerPools: [{ machineType: 'n1-standard-4', replicaCount: 1 }],
              },
            ],
            trainingPipelines: [
              {
                name: 'demand-forecast-train',
                state: 'PIPELINE_STATE_SUCCEEDED',
                startedAt: '-30h',
                duration: '2h20m',
                dataset: 'transactions-bq',
                workerPools: [{ machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1, replicaCount: 1 }],
                imageUri: 'us-docker.pkg.dev/vertex-ai/training/tf-gpu.2-15.py310:latest',
                args: ['--epochs=40', '--horizon=28'],
                stories: ['healthy'],
              },
              {
                name: 'llm-finetune-a100',
                state: 'PIPELINE_STATE_FAILED',
                startedAt: '-5h',
                duration: '4m',
                workerPools: [{ machineType: 'a2-highgpu-8g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 8, replicaCount: 2 }],
                // Vertex checks quota before it starts the custom job: nothing ran, so there are no metrics.
                customJob: false,
                error: {
                  code: 8,
                  message: 'The following quota metrics exceed quota limits: aiplatform.googleapis.com/custom_model_training_nvidia_a100_gpus. Request a quota increase for us-central1 or use fewer accelerators.',
                },
              },
              {
                name: 'churn-automl',
                state: 'PIPELINE_STATE_SUCCEEDED',
                task: 'automl_tabular',
                startedAt: '-4d',
                duration: '1h55m',
                dataset: 'churn-features-bq',
              },
            ],
            datasets: [
              {
                name: 'transactions-bq',
                createdAt: '-300d',
                bigquerySource: 'bq://sandbox-project.retail.transactions',
                stories: ['growing'],
                signals: { sizeGiB: { base: 420, trend: { from: '-14d', perDay: 8 } } },
              },
              {
                name: 'churn-features-bq',
                createdAt: '-120d',
                bigquerySource: 'bq://sandbox-project.retail.churn_features',
                stories: ['stable'],
                signals: { sizeGiB: { base: 35 } },
              },
              { name: 'product-images', createdAt: '-60d', schema: 'image', dataItemCount: 120_000 },
            ],
          },
        ],
      },
    ],
  },
};
