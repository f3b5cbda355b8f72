// Turns AWS SDK failures into ProviderErrors that say what failed and what to do.
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
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'EPIPE']);

export interface AwsErrorContext {
  /** What was being done, e.g. "list endpoints". */
  operation: string;
  profile: string;
  region: string;
  service: 'SageMaker' | 'CloudWatch';
  timeoutSeconds: number;
}

export function toProviderError(err: unknown, ctx: AwsErrorContext): ProviderError {
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name ?? '';
  const code = e.code ?? '';
  const where = ctx.profile === 'sandbox' ? `the sandbox (${ctx.region})` : `AWS profile '${ctx.profile}' (${ctx.region})`;
  const login = ctx.profile === 'default' || ctx.profile === 'sandbox' ? 'aws sso login' : `aws sso login --profile ${ctx.profile}`;

  if (name === 'AbortError' || code === 'ABORT_ERR') {
    return new ProviderError('cancelled', `Cancelled: ${ctx.operation} in ${where}.`, undefined, err);
  }
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
      `Grant the ${ctx.service === 'SageMaker' ? 'sagemaker:List*/Describe*' : 'cloudwatch:GetMetricData'} permissions to this identity.`,
      err,
    );
  }
  if (throttleNames.has(name) || e.$retryable?.throttling) {
    return new ProviderError(
      'throttled',
      `${ctx.service} kept throttling ${ctx.operation} in ${where} after several retries.`,
      'Wait a minute and refresh, or lower the refresh rate (mlMonitor.refreshIntervalSeconds).',
      err,
    );
  }
  if (name === 'TimeoutError' || name === 'RequestTimeout' || code === 'ETIMEDOUT' || /timed? ?out/i.test(e.message ?? '')) {
    return new ProviderError(
      'timeout',
      `${ctx.service} did not answer ${ctx.operation} in ${where} within ${ctx.timeoutSeconds} s.`,
      'Check your network or proxy, or raise mlMonitor.requestTimeoutSeconds.',
      err,
    );
  }
  if (networkCodes.has(code) || networkCodes.has(name) || /ECONNREFUSED|ENOTFOUND|socket hang up/i.test(e.message ?? '')) {
    return new ProviderError(
      'network',
      `Could not reach ${ctx.service} for ${where}: ${e.message ?? code}.`,
      ctx.profile === 'sandbox' ? 'Start the sandbox clouds again (ML Monitor: Start Sandbox Clouds).' : 'Check your network, proxy and endpoint overrides.',
      err,
    );
  }
  if (name === 'ResourceNotFound' || name === 'ResourceNotFoundException' || /could not find/i.test(e.message ?? '')) {
    return new ProviderError('notFound', `${ctx.service}: ${e.message ?? 'not found'} (${where}).`, 'Refresh: the resource may have been deleted.', err);
  }
  if (name === 'ValidationException' || name === 'InvalidParameterValue' || name === 'InvalidParameterValueException' || name === 'InvalidParameterCombination') {
    return new ProviderError('invalidInput', `${ctx.service} refused ${ctx.operation} in ${where}: ${e.message ?? name}.`, undefined, err);
  }
  if (name === 'SyntaxError' || e.$response !== undefined || /Deserializ|Unexpected token|JSON/i.test(e.message ?? '')) {
    return new ProviderError(
      'badResponse',
      `${ctx.service} sent a response to ${ctx.operation} in ${where} that could not be read.`,
      'Refresh to try again; check endpoint overrides if this persists.',
      err,
    );
  }
  const status = e.$metadata?.httpStatusCode;
  return new ProviderError(
    'unknown',
    `${ctx.service} failed ${ctx.operation} in ${where}${status ? ` (HTTP ${status})` : ''}: ${e.message ?? (name || 'unknown error')}.`,
    'Refresh to try again; see the ML Monitor log for details.',
    err,
  );
}
