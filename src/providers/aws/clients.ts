// One SageMaker and one CloudWatch client per scope, built from the provider's config.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@aws-sdk/types';

export interface AwsEndpointOverrides {
  sagemaker?: string;
  cloudwatch?: string;
}

export interface AwsClientOptions {
  profile: string;
  region: string;
  requestTimeoutMs: number;
  maxAttempts: number;
  endpointOverrides?: AwsEndpointOverrides;
  /** Fixed credentials (the sandbox); otherwise the SDK's default chain for the profile. */
  staticCredentials?: AwsCredentialIdentity;
}

export interface AwsClients {
  sagemaker: SageMakerClient;
  cloudwatch: CloudWatchClient;
}

/** Counts every HTTP attempt (retries included) by `Service.Operation`. */
export type CallCounter = (operation: string) => void;

export function createAwsClients(options: AwsClientOptions, count: CallCounter): AwsClients {
  const credentials =
    options.staticCredentials ?? fromNodeProviderChain(options.profile === 'default' ? {} : { profile: options.profile });
  const common = {
    region: options.region,
    credentials,
    maxAttempts: options.maxAttempts,
    retryMode: 'standard' as const,
    // Without throwOnRequestTimeout the handler only warns and a hanging service hangs the view.
    requestHandler: { requestTimeout: options.requestTimeoutMs, connectionTimeout: Math.min(options.requestTimeoutMs, 10_000), throwOnRequestTimeout: true },
  };
  const sagemaker = new SageMakerClient({ ...common, endpoint: options.endpointOverrides?.sagemaker || undefined });
  const cloudwatch = new CloudWatchClient({ ...common, endpoint: options.endpointOverrides?.cloudwatch || undefined });
  countAttempts(sagemaker, 'SageMaker', count);
  countAttempts(cloudwatch, 'CloudWatch', count);
  return { sagemaker, cloudwatch };
}

function countAttempts(client: SageMakerClient | CloudWatchClient, service: string, count: CallCounter): void {
  // The deserialize step runs inside the retry loop, so this sees each attempt on the wire.
  client.middlewareStack.add(
    (next, context) => (args) => {
      count(`${service}.${String(context.commandName ?? 'unknown').replace(/Command$/, '')}`);
      return next(args);
    },
    { step: 'deserialize', name: 'mlMonitorCallCounter', priority: 'low' },
  );
}
