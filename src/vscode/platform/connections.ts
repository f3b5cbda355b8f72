// Which clouds are connected: builds provider adapters from settings and the sandbox, lazily,
// so the SDKs load only when the tree first needs them.
import * as vscode from 'vscode';
import type { ScopeRef } from '../../core/model';
import type { AwsProviderConfig } from '../../providers/aws/awsProvider';
import type { AzureProviderConfig } from '../../providers/azure/azureProvider';
import { fetchSandboxAzure } from '../../providers/azure/sandboxInfo';
import type { GcpProviderConfig } from '../../providers/gcp/gcpProvider';
import type { CloudProvider } from '../../providers/provider';
import type { SandboxAzureInfo } from '../sandbox/sandboxHost';
import { vscodeAzureCredential } from './azureAuth';
import type { Settings } from './settings';

export interface ScopeEntry {
  provider: CloudProvider;
  scope: ScopeRef;
}

export interface ProviderFactory {
  aws(config: AwsProviderConfig): Promise<CloudProvider>;
  /** Builds the Vertex AI adapter (the GCP chunk, loaded on first use). */
  gcp?(config: GcpProviderConfig): Promise<CloudProvider>;
  /** Builds the Azure adapter and finds its workspaces (the Azure chunk, loaded on first use). */
  azure?(config: AzureProviderConfig): Promise<CloudProvider>;
}

/** The real factory: loads the AWS chunk on first use. */
export const lazyProviderFactory: ProviderFactory = {
  async aws(config) {
    const { createAwsProvider } = await import('../../providers/aws/awsProvider');
    return createAwsProvider(config);
  },
  async gcp(config) {
    const { createGcpProvider } = await import('../../providers/gcp/gcpProvider');
    return createGcpProvider(config);
  },
  async azure(config) {
    const { createAzureProvider } = await import('../../providers/azure/azureProvider');
    return createAzureProvider(config);
  },
};

/** Asks a sandbox started elsewhere (`mlmon sandbox`) where its resources are. */
async function remoteSandboxRegions(url: string): Promise<string[]> {
  try {
    const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { regions?: { aws?: unknown } };
    const regions = Array.isArray(body.regions?.aws) ? body.regions.aws.filter((r): r is string => typeof r === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(r)) : [];
    return regions.length ? regions : ['us-east-1'];
  } catch {
    // Unreachable or an older sandbox: the tree then says what failed, per region.
    return ['us-east-1'];
  }
}

export class Connections implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private providers: Promise<CloudProvider[]> | undefined;
  private sandboxUrl: string | undefined;
  private sandboxRegions: string[] = ['us-east-1'];
  private sandboxAzure: SandboxAzureInfo | undefined;

  constructor(
    private settings: Settings,
    private readonly factory: ProviderFactory = lazyProviderFactory,
  ) {}

  /** True when there is something to show; drives the welcome view. */
  get connected(): boolean {
    return this.settings.awsProfiles.length > 0 || this.settings.gcpProjects.length > 0 || this.settings.azureSubscriptions.length > 0 || Boolean(this.activeSandboxUrl);
  }

  get activeSandboxUrl(): string | undefined {
    return this.sandboxUrl ?? this.settings.sandboxUrl;
  }

  updateSettings(settings: Settings): void {
    this.settings = settings;
    this.reset();
  }

  /** The in-editor sandbox's Azure clouds; set before setSandbox, which applies it (and clears it on stop). */
  setSandboxAzure(azure: SandboxAzureInfo | undefined): void {
    this.sandboxAzure = azure;
  }

  /** Called when the in-editor sandbox starts (url) or stops (undefined). */
  setSandbox(url: string | undefined, regions: string[] = ['us-east-1']): void {
    this.sandboxUrl = url;
    if (!url) this.sandboxAzure = undefined;
    this.sandboxRegions = regions.length ? regions : ['us-east-1'];
    this.reset();
  }

  async scopes(): Promise<ScopeEntry[]> {
    const providers = await this.getProviders();
    return providers.flatMap((provider) => provider.listScopes().map((scope) => ({ provider, scope })));
  }

  getProviders(): Promise<CloudProvider[]> {
    this.providers ??= this.build();
    return this.providers;
  }

  private async build(): Promise<CloudProvider[]> {
    const s = this.settings;
    const out: CloudProvider[] = [];
    const timeout = s.requestTimeoutSeconds * 1000;
    const sandbox = this.activeSandboxUrl;
    if (sandbox) {
      const regions = this.sandboxUrl ? this.sandboxRegions : await remoteSandboxRegions(sandbox);
      out.push(await this.factory.aws({ profiles: [], regions, requestTimeoutMs: timeout, sandbox: { url: sandbox } }));
    }
    // Vertex AI: the sandbox serves its default project and location on the same port.
    const gcp = this.factory.gcp;
    if (sandbox && gcp) out.push(await gcp({ projects: [], locations: [], requestTimeoutMs: timeout, sandbox: { url: sandbox } }));
    if (s.gcpProjects.length && gcp) out.push(await gcp({ projects: s.gcpProjects, locations: s.gcpLocations.length ? s.gcpLocations : ['us-central1'], requestTimeoutMs: timeout }));
    const azure = this.factory.azure;
    if (sandbox && azure) {
      const info = this.sandboxUrl ? this.sandboxAzure : await fetchSandboxAzure(sandbox);
      if (info?.subscriptions.length) out.push(await azure({ subscriptions: info.subscriptions, requestTimeoutMs: timeout, sandbox: { url: info.url, ca: info.ca } }));
    }
    if (s.azureSubscriptions.length && azure) {
      out.push(
        await azure({
          subscriptions: s.azureSubscriptions,
          workspaces: s.azureWorkspaces,
          requestTimeoutMs: timeout,
          credential: vscodeAzureCredential(),
          fallbackToDefaultCredential: true,
        }),
      );
    }
    if (s.awsProfiles.length) {
      out.push(
        await this.factory.aws({
          profiles: s.awsProfiles,
          regions: s.awsRegions.length ? s.awsRegions : ['us-east-1'],
          requestTimeoutMs: timeout,
          endpointOverrides: s.awsEndpointOverrides,
        }),
      );
    }
    return out;
  }

  private reset(): void {
    const old = this.providers;
    this.providers = undefined;
    void old?.then((list) => list.forEach((p) => p.dispose()), () => undefined);
    void vscode.commands.executeCommand('setContext', 'mlMonitor.connected', this.connected);
    this.changed.fire();
  }

  dispose(): void {
    this.reset();
    this.changed.dispose();
  }
}
