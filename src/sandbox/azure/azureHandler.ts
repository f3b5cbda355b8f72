// The Azure sandbox cloud: Azure Resource Manager reads for Azure Machine Learning and the Azure
// Monitor metrics batch endpoint, behind bearer tokens, with ARM's error shapes and 429 throttling
// that carries Retry-After. The Azure SDKs only speak HTTPS to it (see tls.ts and server.ts).
import type { CloudHandler, RenderedFault, SandboxRequest, SandboxResponse } from '../handler';
import type { SandboxClock } from '../time';
import { armRoute } from './armRoutes';
import { getBatch } from './getBatch';
import { workspaceResources, type MetricResource } from './metricSeries';
import { ArmError, armErrorResponse, armResponse, checkToken } from './protocol';
import type { AzureWorld } from './world';

export interface AzureHandlerOptions {
  world: AzureWorld;
  clock: SandboxClock;
  log?: (line: string) => void;
  /** Seconds a throttled caller is told to wait; ARM sends whole seconds. */
  retryAfterSeconds?: number;
  /** The HTTPS listener and its certificate, served at GET /azure/sandbox for clients that connect later. */
  tls?: () => { url: string; ca: string };
}

/** Where a client that knows only the sandbox's http URL learns the Azure HTTPS URL and CA. */
export const DESCRIBE_PATH = '/azure/sandbox';

const PREFIX = 'Azure.';

function urlOf(request: SandboxRequest): URL {
  // ARM clients send `//subscriptions/...` for some operations; one leading slash is the same path.
  return new URL(request.url.replace(/^\/{2,}/, '/'), 'http://sandbox');
}

function batchSubscription(method: string, pathname: string): string | undefined {
  const m = /^\/subscriptions\/([^/]+)\/metrics:getBatch$/i.exec(pathname);
  return method === 'POST' && m ? decodeURIComponent(m[1]) : undefined;
}

export function createAzureHandler({ world, clock, log, retryAfterSeconds = 1, tls }: AzureHandlerOptions): CloudHandler {
  let index: Map<string, MetricResource> | undefined;
  const resources = () => {
    index ??= new Map(world.subscriptions.flatMap((s) => s.workspaces.flatMap(workspaceResources)).map((r) => [r.id.toLowerCase(), r]));
    return index;
  };

  const operationOf = (request: SandboxRequest): string | undefined => {
    if (request.method === 'GET' && request.url === DESCRIBE_PATH) return 'Sandbox.Describe';
    if (!request.url.startsWith('/subscriptions') && !request.url.startsWith('//subscriptions')) return undefined;
    const url = urlOf(request);
    if (batchSubscription(request.method, url.pathname)) return 'Metrics.GetBatch';
    return armRoute(world, request.method, url.pathname)?.operation ?? 'Unknown';
  };

  return {
    cloud: 'azure',
    operation(request) {
      const op = operationOf(request);
      return op === undefined ? undefined : `${PREFIX}${op}`;
    },
    handle(request, operation): SandboxResponse {
      const url = urlOf(request);
      try {
        if (operation === `${PREFIX}Sandbox.Describe`) return armResponse({ httpsUrl: tls?.().url ?? '', ca: tls?.().ca ?? '', subscriptions: world.subscriptions.map((s) => s.id) });
        const caller = checkToken(request);
        const now = clock.now();
        const subscription = batchSubscription(request.method, url.pathname);
        if (subscription !== undefined) return armResponse(getBatch(world, resources(), request, url, caller, subscription, now));
        const route = armRoute(world, request.method, url.pathname);
        if (!route) {
          throw new ArmError(404, 'NotFound', `The sandbox serves no ${request.method} ${url.pathname.slice(0, 200)} (operation ${operation.slice(PREFIX.length)}).`);
        }
        return armResponse(route.run(request, url, caller, now));
      } catch (e) {
        if (e instanceof ArmError) return armErrorResponse(e);
        log?.(`azure: ${operation} failed inside the sandbox: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return armErrorResponse(new ArmError(500, 'InternalServerError', 'The sandbox failed to serve this request.'));
      }
    },
    renderFault(kind: RenderedFault, operation) {
      if (kind === 'throttling') {
        const metrics = operation === `${PREFIX}Metrics.GetBatch`;
        return armErrorResponse(
          new ArmError(
            429,
            metrics ? 'TooManyRequests' : 'SubscriptionRequestsThrottled',
            metrics
              ? 'The metrics request was throttled: too many requests for this subscription and region. Retry after the interval in the Retry-After header.'
              : `Number of read requests for subscription exceeded the limit of '12000' for time interval '01:00:00'. Please try again after '${retryAfterSeconds}' seconds.`,
            { 'retry-after': String(retryAfterSeconds), 'x-ms-ratelimit-remaining-subscription-reads': '0' },
          ),
        );
      }
      return armErrorResponse(new ArmError(500, 'InternalServerError', 'Encountered internal server error. Diagnostic information: timestamp, correlation id 00000000-0000-4000-a000-000000000000.'));
    },
  };
}
