// Shared by the extension-host tests of the resource tree (every cloud) and the health check: a tree
// over given connections, a child found by its label, waiting for a condition, an item's icon.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { defaultRedThresholds } from '../../src/core/metrics/red';
import type { Connections } from '../../src/vscode/platform/connections';
import { ResourceTree } from '../../src/vscode/tree/resourceTree';
import type { TreeNode } from '../../src/vscode/tree/treeNode';

export function makeTree(connections: Connections, log: vscode.LogOutputChannel, pageSize = 50): ResourceTree {
  return new ResourceTree(connections, { log, pageSize: () => pageSize, thresholds: () => defaultRedThresholds, withProgress: (task) => task(), now: () => Date.now() });
}

export async function child(tree: ResourceTree, parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  const children = await tree.getChildren(parent);
  const found = children.find((c) => c.getTreeItem().label === label);
  assert.ok(found, `expected '${label}' among ${children.map((c) => String(c.getTreeItem().label)).join(', ')}`);
  return found;
}

/** Polls `probe` every 100 ms until it gives a value (not undefined or false). */
export async function eventually<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const icon = (node: TreeNode): string => (node.getTreeItem().iconPath as vscode.ThemeIcon).id;
