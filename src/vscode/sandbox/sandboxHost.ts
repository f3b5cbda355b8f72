// Hosts the sandbox clouds inside the extension host (command "Start Sandbox Clouds").
import type * as vscode from 'vscode';

interface Running {
  url: string;
  close(): Promise<void>;
}

export class SandboxHost implements vscode.Disposable {
  private running: Running | undefined;
  private starting: Promise<Running> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  get url(): string | undefined {
    return this.running?.url;
  }

  async start(scenarioFile?: string): Promise<string> {
    if (this.running) return this.running.url;
    this.starting ??= (async () => {
      const { startSandbox } = await import('../../sandbox/server');
      const sandbox = await startSandbox({
        scenarioFile,
        log: (line: string) => this.log.debug(`sandbox: ${line}`),
      });
      this.log.info(`Sandbox clouds listening on ${sandbox.url}${scenarioFile ? ` (scenario ${scenarioFile})` : ''}`);
      return sandbox;
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
