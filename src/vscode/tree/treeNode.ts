// Tree elements are plain objects; one helper makes error, empty, sign-in and load-more nodes
// look the same in every branch.
import * as vscode from 'vscode';
import { isProviderError } from '../../providers/provider';

export interface TreeNode {
  readonly id: string;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]>;
}

export interface MessageNodeOptions {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  color?: string;
  command?: vscode.Command;
  contextValue: string;
}

export function messageNode(o: MessageNodeOptions): TreeNode {
  return {
    id: o.id,
    getTreeItem() {
      const item = new vscode.TreeItem(o.label, vscode.TreeItemCollapsibleState.None);
      item.id = o.id;
      item.description = o.description;
      item.tooltip = o.tooltip;
      item.iconPath = new vscode.ThemeIcon(o.icon, o.color ? new vscode.ThemeColor(o.color) : undefined);
      item.command = o.command;
      item.contextValue = o.contextValue;
      return item;
    },
  };
}

function signInNode(parentId: string, label: string, err: unknown, command: vscode.Command): TreeNode {
  const message = err instanceof Error ? err.message : String(err);
  const action = isProviderError(err) ? err.action : undefined;
  return messageNode({
    id: `${parentId}/signIn`,
    label,
    description: message,
    tooltip: [message, action].filter(Boolean).join('\n'),
    icon: 'account',
    color: 'problemsWarningIcon.foreground',
    command,
    contextValue: 'mlMonitor.signIn',
  });
}

/** Turns a load failure into the node that says what to do: sign in, or read the logs. */
export function errorNode(parentId: string, what: string, err: unknown, signIn?: { profile: string; provider?: string }): TreeNode {
  const message = err instanceof Error ? err.message : String(err);
  const action = isProviderError(err) ? err.action : undefined;
  if (isProviderError(err) && err.kind === 'auth' && signIn?.provider === 'azure') {
    // Azure signs in through the Microsoft account of VS Code, not a CLI profile.
    return signInNode(parentId, 'Sign in to Azure', err, { command: 'mlMonitor.signInAzure', title: 'Sign In to Azure' });
  }
  if (isProviderError(err) && err.kind === 'auth' && signIn?.provider === 'gcp') {
    // Google Cloud signs in with Application Default Credentials, which the gcloud CLI makes: the tooltip says how.
    return signInNode(parentId, 'Sign in to Google Cloud', err, { command: 'mlMonitor.showLogs', title: 'Show Logs' });
  }
  if (isProviderError(err) && err.kind === 'auth' && signIn) {
    return signInNode(parentId, signIn.profile === 'default' ? 'Sign in to AWS' : `Sign in to AWS profile '${signIn.profile}'`, err, { command: 'mlMonitor.signIn', title: 'Sign In', arguments: [signIn.profile] });
  }
  return messageNode({
    id: `${parentId}/error`,
    label: `Failed to load ${what} (click for logs)`,
    description: message,
    tooltip: [message, action].filter(Boolean).join('\n'),
    icon: 'error',
    color: 'problemsErrorIcon.foreground',
    command: { command: 'mlMonitor.showLogs', title: 'Show Logs' },
    contextValue: 'mlMonitor.error',
  });
}

export function emptyNode(parentId: string, label: string): TreeNode {
  return messageNode({ id: `${parentId}/empty`, label, icon: 'info', contextValue: 'mlMonitor.empty' });
}

export function loadMoreNode(parentId: string, loaded: number, target: TreeNode): TreeNode {
  return messageNode({
    id: `${parentId}/loadMore`,
    label: 'Load more…',
    description: `${loaded} shown`,
    icon: 'ellipsis',
    command: { command: 'mlMonitor.loadMore', title: 'Load More', arguments: [target] },
    contextValue: 'mlMonitor.loadMore',
  });
}
