import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('mlMonitor.resources', {
      getTreeItem: (e: vscode.TreeItem) => e,
      getChildren: () => [],
    }),
  );
}

export function deactivate(): void {}
