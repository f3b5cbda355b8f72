// What every panel is built with, passed down from extension.ts.
import type * as vscode from 'vscode';
import type { Connections } from '../platform/connections';
import type { FileSaver } from './exportFiles';
import type { PanelSettings } from './panelSettings';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  connections: Connections;
  log: vscode.LogOutputChannel;
  settings(): PanelSettings;
  now(): number;
  saver: FileSaver;
}

export function errorText(err: unknown): { message: string; action?: string } {
  if (err instanceof Error) {
    const action = (err as { action?: unknown }).action;
    return { message: err.message, action: typeof action === 'string' ? action : undefined };
  }
  return { message: String(err) };
}

export function isCancellation(err: unknown): boolean {
  return err instanceof Error && ((err as { kind?: unknown }).kind === 'cancelled' || err.name === 'AbortError');
}
