// One Azure ML management client per subscription and one Azure Monitor metrics client per region,
// with a pipeline policy that counts every attempt on the wire and one that bounds each request.
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { TokenCredential } from '@azure/core-auth';
import { MetricsClient } from '@azure/monitor-query-metrics';
import { ARM_SCOPE } from './credentials';

export interface AzureEndpoints {
  /** Azure Resource Manager, default https://management.azure.com. */
  arm: string;
  /** The regional metrics endpoint, default https://<region>.metrics.monitor.azure.com. */
  metrics(region: string): string;
  /** PEM of a CA to trust (the sandbox's self-signed certificate). */
  ca?: string;
}

export const publicCloud: AzureEndpoints = {
  arm: 'https://management.azure.com',
  metrics: (region) => `https://${region}.metrics.monitor.azure.com`,
};

/** Counts every HTTP attempt (retries included) by operation, e.g. `MachineLearning.OnlineEndpoints.List`. */
export type CallCounter = (operation: string) => void;

const collections: Record<string, string> = {
  workspaces: 'Workspaces',
  onlineendpoints: 'OnlineEndpoints',
  deployments: 'OnlineDeployments',
  jobs: 'Jobs',
  computes: 'Compute',
  data: 'DataContainers',
  versions: 'DataVersions',
  datastores: 'Datastores',
};

/** The operation an ARM or metrics URL calls, named as the sandbox names it. */
export function operationOf(method: string, url: string): string {
  const path = new URL(url).pathname.replace(/\/+$/, '');
  if (/\/metrics:getBatch$/i.test(path)) return 'Metrics.GetBatch';
  const segments = path.split('/').filter(Boolean);
  const after = segments.findIndex((s) => s.toLowerCase() === 'microsoft.machinelearningservices');
  const rest = after < 0 ? [] : segments.slice(after + 1);
  // Collections sit at odd offsets (workspaces/{ws}/onlineEndpoints/{e}/deployments ...).
  const isGet = rest.length > 0 && rest.length % 2 === 0;
  const collection = rest[isGet ? rest.length - 2 : rest.length - 1]?.toLowerCase() ?? '';
  return `MachineLearning.${collections[collection] ?? collection}.${method === 'GET' ? (isGet ? 'Get' : 'List') : method}`;
}

interface PipelineOwner {
  pipeline: { addPolicy(policy: { name: string; sendRequest: (req: { url: string; method: string; timeout: number }, next: (req: never) => Promise<unknown>) => Promise<unknown> }, options?: { afterPhase?: 'Retry' }): void };
}

function instrument(client: PipelineOwner, count: CallCounter, timeoutMs: number): void {
  // After the retry policy, so each retried attempt is counted and bounded on its own.
  client.pipeline.addPolicy(
    {
      name: 'mlMonitorCallCounter',
      sendRequest: (req, next) => {
        count(operationOf(req.method, req.url));
        if (!req.timeout) req.timeout = timeoutMs;
        return next(req as never);
      },
    },
    { afterPhase: 'Retry' },
  );
}

export interface ClientOptions {
  credential: TokenCredential;
  endpoints: AzureEndpoints;
  timeoutMs: number;
  maxRetries: number;
  count: CallCounter;
}

export function createArmClient(subscriptionId: string, o: ClientOptions): AzureMachineLearningWorkspaces {
  const client = new AzureMachineLearningWorkspaces(o.credential, subscriptionId, {
    endpoint: o.endpoints.arm,
    // Without credentialScopes the SDK asks for `${endpoint}/.default`, which a local endpoint is not.
    credentialScopes: [ARM_SCOPE],
    retryOptions: { maxRetries: o.maxRetries },
    tlsOptions: o.endpoints.ca ? { ca: o.endpoints.ca } : undefined,
  } as ConstructorParameters<typeof AzureMachineLearningWorkspaces>[2]);
  instrument(client as unknown as PipelineOwner, o.count, o.timeoutMs);
  return client;
}

export function createMetricsClient(region: string, o: ClientOptions): MetricsClient {
  const client = new MetricsClient(o.endpoints.metrics(region), o.credential, {
    retryOptions: { maxRetries: o.maxRetries },
    tlsOptions: o.endpoints.ca ? { ca: o.endpoints.ca } : undefined,
  } as ConstructorParameters<typeof MetricsClient>[2]);
  instrument(client as unknown as PipelineOwner, o.count, o.timeoutMs);
  return client;
}
