// Turns failures of the Google clients into ProviderErrors that say what failed and what to do.
// With `fallback: true` an HTTP error arrives as a GaxiosError whose message is Google's JSON body
// (`{"error":{"code","message","status"}}`); gax's own errors carry gRPC codes; missing
// Application Default Credentials arrive as a plain Error from google-auth-library.
import { badResponseError, cancelledError, NETWORK_CODES, networkError, throttledError, timeoutError, unknownError, type FailureContext } from '../errorMessages';
import { isProviderError, ProviderError } from '../provider';

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string | number;
  status?: number;
  response?: { status?: number };
  cause?: { code?: string; message?: string };
}

export interface GcpErrorContext {
  operation: string;
  project: string;
  location: string;
  service: 'Vertex AI' | 'Cloud Monitoring';
  timeoutSeconds: number;
  sandbox: boolean;
}

/** gRPC codes as gax reports them, by the status names Google's JSON errors use. */
const GRPC: Record<number, string> = { 1: 'CANCELLED', 3: 'INVALID_ARGUMENT', 4: 'DEADLINE_EXCEEDED', 5: 'NOT_FOUND', 7: 'PERMISSION_DENIED', 8: 'RESOURCE_EXHAUSTED', 13: 'INTERNAL', 14: 'UNAVAILABLE', 16: 'UNAUTHENTICATED' };
const HTTP: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' };
const LOGIN = 'gcloud auth application-default login';

/** Google's error body, when the message is one. */
function googleBody(message: string | undefined): { code?: number; message?: string; status?: string } | undefined {
  if (!message?.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(message) as { error?: { code?: number; message?: string; status?: string } };
    return parsed.error;
  } catch {
    return undefined;
  }
}

/** The canonical status (RESOURCE_EXHAUSTED, ...) of an error, and the text to show for it. */
export function googleStatus(err: unknown): { status?: string; httpStatus?: number; detail: string } {
  const e = (err ?? {}) as ErrorLike;
  const body = googleBody(e.message);
  const httpStatus = body?.code ?? e.status ?? e.response?.status ?? (typeof e.code === 'string' && /^\d{3}$/.test(e.code) ? Number(e.code) : undefined);
  const status = body?.status ?? (typeof e.code === 'number' && e.name !== 'GaxiosError' ? GRPC[e.code] : undefined) ?? (httpStatus ? HTTP[httpStatus] : undefined);
  return { status, httpStatus, detail: body?.message ?? e.message ?? String(err) };
}

/** Whether a failed attempt is worth another try: throttling and transient server errors. */
export function isRetryable(err: unknown): boolean {
  const { status } = googleStatus(err);
  if (status === 'RESOURCE_EXHAUSTED' || status === 'UNAVAILABLE' || status === 'INTERNAL' || status === 'DEADLINE_EXCEEDED') return true;
  // A kept-alive connection the server (or a proxy) closed just as the request went out.
  const e = (err ?? {}) as ErrorLike;
  return /socket hang up|ECONNRESET/.test(`${e.message ?? ''} ${e.code ?? ''} ${e.cause?.code ?? ''}`);
}

export function toGcpProviderError(err: unknown, ctx: GcpErrorContext): ProviderError {
  if (isProviderError(err)) return err;
  const e = (err ?? {}) as ErrorLike;
  const where = ctx.sandbox ? `the sandbox (${ctx.project}, ${ctx.location})` : `project '${ctx.project}' (${ctx.location})`;
  const failure: FailureContext = { service: ctx.service, operation: ctx.operation, where, timeoutSeconds: ctx.timeoutSeconds, sandbox: ctx.sandbox };
  const text = e.message ?? '';
  if (e.name === 'AbortError' || /cancelled/i.test(text)) return cancelledError(failure, err);
  if (/Could not load the default credentials|Unable to detect a Project Id|default credentials/i.test(text)) {
    return new ProviderError('auth', `No Google Cloud credentials found for ${where}.`, `Run \`${LOGIN}\` (or set GOOGLE_APPLICATION_CREDENTIALS), then refresh.`, err);
  }
  if (/invalid_grant|invalid_rapt|reauth/i.test(text)) {
    return new ProviderError('auth', `The Google Cloud sign-in for ${where} has expired.`, `Run \`${LOGIN}\`, then refresh.`, err);
  }
  const { status, httpStatus, detail } = googleStatus(err);
  switch (status) {
    case 'UNAUTHENTICATED':
      return new ProviderError('auth', `${ctx.service} rejected the credentials for ${where}: ${detail}`, `Sign in again (\`${LOGIN}\`), then refresh.`, err);
    case 'PERMISSION_DENIED':
      return new ProviderError(
        'permission',
        `${ctx.service} denied ${ctx.operation} for ${where}: ${detail}`,
        ctx.service === 'Vertex AI'
          ? `Check the project id in mlMonitor.gcp.projects, and grant this identity the Vertex AI Viewer role (roles/aiplatform.viewer) on project '${ctx.project}'.`
          : `Grant this identity the Monitoring Viewer role (roles/monitoring.viewer) on project '${ctx.project}'.`,
        err,
      );
    case 'RESOURCE_EXHAUSTED':
      return throttledError(failure, err);
    case 'DEADLINE_EXCEEDED':
      return timeoutError(failure, err);
    case 'NOT_FOUND':
      return new ProviderError('notFound', `${ctx.service}: ${detail} (${where}).`, 'Refresh: the resource may have been deleted.', err);
    case 'INVALID_ARGUMENT':
      return new ProviderError('invalidInput', `${ctx.service} refused ${ctx.operation} in ${where}: ${detail}`, undefined, err);
  }
  const code = String(e.code ?? e.cause?.code ?? '');
  if (/timed? ?out|ETIMEDOUT/i.test(text) || code === 'ETIMEDOUT') return timeoutError(failure, err);
  if (NETWORK_CODES.has(code) || /ECONNREFUSED|ENOTFOUND|ECONNRESET|socket hang up|fetch failed/i.test(text)) return networkError(failure, e.cause?.message ?? text, err);
  if (e.name === 'SyntaxError' || /Unexpected (end|token)|JSON|Unterminated string/i.test(text)) return badResponseError(failure, err);
  if (status === 'UNAVAILABLE' || status === 'INTERNAL') {
    return new ProviderError('unknown', `${ctx.service} kept failing ${ctx.operation} in ${where} (${status}): ${detail}`, 'Wait a minute and refresh; check status.cloud.google.com if this persists.', err);
  }
  return unknownError(failure, httpStatus, detail, err);
}
