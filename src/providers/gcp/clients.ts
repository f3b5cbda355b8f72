// The Vertex AI and Cloud Monitoring clients of one project and location, on the REST transport
// (`fallback: true`: HTTP/1.1 JSON, which passes corporate proxies and is what the sandbox speaks).
// Each client file is imported on its own: the package roots pull in every client (about 21 MB
// bundled instead of about 3 MB).
import { DatasetServiceClient } from '@google-cloud/aiplatform/build/src/v1/dataset_service_client';
import { EndpointServiceClient } from '@google-cloud/aiplatform/build/src/v1/endpoint_service_client';
import { JobServiceClient } from '@google-cloud/aiplatform/build/src/v1/job_service_client';
import { PipelineServiceClient } from '@google-cloud/aiplatform/build/src/v1/pipeline_service_client';
import { MetricServiceClient } from '@google-cloud/monitoring/build/src/v3/metric_service_client';
import { googleAuthLibrary, type ClientOptions } from 'google-gax';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** What the clients authenticate with: Application Default Credentials, or a fixed token (the sandbox). */
export type GcpAuth = { auth: InstanceType<typeof googleAuthLibrary.GoogleAuth> } | { authClient: InstanceType<typeof googleAuthLibrary.OAuth2Client> };

/** Application Default Credentials: `gcloud auth application-default login`, GOOGLE_APPLICATION_CREDENTIALS, or the metadata server. */
export function applicationDefaultAuth(): GcpAuth {
  return { auth: new googleAuthLibrary.GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] }) };
}

/** A fixed access token, for the sandbox clouds: without it the library would look for ADC and probe the GCE metadata server. */
export function tokenAuth(accessToken: string): GcpAuth {
  const client = new googleAuthLibrary.OAuth2Client();
  client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 365 * 86_400_000 });
  return { authClient: client };
}

/** Where the clients send requests: Google's regional endpoints, or one local server for everything. */
export type GcpEndpoints = { kind: 'google'; location: string } | { kind: 'local'; url: string };

function transport(endpoints: GcpEndpoints, service: 'aiplatform' | 'monitoring'): ClientOptions {
  if (endpoints.kind === 'google') {
    // Vertex AI is regional (us-central1-aiplatform.googleapis.com); Cloud Monitoring is global.
    return { apiEndpoint: service === 'aiplatform' ? `${endpoints.location}-aiplatform.googleapis.com` : 'monitoring.googleapis.com' };
  }
  const url = new URL(endpoints.url);
  const protocol = url.protocol.replace(':', '');
  // The port goes in `port`: in `apiEndpoint` it would be silently replaced by 443.
  return { apiEndpoint: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || (protocol === 'https' ? 443 : 80), protocol };
}

/**
 * The five clients of one location, each made on first use: constructing a Vertex client parses
 * (and hashes) the whole aiplatform proto set, about 2-3 s, so a scope pays only for what it calls
 * and every scope of a location shares them.
 */
export class GcpClients {
  private made: { endpoints?: EndpointServiceClient; jobs?: JobServiceClient; pipelines?: PipelineServiceClient; datasets?: DatasetServiceClient; metrics?: MetricServiceClient } = {};
  private readonly vertex: ClientOptions;
  private readonly monitoring: ClientOptions;

  constructor(endpoints: GcpEndpoints, auth: GcpAuth) {
    const common = { fallback: true as const, ...auth };
    this.vertex = { ...common, ...transport(endpoints, 'aiplatform') };
    this.monitoring = { ...common, ...transport(endpoints, 'monitoring') };
  }

  get endpoints(): EndpointServiceClient {
    return (this.made.endpoints ??= new EndpointServiceClient(this.vertex));
  }

  get jobs(): JobServiceClient {
    return (this.made.jobs ??= new JobServiceClient(this.vertex));
  }

  get pipelines(): PipelineServiceClient {
    return (this.made.pipelines ??= new PipelineServiceClient(this.vertex));
  }

  get datasets(): DatasetServiceClient {
    return (this.made.datasets ??= new DatasetServiceClient(this.vertex));
  }

  get metrics(): MetricServiceClient {
    return (this.made.metrics ??= new MetricServiceClient(this.monitoring));
  }

  close(): void {
    for (const client of Object.values(this.made)) void client.close().catch(() => undefined);
    this.made = {};
  }
}
