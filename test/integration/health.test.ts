// The health check in the real extension host: the command against the sandbox clouds, its report
// panel, the tree's decorations, and links from findings to the resources' panels.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createCatalog } from '../../src/core/catalog/catalog';
import { runHealthCheck } from '../../src/core/health/healthCheck';
import type { HealthReport } from '../../src/core/health/report';
import { isResourceRef } from '../../src/core/model';
import { defaultRedThresholds } from '../../src/core/metrics/red';
import { defaultThresholds } from '../../src/core/rules/thresholds';
import { startSandbox } from '../../src/sandbox/server';
import { decorateItem, FindingsStore } from '../../src/vscode/health/findingsStore';
import { openResource } from '../../src/vscode/health/reportPanel';
import { Connections } from '../../src/vscode/platform/connections';
import { readSettings } from '../../src/vscode/platform/settings';
import { ResourceTree } from '../../src/vscode/tree/resourceTree';
import { DEFAULT_SCENARIO_PROBLEMS } from '../fixtures/defaultScenarioFindings';
import type { TreeNode } from '../../src/vscode/tree/treeNode';

const EXTENSION_ID = 'mlmonitor.ml-platform-monitor';
const log = vscode.window.createOutputChannel('ML Monitor health tests', { log: true });


function tabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
}

async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function child(tree: ResourceTree, parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  const found = (await tree.getChildren(parent)).find((c) => c.getTreeItem().label === label);
  assert.ok(found, `expected '${label}'`);
  return found;
}

describe('Health check in the extension host', function () {
  this.timeout(120_000);

  it('runs "ML Monitor: Run Health Check" against the sandbox clouds and opens the report', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const url = await vscode.commands.executeCommand<string | undefined>('mlMonitor.startSandbox');
    assert.ok(url, 'the sandbox clouds started');
    try {
      const report = await vscode.commands.executeCommand<HealthReport | undefined>('mlMonitor.runHealthCheck');
      assert.ok(report, 'the command returns its report');
      // The SageMaker side of the default scenario; other clouds' sandboxes have their own stories.
      const aws = report.findings.filter((f) => f.resource.provider === 'aws');
      assert.deepEqual(aws.map((f) => `${f.ruleId} ${f.resource.name}`).sort(), DEFAULT_SCENARIO_PROBLEMS);
      assert.ok(report.scopes.every((s) => !s.error), JSON.stringify(report.scopes.map((s) => s.error)));
      await eventually(() => tabLabels().includes('ML Monitor: Health Report'), 'the report panel');
      // Asking for the report again shows the same one.
      await vscode.commands.executeCommand('mlMonitor.showHealthReport');
      assert.equal(tabLabels().filter((l) => l === 'ML Monitor: Health Report').length, 1);
    } finally {
      await vscode.commands.executeCommand('mlMonitor.stopSandbox');
    }
  });

  it('decorates tree items with their findings and opens a finding\'s resource', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const connections = new Connections({ ...readSettings(), awsProfiles: [], awsRegions: ['us-east-1'], problems: [] });
    connections.setSandbox(sandbox.url);
    const store = new FindingsStore();
    const tree = new ResourceTree(connections, {
      log,
      pageSize: () => 50,
      thresholds: () => defaultRedThresholds,
      withProgress: (task) => task(),
      now: () => Date.now(),
      decorate: (resource, item) => decorateItem(store, resource, item),
    });
    try {
      store.set(await runHealthCheck(await connections.scopes(), { thresholds: defaultThresholds, catalog: createCatalog() }));
      assert.equal(store.worst(), 'error');
      assert.ok(store.resourcesNeedingAttention() >= 9);
      const scope = await child(tree, await child(tree, undefined, 'Amazon SageMaker'), 'sandbox · us-east-1');
      const endpoints = await child(tree, scope, 'Endpoints');
      const churn = (await child(tree, endpoints, 'churn-predictor')).getTreeItem();
      assert.match(String(churn.description), /· 1 finding$/);
      assert.equal((churn.iconPath as vscode.ThemeIcon).id, 'error');
      // MarkdownString.appendText escapes and uses &nbsp;: compare the text as rendered.
      const tip = (churn.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\/g, '');
      assert.match(tip, /error: Error rate [\d.]+ % \(red\/error-rate\)/);
      const gpu = (await child(tree, endpoints, 'image-classifier-gpu')).getTreeItem();
      assert.equal((gpu.iconPath as vscode.ThemeIcon).id, 'warning');
      const healthy = (await child(tree, endpoints, 'fraud-detector-prod')).getTreeItem();
      assert.doesNotMatch(String(healthy.description), /finding/);

      const before = tabLabels().length;
      const finding = store.report!.findings.find((f) => f.resource.name === 'recommender-prod')!;
      assert.ok(isResourceRef(finding.resource));
      await openResource(finding.resource);
      await eventually(() => tabLabels().length > before || undefined, 'a panel for the finding\'s resource');
    } finally {
      tree.dispose();
      connections.dispose();
      store.dispose();
      await sandbox.close();
    }
  });
});
