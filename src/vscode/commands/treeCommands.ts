// Commands on tree items: refresh, load more, copy, open in the console, sign in.
import * as vscode from 'vscode';
import type { Resource } from '../../core/model';
import type { ResourceTree } from '../tree/resourceTree';

const SAFE_PROFILE = /^[A-Za-z0-9_.+=,@-]{1,64}$/;

export function registerTreeCommands(tree: ResourceTree, log: vscode.LogOutputChannel): vscode.Disposable[] {
  // Arguments come from menus (our nodes) or from anyone running the command: check their shape.
  const resourceOf = (node: unknown): Resource | undefined => {
    const r = (node as { resource?: Resource } | undefined)?.resource;
    return r && typeof r.nativeId === 'string' && typeof r.ref?.name === 'string' ? r : undefined;
  };
  const has = <K extends string>(node: unknown, key: K): node is Record<K, () => unknown> =>
    typeof node === 'object' && node !== null && typeof (node as Record<string, unknown>)[key] === 'function';
  return [
    vscode.commands.registerCommand('mlMonitor.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('mlMonitor.refreshNode', (node?: unknown) => {
      if (has(node, 'reset')) node.reset();
      else tree.refresh();
    }),
    vscode.commands.registerCommand('mlMonitor.loadMore', (node?: unknown) => (has(node, 'loadMore') ? node.loadMore() : undefined)),
    vscode.commands.registerCommand('mlMonitor.copyName', async (node?: unknown) => {
      const resource = resourceOf(node);
      if (!resource) return;
      await vscode.env.clipboard.writeText(resource.ref.name);
      vscode.window.setStatusBarMessage(`Copied ${resource.ref.name}`, 3000);
    }),
    vscode.commands.registerCommand('mlMonitor.copyArn', async (node?: unknown) => {
      const resource = resourceOf(node);
      if (!resource) return;
      await vscode.env.clipboard.writeText(resource.nativeId);
      vscode.window.setStatusBarMessage(`Copied ${resource.nativeId}`, 3000);
    }),
    vscode.commands.registerCommand('mlMonitor.openInConsole', async (node?: unknown) => {
      const resource = resourceOf(node);
      if (!resource) return;
      if (!resource.consoleUrl) {
        void vscode.window.showInformationMessage('Sandbox resources have no web console: they live on this machine.');
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(resource.consoleUrl));
    }),
    vscode.commands.registerCommand('mlMonitor.showLogs', () => log.show()),
    vscode.commands.registerCommand('mlMonitor.signIn', async (profile?: unknown) => {
      const name = typeof profile === 'string' && SAFE_PROFILE.test(profile) ? profile : 'default';
      const command = name === 'default' || name === 'sandbox' ? 'aws sso login' : `aws sso login --profile ${name}`;
      const choice = await vscode.window.showInformationMessage(
        `Sign in with the AWS CLI (\`${command}\`, or \`aws configure\` for access keys), then refresh the view.`,
        'Run in Terminal',
        'Copy Command',
      );
      if (choice === 'Run in Terminal') {
        const terminal = vscode.window.createTerminal({ name: 'AWS sign-in' });
        terminal.show();
        terminal.sendText(command);
      } else if (choice === 'Copy Command') {
        await vscode.env.clipboard.writeText(command);
      }
    }),
  ];
}
