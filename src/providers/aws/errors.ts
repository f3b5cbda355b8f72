// Turns AWS SDK failures into ProviderErrors that say what failed and what to do.
import { badResponseError, cancelledError, NETWORK_CODES, networkError, throttledError, timeoutError, unknownError, type FailureContext } from '../errorMessages';
import { ProviderError } from '../provider';

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
  $response?: unknown;
}

const authNames = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'MissingAuthenticationTokenException',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'CredentialsProviderError',
  'TokenProviderError',
]);
const permissionNames = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const throttleNames = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);

/** What each service needs to be granted for the calls the adapter makes. */
export const PERMISSIONS: Record<AwsErrorContext['service'], string> = {
  SageMaker: 'sagemaker:List*/Describe*',
  CloudWatch: 'cloudwatch:GetMetricData',
  ApplicationAutoScaling: 'application-autoscaling:DescribeScalableTargets and DescribeScalingPolicies',
};

export interface AwsErrorContext {
  /** What was being done, e.g. "list endpoints". */
  operation: string;
  profile: string;
  region: string;
  service: 'SageMaker' | 'CloudWatch' | 'ApplicationAutoScaling';
  timeoutSeconds: number;
}

export function toProviderError(err: unknown, ctx: AwsErrorContext): ProviderError {
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name ?? '';
  const code = e.code ?? '';
  const where = ctx.profile === 'sandbox' ? `the sandbox (${ctx.region})` : `AWS profile '${ctx.profile}' (${ctx.region})`;
  const login = ctx.profile === 'default' || ctx.profile === 'sandbox' ? 'aws sso login' : `aws sso login --profile ${ctx.profile}`;
  const failure: FailureContext = { service: ctx.service, operation: ctx.operation, where, timeoutSeconds: ctx.timeoutSeconds, sandbox: ctx.profile === 'sandbox' };

  if (name === 'AbortError' || code === 'ABORT_ERR') return cancelledError(failure, err);
  if (name === 'ProviderError' && err instanceof ProviderError) return err;
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    const expired = /expired|refresh/i.test(e.message ?? '');
    return new ProviderError(
      'auth',
      expired ? `The sign-in for ${where} has expired.` : `No AWS credentials found for ${where}.`,
      expired ? `Run \`${login}\`, then refresh.` : `Run \`${login}\` or \`aws configure${ctx.profile === 'default' ? '' : ` --profile ${ctx.profile}`}\`, then refresh.`,
      err,
    );
  }
  if (authNames.has(name)) {
    const expired = /expired/i.test(name + ' ' + (e.message ?? ''));
    return new ProviderError(
      'auth',
      expired ? `The credentials for ${where} have expired.` : `${ctx.service} rejected the credentials for ${where}: ${e.message ?? name}`,
      `Sign in again (\`${login}\`), then refresh.`,
      err,
    );
  }
  if (permissionNames.has(name)) {
    return new ProviderError(
      'permission',
      `${ctx.service} denied ${ctx.operation} for ${where}.`,
      `Grant the ${PERMISSIONS[ctx.service]} permissions to this identity.`,
      err,
    );
  }
  if (throttleNames.has(name) || e.$retryable?.throttling) return throttledError(failure, err);
  if (name === 'TimeoutError' || name === 'RequestTimeout' || code === 'ETIMEDOUT' || /timed? ?out/i.test(e.message ?? '')) return timeoutError(failure, err);
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name) || /ECONNREFUSED|ENOTFOUND|socket hang up/i.test(e.message ?? '')) {
    return networkError(failure, e.message ?? code, err);
  }
  if (name === 'ResourceNotFound' || name === 'ResourceNotFoundException' || /could not find/i.test(e.message ?? '')) {
    return new ProviderError('notFound', `${ctx.service}: ${e.message ?? 'not found'} (${where}).`, 'Refresh: the resource may have been deleted.', err);
  }
  if (name === 'ValidationException' || name === 'InvalidParameterValue' || name === 'InvalidParameterValueException' || name === 'InvalidParameterCombination') {
    return new ProviderError('invalidInput', `${ctx.service} refused ${ctx.operation} in ${where}: ${e.message ?? name}.`, undefined, err);
  }
  if (name === 'SyntaxError' || e.$response !== undefined || /Deserializ|Unexpected token|JSON/i.test(e.message ?? '')) return badResponseError(failure, err);
  return unknownError(failure, e.$metadata?.httpStatusCode, e.message ?? (name || 'unknown error'), err);
}
