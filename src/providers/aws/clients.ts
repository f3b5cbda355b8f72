// One SageMaker, one CloudWatch and one Application Auto Scaling client per scope, built from the provider's config.
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, MiddlewareStack } from '@aws-sdk/types';

export interface AwsEndpointOverrides {
  sagemaker?: string;
  cloudwatch?: string;
  autoscaling?: string;
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
  /** SageMaker endpoints' scaling targets and policies live here, not in SageMaker. */
  autoscaling: ApplicationAutoScalingClient;
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
  const autoscaling = new ApplicationAutoScalingClient({ ...common, endpoint: options.endpointOverrides?.autoscaling || undefined });
  countAttempts(sagemaker.middlewareStack, 'SageMaker', count);
  countAttempts(cloudwatch.middlewareStack, 'CloudWatch', count);
  countAttempts(autoscaling.middlewareStack, 'ApplicationAutoScaling', count);
  return { sagemaker, cloudwatch, autoscaling };
}

function countAttempts<I extends object, O extends object>(stack: MiddlewareStack<I, O>, service: string, count: CallCounter): void {
  // The deserialize step runs inside the retry loop, so this sees each attempt on the wire.
  stack.add(
    (next, context) => (args) => {
      count(`${service}.${String(context.commandName ?? 'unknown').replace(/Command$/, '')}`);
      return next(args);
    },
    { step: 'deserialize', name: 'mlMonitorCallCounter', priority: 'low' },
  );
}
