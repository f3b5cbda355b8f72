// What the router (server.ts) needs from each sandbox cloud. AWS is the first; GCP (Vertex and
// Cloud Monitoring REST) and Azure (ARM and metrics batch) plug in beside it.
import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Arrived over HTTPS (the Azure SDKs refuse plain http), so links back can use the same scheme. */
  secure?: boolean;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Faults the cloud must render in its own dialect; timeouts and malformed bodies are generic. */
export type RenderedFault = 'throttling' | 'serverError';

export interface CloudHandler {
  readonly cloud: string;
  /** The operation this request calls (e.g. `SageMaker.ListEndpoints`), or undefined if it is not for this cloud. */
  operation(request: SandboxRequest): string | undefined;
  handle(request: SandboxRequest, operation: string): Promise<SandboxResponse> | SandboxResponse;
  renderFault(kind: RenderedFault, operation: string): SandboxResponse;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
