// The built-in scenario's Azure Machine Learning part: one subscription, a production workspace in
// eastus that tells the same stories as the SageMaker endpoints (healthy, CPU-saturated, leaking,
// erroring, an idle GPU) with jobs in every state and data assets, and a small one in westeurope.
// docs/scenarios.md lists the figures to expect; tests and demos rely on them.
import type { AzureScenario } from './specTypes';

export const DEFAULT_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
export const DEFAULT_WORKSPACE = 'mlw-contoso-prod';
export const DEFAULT_RESOURCE_GROUP = 'rg-ml-prod';

export const defaultAzureScenario: AzureScenario = {
  subscriptions: [
    {
      id: DEFAULT_SUBSCRIPTION_ID,
      displayName: 'Contoso ML (sandbox)',
      resourceGroups: [
        {
          name: DEFAULT_RESOURCE_GROUP,
          location: 'eastus',
          workspaces: [
            {
              name: DEFAULT_WORKSPACE,
              friendlyName: 'Contoso production ML',
              // The running fine-tune holds 48 of 52 cores (92 %); one GPU node is unusable.
              quotaCores: 52,
              computes: [
                { name: 'cpu-cluster', vmSize: 'Standard_F16s_v2', maxNodes: 8 },
                { name: 'gpu-cluster', vmSize: 'Standard_NC24ads_A100_v4', maxNodes: 4, unusableNodes: 1 },
              ],
              onlineEndpoints: [
                {
                  name: 'credit-scoring',
                  description: 'Credit risk scores for loan applications',
                  createdAt: '-150d',
                  deployments: [
                    {
                      name: 'blue',
                      instanceType: 'Standard_DS3_v2',
                      instanceCount: 2,
                      traffic: 90,
                      stories: ['healthy'],
                      signals: { requestsPerSecond: { base: 36, noise: 2, diurnal: 6 }, latencyP99Ms: { base: 140, noise: 8 }, cpu: { base: 38, noise: 4, diurnal: 8 } },
                    },
                    {
                      name: 'green',
                      instanceType: 'Standard_DS3_v2',
                      instanceCount: 1,
                      traffic: 10,
                      stories: ['healthy'],
                      signals: { requestsPerSecond: { base: 4, noise: 0.4, diurnal: 0.7 }, latencyP99Ms: { base: 150, noise: 8 } },
                    },
                  ],
                },
                {
                  name: 'doc-ocr',
                  description: 'Text extraction from scanned claims',
                  createdAt: '-40d',
                  deployments: [{ name: 'default', instanceType: 'Standard_F4s_v2', instanceCount: 2, stories: ['cpuSaturated'], signals: { requestsPerSecond: { base: 9, noise: 0.8, diurnal: 2 } } }],
                },
                {
                  name: 'product-recs',
                  createdAt: '-70d',
                  deployments: [
                    {
                      name: 'blue',
                      instanceType: 'Standard_DS3_v2',
                      instanceCount: 3,
                      scale: { minInstances: 2, maxInstances: 6, targetUtilizationPercentage: 70 },
                      stories: ['memoryLeak'],
                      signals: { requestsPerSecond: { base: 48, noise: 3, diurnal: 9 }, latencyP99Ms: { base: 110, noise: 7 } },
                    },
                  ],
                },
                {
                  name: 'claims-triage',
                  createdAt: '-90d',
                  deployments: [{ name: 'blue', instanceType: 'Standard_DS2_v2', instanceCount: 2, stories: ['errorSpike'], signals: { requestsPerSecond: { base: 14, noise: 1, diurnal: 3 } } }],
                },
                {
                  name: 'vision-gpu',
                  description: 'Damage detection on vehicle photos',
                  createdAt: '-35d',
                  deployments: [{ name: 'blue', instanceType: 'Standard_NC6s_v3', instanceCount: 1, stories: ['idle'] }],
                },
                {
                  name: 'fraud-shadow',
                  provisioningState: 'Creating',
                  createdAt: '-15m',
                  deployments: [{ name: 'blue', instanceType: 'Standard_DS3_v2', instanceCount: 1 }],
                },
              ],
              jobs: [
                {
                  name: 'credit-xgb-train-0412',
                  displayName: 'credit-xgb-train',
                  experimentName: 'credit-scoring',
                  status: 'Completed',
                  compute: 'cpu-cluster',
                  instanceCount: 1,
                  startedAt: '-2d',
                  duration: '1h30m',
                  stories: ['healthy'],
                  inputs: { train: 'azureml:credit-applications:3' },
                },
                {
                  name: 'llm-finetune-claims',
                  displayName: 'llm-finetune',
                  experimentName: 'claims-llm',
                  status: 'Running',
                  compute: 'gpu-cluster',
                  instanceCount: 2,
                  startedAt: '-5h',
                  stories: ['dataLoaderBottleneck'],
                  inputs: { train: 'azureml:claims-text:2' },
                },
                {
                  name: 'vision-resnet-train',
                  displayName: 'vision-resnet',
                  experimentName: 'vision',
                  status: 'Failed',
                  compute: 'gpu-cluster',
                  instanceCount: 1,
                  startedAt: '-20h',
                  duration: '2h10m',
                  stories: ['outOfMemory'],
                  error: {
                    code: 'UserError',
                    message: 'torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.15 GiB total capacity). Reduce the batch size or use a larger GPU.',
                  },
                  inputs: { train: 'azureml:product-images:1' },
                },
                {
                  name: 'claims-batch-score',
                  displayName: 'claims-batch-score',
                  experimentName: 'claims',
                  status: 'Canceled',
                  compute: 'cpu-cluster',
                  instanceCount: 2,
                  startedAt: '-30h',
                  duration: '25m',
                  stories: ['healthy'],
                },
              ],
              datastores: [
                { name: 'workspaceblobstore', accountName: 'mlwcontosoprod4821', containerName: 'azureml-blobstore-4821', isDefault: true, stories: ['stable'], signals: { sizeGiB: { base: 85 }, objects: { base: 12_000 } } },
                {
                  name: 'training_data',
                  accountName: 'contosomldata',
                  containerName: 'datasets',
                  stories: ['growing'],
                  signals: { sizeGiB: { base: 2400, trend: { from: '-14d', perDay: 30 } }, objects: { base: 3_100_000, trend: { from: '-14d', perDay: 20_000 } } },
                },
              ],
              dataAssets: [
                { name: 'credit-applications', type: 'uri_folder', datastore: 'training_data', path: 'credit/applications/', versions: ['1', '2', '3'], createdAt: '-120d', description: 'Loan applications with outcomes' },
                { name: 'product-images', type: 'uri_folder', datastore: 'training_data', path: 'vision/images/', createdAt: '-60d' },
                { name: 'claims-text', type: 'mltable', path: 'claims/text/', versions: ['1', '2'], createdAt: '-45d' },
              ],
            },
          ],
        },
        {
          name: 'rg-ml-eu',
          location: 'westeurope',
          workspaces: [
            {
              name: 'mlw-contoso-eu',
              onlineEndpoints: [
                {
                  name: 'credit-scoring-eu',
                  createdAt: '-100d',
                  deployments: [{ name: 'blue', instanceType: 'Standard_DS3_v2', instanceCount: 1, stories: ['healthy'], signals: { requestsPerSecond: { base: 6, noise: 0.5, diurnal: 1 } } }],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};
