// Azure Resource Manager protocol details shared by the ARM and metrics routes: error bodies as
// `{"error":{"code","message"}}`, bearer tokens, api-version checks and `nextLink` paging with
// absolute URLs that point back at the sandbox (the SDKs follow nextLink as given).
import { jsonResponse, type SandboxRequest, type SandboxResponse } from '../handler';
import type { AzureSubscriptionModel, AzureWorld } from './world';

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

let requests = 0;

export function armErrorResponse(e: ArmError): SandboxResponse {
  return jsonResponse(e.status, { error: { code: e.code, message: e.message } }, { 'x-ms-request-id': requestId(), ...e.headers });
}

export function armResponse(body: unknown): SandboxResponse {
  return jsonResponse(200, body, { 'x-ms-request-id': requestId(), 'x-ms-ratelimit-remaining-subscription-reads': '11999' });
}

function requestId(): string {
  return `00000000-0000-4000-a000-${(++requests).toString(16).padStart(12, '0')}`;
}

/** The fixed tokens the sandbox accepts; `@<tenant>` binds one to a tenant as a real token is. */
export const SANDBOX_TOKEN = 'sandbox-token';
export const EXPIRED_TOKEN = 'sandbox-expired';

export interface Caller {
  tenantId?: string;
}

/** Reads `Authorization: Bearer ...` as ARM does; throws the error ARM answers with. */
export function checkToken(request: SandboxRequest): Caller {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
    throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  }
  const token = header.slice('Bearer '.length).trim();
  if (token === EXPIRED_TOKEN) {
    const when = new Date(Date.now() - 3_600_000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
    throw new ArmError(401, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${when}' is earlier than current UTC time '${new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')}'.`);
  }
  const [value, tenant] = token.split('@');
  if (value !== SANDBOX_TOKEN) throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
  return { tenantId: tenant };
}

/** The subscription a path names, as the caller may see it; ARM's words for each refusal. */
export function findSubscription(world: AzureWorld, id: string, caller: Caller): AzureSubscriptionModel {
  const sub = world.subscriptions.find((s) => s.id === id.toLowerCase());
  if (!sub) throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
  if (caller.tenantId && caller.tenantId !== sub.tenantId) {
    throw new ArmError(
      401,
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer 'https://sts.windows.net/${caller.tenantId}/'. It must match the tenant 'https://sts.windows.net/${sub.tenantId}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${sub.tenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
    );
  }
  return sub;
}

export function authorizationFailed(action: string, scope: string): ArmError {
  return new ArmError(
    403,
    'AuthorizationFailed',
    `The client 'sandbox-user@contoso.example' with object id '00000000-0000-4000-b000-000000000001' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

/** Checks `api-version` the way each resource provider does. */
export function requireApiVersion(url: URL, supported: readonly string[], type: string, location = 'eastus'): string {
  const version = url.searchParams.get('api-version');
  if (!version) {
    throw new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (!supported.includes(version)) {
    throw new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location '${location}' and API version '${version}' for type '${type}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are 'eastus, eastus2, westus2, westeurope, northeurope, uksouth'.`,
    );
  }
  return version;
}

/** The scheme and host the caller used, so nextLink leads back to the same server. */
export function origin(request: SandboxRequest): string {
  const host = typeof request.headers.host === 'string' ? request.headers.host : '127.0.0.1';
  return `${request.secure ? 'https' : 'http'}://${host}`;
}

/** One page of `items` and, when more follow, an absolute nextLink carrying `$skipToken`. */
export function page<T>(request: SandboxRequest, url: URL, items: readonly T[], render: (item: T) => unknown, pageSize: number): { value: unknown[]; nextLink?: string } {
  const token = url.searchParams.get('$skipToken');
  let offset = 0;
  if (token !== null) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) throw new ArmError(400, 'InvalidSkipToken', `The $skipToken '${token.slice(0, 40)}' is not valid. Repeat the request without it.`);
    offset = Number(decoded[1]);
  }
  const slice = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  if (next >= items.length) return { value: slice.map(render) };
  const link = new URL(url.pathname, origin(request));
  for (const [k, v] of url.searchParams) if (k !== '$skipToken') link.searchParams.append(k, v);
  link.searchParams.set('$skipToken', Buffer.from(`o${next}`).toString('base64url'));
  return { value: slice.map(render), nextLink: link.toString() };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export function systemData(createdAt: number, modifiedAt = createdAt): Record<string, string> {
  return { createdAt: iso(createdAt), createdBy: 'sandbox-user@contoso.example', createdByType: 'User', lastModifiedAt: iso(modifiedAt), lastModifiedBy: 'sandbox-user@contoso.example', lastModifiedByType: 'User' };
}
