// "Open Metrics…" (from a tree item, its context menu, or the palette with a resource picker) and
// "Open Fleet Overview". Arguments may come from anyone running the command, so their shape is
// checked before use.
import * as vscode from 'vscode';
import type { Resource, ResourceKind } from '../../core/model';
import { isResourceRef } from '../../protocol/panelState';
import type { Connections } from '../platform/connections';
import type { PanelManager } from './panelManager';
import { errorText } from './panelDeps';

const kindLabels: Record<ResourceKind, string> = { endpoint: 'Endpoints', trainingJob: 'Training jobs', dataset: 'Datasets' };

/** A Resource (tree item click), a tree node holding one (context menu) or a bare ResourceRef. */
export function targetOf(arg: unknown): Resource | Resource['ref'] | undefined {
  const candidate = (arg as { resource?: unknown } | undefined)?.resource ?? arg;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const r = candidate as Partial<Resource>;
  if (typeof r.nativeId === 'string' && isResourceRef(r.ref)) return candidate as Resource;
  return isResourceRef(candidate) ? candidate : undefined;
}

interface ResourcePick extends vscode.QuickPickItem {
  resource?: Resource;
}

/** Lists the first page of every kind in every scope and lets the user pick one. */
async function pickResource(connections: Connections, pageSize: number): Promise<Resource | undefined> {
  const pick = vscode.window.createQuickPick<ResourcePick>();
  pick.title = 'Open Metrics';
  pick.placeholder = 'Type to filter endpoints, training jobs and datasets';
  pick.matchOnDescription = true;
  pick.busy = true;
  pick.show();
  const chosen = new Promise<Resource | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.resource));
    pick.onDidHide(() => resolve(undefined));
  });
  try {
    const entries = await connections.scopes();
    if (!entries.length) {
      pick.items = [{ label: 'No cloud is connected', detail: 'Connect AWS or start the sandbox clouds from the ML Monitor view.', alwaysShow: true }];
    } else {
      const lists = await Promise.all(
        entries.flatMap(({ provider, scope }) =>
          (['endpoint', 'trainingJob', 'dataset'] as const).map(async (kind) => {
            try {
              return { kind, scope, items: (await provider.listResources(scope, kind, { pageSize })).items };
            } catch (err) {
              return { kind, scope, items: [] as Resource[], error: errorText(err).message };
            }
          }),
        ),
      );
      const items: ResourcePick[] = [];
      for (const kind of ['endpoint', 'trainingJob', 'dataset'] as const) {
        items.push({ label: kindLabels[kind], kind: vscode.QuickPickItemKind.Separator });
        for (const list of lists.filter((l) => l.kind === kind)) {
          if (list.error) items.push({ label: `$(error) ${list.scope.label}`, detail: list.error });
          for (const r of list.items) items.push({ label: r.ref.name, description: `${r.rawStatus} · ${list.scope.label}`, resource: r });
        }
      }
      pick.items = items;
    }
  } finally {
    pick.busy = false;
  }
  const result = await chosen;
  pick.dispose();
  return result;
}

export function registerOpenCommands(manager: PanelManager, connections: Connections, pageSize: () => number): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mlMonitor.openMetrics', async (arg?: unknown) => {
      let target = targetOf(arg);
      if (!target) {
        target = await pickResource(connections, pageSize());
        if (!target) return undefined;
      }
      // The moment of the request: "time to first chart" is measured from here.
      manager.openMetrics(target);
      return undefined;
    }),
    vscode.commands.registerCommand('mlMonitor.openFleetOverview', () => {
      manager.openFleet();
    }),
  ];
}
