// AWS JSON protocol details shared by the SageMaker and Application Auto Scaling (JSON 1.1) and
// CloudWatch (JSON 1.0, awsQueryCompatible) sandboxes: errors as the SDKs parse them, SigV4 credential scopes, paging
// tokens and timestamps.
import type { SandboxResponse } from '../handler';

export type AwsService = 'SageMaker' | 'CloudWatch' | 'ApplicationAutoScaling';

export const TARGET_PREFIX: Record<AwsService, string> = {
  SageMaker: 'SageMaker.',
  CloudWatch: 'GraniteServiceVersion20100801.',
  ApplicationAutoScaling: 'AnyScaleFrontendService.',
};
const CONTENT_TYPE: Record<AwsService, string> = {
  SageMaker: 'application/x-amz-json-1.1',
  CloudWatch: 'application/x-amz-json-1.0',
  ApplicationAutoScaling: 'application/x-amz-json-1.1',
};

/**
 * An error the service returns. `code` is the modelled shape name. For CloudWatch's service errors
 * `queryCode` is the legacy AWS Query code sent in `x-amzn-query-error`, which the SDK prefers
 * (so `Throttling` arrives as error name `Throttling`, `InvalidParameterValue` as
 * `InvalidParameterValueException`). Framework errors (auth, unknown operation, bad JSON) carry
 * no query code and keep their shape name on both services.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly queryCode?: string,
  ) {
    super(message);
  }
}

const FRAMEWORK_NAMESPACE = 'com.amazon.coral.service#';

export function frameworkError(code: string, message: string, status = 400): AwsError {
  return new AwsError(code, message, status);
}

export function renderError(service: AwsService, error: AwsError, requestId: string): SandboxResponse {
  const framework = error.queryCode === undefined;
  const type =
    service !== 'CloudWatch'
      ? error.code
      : framework
        ? `${FRAMEWORK_NAMESPACE}${error.code}`
        : `com.amazonaws.cloudwatch#${error.code}`;
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE[service], 'x-amzn-requestid': requestId };
  if (service === 'CloudWatch' && error.queryCode) {
    headers['x-amzn-query-error'] = `${error.queryCode};${error.status >= 500 ? 'Receiver' : 'Sender'}`;
  }
  return { status: error.status, headers, body: JSON.stringify({ __type: type, message: error.message }) };
}

export function renderResult(service: AwsService, result: unknown, requestId: string): SandboxResponse {
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE[service], 'x-amzn-requestid': requestId },
    body: JSON.stringify(result),
  };
}

export interface Credentials {
  accessKeyId: string;
  region: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/sagemaker/aws4_request, ...` → key and region. */
export function parseAuthorization(header: string | undefined): Credentials | undefined {
  if (!header) return undefined;
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/[^/,\s]+\/aws4_request/.exec(header);
  return match ? { accessKeyId: match[1], region: match[2] } : undefined;
}

/**
 * The sandbox's stand-in for STS: two magic access key ids fail the way real stale or wrong keys
 * do, everything else signs in.
 */
export function checkCredentials(header: string | undefined): Credentials {
  if (!header) throw frameworkError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  const credentials = parseAuthorization(header);
  if (!credentials) {
    throw frameworkError('IncompleteSignatureException', `Authorization header requires 'Credential' parameter. Authorization=${header.slice(0, 60)}`);
  }
  if (credentials.accessKeyId === 'EXPIRED') throw frameworkError('ExpiredTokenException', 'The security token included in the request is expired');
  if (credentials.accessKeyId === 'INVALID') throw frameworkError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  return credentials;
}

/** Epoch seconds, as the JSON protocols send timestamps (fractions kept). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** Paging tokens are opaque to clients; inside they carry an offset and a fingerprint of the request. */
export function encodeToken(state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeToken(token: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
