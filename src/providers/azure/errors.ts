// Turns Azure SDK failures into ProviderErrors that say what failed and what to do, in Azure's
// terms: which subscription, which role is missing, which tenant to sign in to.
import { badResponseError, cancelledError, NETWORK_CODES, networkError, throttledError, timeoutError, unknownError, type FailureContext } from '../errorMessages';
import { ProviderError } from '../provider';

interface AzureErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  details?: { error?: { code?: string; message?: string } };
}

export interface AzureErrorContext {
  /** What was being done, e.g. "list online endpoints". */
  operation: string;
  /** "Azure Machine Learning" or "Azure Monitor". */
  service: 'Azure Machine Learning' | 'Azure Monitor';
  subscriptionId: string;
  /** Workspace name when the call was inside one. */
  workspace?: string;
  timeoutSeconds: number;
  sandbox: boolean;
  /** The caller gave up (its AbortSignal fired), as opposed to a request timeout. */
  aborted?: boolean;
}

const SIGN_IN = 'Sign in again (Accounts menu → Microsoft, or `az login`), then refresh.';

export function toAzureError(err: unknown, ctx: AzureErrorContext): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = (err ?? {}) as AzureErrorLike;
  const name = e.name ?? '';
  // Management SDKs put the ARM code on the error; the REST-level clients keep the body in details.
  const code = e.code ?? e.details?.error?.code ?? '';
  const message = e.details?.error?.message ?? e.message ?? '';
  const status = e.statusCode;
  const sub = ctx.sandbox ? `the sandbox subscription ${ctx.subscriptionId}` : `subscription ${ctx.subscriptionId}`;
  const where = ctx.workspace ? `workspace '${ctx.workspace}' (${sub})` : sub;
  const failure: FailureContext = { service: ctx.service, operation: ctx.operation, where, timeoutSeconds: ctx.timeoutSeconds, sandbox: ctx.sandbox };

  if (name === 'AbortError') return ctx.aborted ? cancelledError(failure, err) : timeoutError(failure, err);
  if (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError' || name === 'AuthenticationRequiredError') {
    return new ProviderError(
      'auth',
      `No Azure sign-in is available for ${sub}.`,
      'Sign in with your Microsoft account in VS Code (Accounts menu), or run `az login` in a terminal, then refresh.',
      err,
    );
  }
  if (code === 'ExpiredAuthenticationToken' || (status === 401 && /expired/i.test(message))) {
    return new ProviderError('auth', `The Azure sign-in for ${sub} has expired.`, SIGN_IN, err);
  }
  if (code === 'InvalidAuthenticationTokenTenant') {
    const tenant = /associated with this subscription\. Please use the authority \(URL\) '[^']*?\/([0-9a-f-]{36})'/i.exec(message)?.[1] ?? /tenant 'https:\/\/sts\.windows\.net\/([0-9a-f-]{36})/i.exec(message)?.[1];
    return new ProviderError(
      'auth',
      `${sub} belongs to ${tenant ? `tenant ${tenant}` : 'another tenant'} than the one you are signed in to.`,
      `Sign in to that tenant (\`az login --tenant ${tenant ?? '<tenant id>'}\`), or remove the subscription from mlMonitor.azure.subscriptions, then refresh.`,
      err,
    );
  }
  if (status === 401) return new ProviderError('auth', `Azure rejected the sign-in for ${sub}: ${message || code}`, SIGN_IN, err);
  if (code === 'AuthorizationFailed' || code === 'LinkedAuthorizationFailed' || status === 403) {
    return ctx.service === 'Azure Monitor'
      ? new ProviderError(
          'permission',
          `Azure Monitor refused to read metrics in ${sub}: the signed-in identity needs Monitoring Reader on the subscription.`,
          'Ask an owner to assign the Monitoring Reader role on the subscription (or on the workspace resource group), then refresh.',
          err,
        )
      : new ProviderError(
          'permission',
          `Azure Machine Learning refused to ${ctx.operation} in ${where}: the signed-in identity needs Reader (or AzureML Data Scientist) on the workspace.`,
          'Ask an owner to assign the Reader role on the workspace or its resource group, then refresh.',
          err,
        );
  }
  if (code === 'SubscriptionNotFound') {
    return new ProviderError(
      'notFound',
      `${ctx.sandbox ? 'The sandbox has no' : 'Azure knows no'} subscription ${ctx.subscriptionId}, or your account cannot see it.`,
      'Check mlMonitor.azure.subscriptions against `az account list`, then refresh.',
      err,
    );
  }
  if (status === 429 || code === 'TooManyRequests' || code === 'SubscriptionRequestsThrottled') return throttledError(failure, err);
  if (status === 404 || code === 'ResourceNotFound' || code === 'ResourceGroupNotFound') {
    return new ProviderError('notFound', `${ctx.service}: ${message || 'not found'} (${where}).`, 'Refresh: the resource may have been deleted; check mlMonitor.azure.workspaces.', err);
  }
  if (status === 400) return new ProviderError('invalidInput', `${ctx.service} refused to ${ctx.operation} in ${where}: ${message || code}.`, undefined, err);
  if (NETWORK_CODES.has(code) || /ECONNREFUSED|ENOTFOUND|socket hang up|ECONNRESET/i.test(message)) return networkError(failure, message || code, err);
  if (name === 'SyntaxError' || /Unexpected token|Unexpected end of JSON|JSON/i.test(message)) return badResponseError(failure, err);
  return unknownError(failure, status, message || name || 'unknown error', err);
}
