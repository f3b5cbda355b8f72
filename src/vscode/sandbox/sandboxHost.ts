// Hosts the sandbox clouds inside the extension host (command "Start Sandbox Clouds").
import type * as vscode from 'vscode';

interface Running {
  url: string;
  regions: string[];
  /** The Azure clouds: HTTPS on their own port, with the certificate to trust. */
  azure?: SandboxAzureInfo;
  close(): Promise<void>;
}

export interface SandboxAzureInfo {
  url: string;
  ca: string;
  subscriptions: string[];
}

export class SandboxHost implements vscode.Disposable {
  private running: Running | undefined;
  private starting: Promise<Running> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  get url(): string | undefined {
    return this.running?.url;
  }

  /** AWS regions the running scenario has resources in. */
  get regions(): string[] {
    return this.running?.regions ?? [];
  }

  /** Where the running sandbox serves Azure, if it does. */
  get azure(): SandboxAzureInfo | undefined {
    return this.running?.azure;
  }

  async start(scenarioFile?: string): Promise<string> {
    if (this.running) return this.running.url;
    this.starting ??= (async () => {
      const { startSandbox, awsRegions } = await import('../../sandbox/server');
      const sandbox = await startSandbox({
        scenarioFile,
        log: (line: string) => this.log.debug(`sandbox: ${line}`),
      });
      this.log.info(`Sandbox clouds listening on ${sandbox.url}${scenarioFile ? ` (scenario ${scenarioFile})` : ''}`);
      const subscriptions = (sandbox.scenario.azure?.subscriptions ?? []).map((s) => s.id);
      const azure = subscriptions.length ? { url: sandbox.httpsUrl, ca: sandbox.ca, subscriptions } : undefined;
      return { url: sandbox.url, regions: awsRegions(sandbox.scenario), azure, close: () => sandbox.close() };
    })();
    try {
      this.running = await this.starting;
      return this.running.url;
    } finally {
      this.starting = undefined;
    }
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) {
      await running.close();
      this.log.info('Sandbox clouds stopped.');
    }
  }

  dispose(): void {
    void this.stop();
  }
}
