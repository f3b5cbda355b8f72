// Shared set-up for the sandbox tests: a sandbox on a fixed clock and the real AWS SDK clients.
import { CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox/server';

/** Noon UTC: two hours before the daily peak, so diurnal swings are predictable. */
export const NOON = Date.parse('2026-12-01T12:00:00Z');
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface TestSandbox {
  sandbox: RunningSandbox;
  clock: { now: number };
  sagemaker(options?: ClientOptions): SageMakerClient;
  cloudwatch(options?: ClientOptions): CloudWatchClient;
  close(): Promise<void>;
}

export interface ClientOptions {
  region?: string;
  accessKeyId?: string;
  maxAttempts?: number;
  requestTimeoutMs?: number;
}

export async function openSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const clock = { now: NOON };
  const sandbox = await startSandbox({ port: 0, now: () => clock.now, ...options });
  const clients: Array<{ destroy(): void }> = [];
  const config = (o: ClientOptions = {}) => ({
    endpoint: sandbox.url,
    region: o.region ?? 'us-east-1',
    credentials: { accessKeyId: o.accessKeyId ?? 'AKIDTEST', secretAccessKey: 'x' },
    maxAttempts: o.maxAttempts ?? 1,
    ...(o.requestTimeoutMs ? { requestHandler: { requestTimeout: o.requestTimeoutMs, throwOnRequestTimeout: true } } : {}),
  });
  const track = <T extends { destroy(): void }>(client: T) => (clients.push(client), client);
  return {
    sandbox,
    clock,
    sagemaker: (o) => track(new SageMakerClient(config(o))),
    cloudwatch: (o) => track(new CloudWatchClient(config(o))),
    close: async () => {
      for (const c of clients) c.destroy();
      await sandbox.close();
    },
  };
}

export function endpointMetric(id: string, namespace: string, metricName: string, endpoint: string, period: number, stat: string, returnData = true): MetricDataQuery {
  return {
    Id: id,
    ReturnData: returnData,
    MetricStat: {
      Metric: { Namespace: namespace, MetricName: metricName, Dimensions: [{ Name: 'EndpointName', Value: endpoint }, { Name: 'VariantName', Value: 'AllTraffic' }] },
      Period: period,
      Stat: stat,
    },
  };
}

export function hostMetric(id: string, metricName: string, host: string, period: number, stat: string): MetricDataQuery {
  return { Id: id, MetricStat: { Metric: { Namespace: '/aws/sagemaker/TrainingJobs', MetricName: metricName, Dimensions: [{ Name: 'Host', Value: host }] }, Period: period, Stat: stat } };
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The rejection of a promise that must fail (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
