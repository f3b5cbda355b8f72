// The failures every cloud adapter reports the same way (throttling that outlasted the retries,
// timeouts, unreachable services, garbled bodies, cancellation), worded once so SageMaker, Vertex
// and Azure errors read alike. Each adapter maps its SDK's errors onto these.
import { ProviderError } from './provider';

export interface FailureContext {
  /** The service the user knows, e.g. "CloudWatch", "Vertex AI", "Cloud Monitoring". */
  service: string;
  /** What was being done, e.g. "list endpoints". */
  operation: string;
  /** Where, e.g. "AWS profile 'prod' (us-east-1)", "project 'acme' (us-central1)", "the sandbox (us-east-1)". */
  where: string;
  timeoutSeconds: number;
  sandbox: boolean;
}

export function cancelledError(c: FailureContext, cause: unknown): ProviderError {
  return new ProviderError('cancelled', `Cancelled: ${c.operation} in ${c.where}.`, undefined, cause);
}

export function throttledError(c: FailureContext, cause: unknown): ProviderError {
  return new ProviderError(
    'throttled',
    `${c.service} kept throttling ${c.operation} in ${c.where} after several retries.`,
    'Wait a minute and refresh, or lower the refresh rate (mlMonitor.refreshIntervalSeconds).',
    cause,
  );
}

export function timeoutError(c: FailureContext, cause: unknown): ProviderError {
  return new ProviderError(
    'timeout',
    `${c.service} did not answer ${c.operation} in ${c.where} within ${c.timeoutSeconds} s.`,
    'Check your network or proxy, or raise mlMonitor.requestTimeoutSeconds.',
    cause,
  );
}

export function networkError(c: FailureContext, detail: string, cause: unknown): ProviderError {
  return new ProviderError(
    'network',
    `Could not reach ${c.service} for ${c.where}: ${detail}.`,
    c.sandbox ? 'Start the sandbox clouds again (ML Monitor: Start Sandbox Clouds).' : 'Check your network, proxy and endpoint overrides.',
    cause,
  );
}

export function badResponseError(c: FailureContext, cause: unknown): ProviderError {
  return new ProviderError(
    'badResponse',
    `${c.service} sent a response to ${c.operation} in ${c.where} that could not be read.`,
    'Refresh to try again; check endpoint overrides if this persists.',
    cause,
  );
}

export function unknownError(c: FailureContext, status: number | undefined, detail: string, cause: unknown): ProviderError {
  return new ProviderError(
    'unknown',
    `${c.service} failed ${c.operation} in ${c.where}${status ? ` (HTTP ${status})` : ''}: ${detail}.`,
    'Refresh to try again; see the ML Monitor log for details.',
    cause,
  );
}

export const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'EPIPE']);
