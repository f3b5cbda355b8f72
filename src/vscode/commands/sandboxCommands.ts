// "Start Sandbox Clouds" / "Stop Sandbox Clouds".
import * as vscode from 'vscode';
import type { Connections } from '../platform/connections';
import { readSettings } from '../platform/settings';
import type { SandboxHost } from '../sandbox/sandboxHost';

export function registerSandboxCommands(host: SandboxHost, connections: Connections, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const setRunning = (running: boolean) => vscode.commands.executeCommand('setContext', 'mlMonitor.sandboxRunning', running);
  return [
    vscode.commands.registerCommand('mlMonitor.startSandbox', async () => {
      const scenario = readSettings().sandboxScenarioFile;
      try {
        const url = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Starting the sandbox clouds…' },
          () => host.start(scenario),
        );
        connections.setSandboxAzure(host.azure);
        connections.setSandbox(url, host.regions);
        await setRunning(true);
        void vscode.window.showInformationMessage(`Sandbox clouds running at ${url}: the tree shows their synthetic workloads.`);
        return url;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.error(`Starting the sandbox clouds failed: ${message}`);
        void vscode.window.showErrorMessage(
          scenario ? `The sandbox could not start with scenario ${scenario}: ${message}` : `The sandbox could not start: ${message}`,
          'Show Logs',
        ).then((choice) => choice && log.show());
        return undefined;
      }
    }),
    vscode.commands.registerCommand('mlMonitor.stopSandbox', async () => {
      await host.stop();
      connections.setSandbox(undefined);
      await setRunning(false);
    }),
  ];
}
