// Azure Machine Learning in the resource tree of the real extension host, beside SageMaker and
// Vertex AI, against the sandbox's Azure clouds over HTTPS (as the Start Sandbox command wires them).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createCatalog } from '../../src/core/catalog/catalog';
import { runHealthCheck } from '../../src/core/health/healthCheck';
import { defaultRedThresholds } from '../../src/core/metrics/red';
import { defaultThresholds } from '../../src/core/rules/thresholds';
import { defaultAzureScenario } from '../../src/sandbox/azure/defaultScenario';
import { startSandbox } from '../../src/sandbox/server';
import { Connections } from '../../src/vscode/platform/connections';
import { readSettings, type Settings } from '../../src/vscode/platform/settings';
import { decorateScopeItem, FindingsStore } from '../../src/vscode/health/findingsStore';
import { ResourceTree } from '../../src/vscode/tree/resourceTree';
import type { TreeNode } from '../../src/vscode/tree/treeNode';
import { child, eventually, icon, makeTree } from './treeHelpers';

const log = vscode.window.createOutputChannel('ML Monitor Azure tests', { log: true });
const SUB = '00000000-0000-0000-0000-000000000000';

function settings(over: Partial<Settings> = {}): Settings {
  return { ...readSettings(), awsProfiles: [], awsRegions: ['us-east-1'], azureSubscriptions: [], azureWorkspaces: [], problems: [], ...over };
}

const description = (node: TreeNode) => String(node.getTreeItem().description ?? '');

describe('Azure Machine Learning in the resource tree', function () {
  this.timeout(90000);
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let connections: Connections;
  let tree: ResourceTree;
  let provider: TreeNode;
  let scope: TreeNode;

  before(async () => {
    await vscode.extensions.getExtension('mlmonitor.ml-platform-monitor')?.activate();
    sandbox = await startSandbox({ port: 0 });
    connections = new Connections(settings());
    // What "Start Sandbox Clouds" does: the Azure clouds first, then the sandbox itself.
    connections.setSandboxAzure({ url: sandbox.httpsUrl, ca: sandbox.ca, subscriptions: [SUB] });
    connections.setSandbox(sandbox.url);
    tree = makeTree(connections, log);
    provider = await child(tree, undefined, 'Azure Machine Learning');
    scope = await child(tree, provider, 'mlw-contoso-prod (Contoso production ML) · eastus');
  });

  after(async () => {
    tree.dispose();
    connections.dispose();
    await sandbox.close();
  });

  it('shows Azure Machine Learning beside the other clouds, one node per workspace', async () => {
    const roots = (await tree.getChildren()).map((n) => String(n.getTreeItem().label));
    assert.ok(roots.includes('Amazon SageMaker') && roots.includes('Azure Machine Learning'), roots.join(', '));
    assert.equal(provider.getTreeItem().description, '2 workspaces');
    assert.equal(scope.getTreeItem().id, `azure/${SUB}/rg-ml-prod/mlw-contoso-prod`);
    assert.equal(scope.getTreeItem().contextValue, 'mlMonitor.scope.azure');
    assert.deepEqual((await tree.getChildren(scope)).map((n) => n.getTreeItem().label), ['Training jobs', 'Endpoints', 'Datasets']);
    await child(tree, provider, 'mlw-contoso-eu · westeurope');
  });

  it('shows the workspace\'s own metrics (names with spaces) on its node: runs, quota, unusable nodes', async () => {
    await tree.getChildren(scope);
    const text = await eventually(() => (/failed run/.test(description(scope)) ? description(scope) : undefined), 'the workspace figures');
    assert.match(text, /^1 failed run, 0 completed · 24 h · quota 9[23] % · 1 unusable node · sandbox$/);
    const tooltip = String(scope.getTreeItem().tooltip);
    assert.match(tooltip, /Last 24 h: 1 failed run, 0 completed runs, 0 failed model deployments/);
    assert.match(tooltip, /Compute quota in use: 9[23] % \(highest 15 min 9[23] %\)/);
    assert.match(tooltip, /Unusable nodes: 1/);
  });

  it('lists online endpoints with their deployments and a live RED summary from Azure Monitor', async () => {
    const endpoints = await child(tree, scope, 'Endpoints');
    const credit = await child(tree, endpoints, 'credit-scoring');
    assert.match(description(credit), /^Standard_DS3_v2 × 2, Standard_DS3_v2 × 1/);
    assert.equal(credit.getTreeItem().contextValue, 'mlMonitor.endpoint.inService');
    const triage = await child(tree, endpoints, 'claims-triage');
    const red = await eventually(() => (description(triage).includes('% err') ? description(triage) : undefined), 'the RED summary of claims-triage');
    const err = Number(red.match(/([\d.]+)% err/)?.[1]);
    assert.ok(err > 5, `claims-triage error rate ${err}% (the 5xx spike)`);
    assert.equal(icon(triage), 'error');
    await eventually(() => (description(credit).includes('req/s') ? true : undefined), 'the RED summary of credit-scoring');
    assert.equal(icon(credit), 'pass');
    const tip = (credit.getTreeItem().tooltip as vscode.MarkdownString).value.replace(/\\/g, '').replace(/&nbsp;/g, ' ');
    assert.match(tip, /Traffic: blue 90 % · green 10 %/);
    assert.match(tip, /Deployment green: Standard_DS3_v2 × 1/);
    const creating = await child(tree, endpoints, 'fraud-shadow');
    assert.match(description(creating), /Creating/);
  });

  it('auto-refresh reuses the deployments of unchanged endpoints; Refresh on the group lists them again', async () => {
    const endpoints = await child(tree, scope, 'Endpoints');
    const entry = (await connections.scopes()).find((e) => e.scope.id === scope.id)!;
    const calls = () => entry.provider.callCounts()['MachineLearning.OnlineDeployments.List'] ?? 0;
    const before = calls();
    await tree.refreshLive();
    // Every loaded workspace refreshed; only fraud-shadow, whose deployment is still Creating, is asked again.
    assert.equal(calls() - before, 1);
    const afterLive = calls();
    await vscode.commands.executeCommand('mlMonitor.refreshNode', endpoints);
    const names = (await tree.getChildren(endpoints)).map((n) => String(n.getTreeItem().label));
    const prod = defaultAzureScenario.subscriptions[0].resourceGroups[0].workspaces![0].onlineEndpoints!.map((e) => e.name);
    assert.deepEqual([...names].sort(), [...prod].sort());
    assert.equal(calls() - afterLive, prod.length, 'one deployments list per endpoint of the workspace');
  });

  it('counts the workspace\'s own findings on its node after a health check', async () => {
    const store = new FindingsStore();
    const decorated = new ResourceTree(connections, { log, pageSize: () => 50, thresholds: () => defaultRedThresholds, withProgress: (task) => task(), now: () => Date.now(), decorateScope: (s, item) => decorateScopeItem(store, s, item) });
    try {
      const targets = (await connections.scopes()).filter((e) => e.scope.provider === 'azure');
      store.set(await runHealthCheck(targets, { thresholds: defaultThresholds, catalog: createCatalog() }));
      const azure = await child(decorated, undefined, 'Azure Machine Learning');
      const prod = await child(decorated, azure, 'mlw-contoso-prod (Contoso production ML) · eastus');
      assert.match(description(prod), /· 2 findings$/);
      const tip = String(prod.getTreeItem().tooltip);
      assert.match(tip, /warning: Compute quota [\d.]+ % used \(availability\/quota-near-limit\)/);
      assert.match(tip, /warning: 1 unusable node \(availability\/unusable-nodes\)/);
      assert.doesNotMatch(description(await child(decorated, azure, 'mlw-contoso-eu · westeurope')), /finding/);
    } finally {
      decorated.dispose();
    }
  });

  it('lists jobs with their compute size, status and failure', async () => {
    const jobs = await child(tree, scope, 'Training jobs');
    const running = await child(tree, jobs, 'llm-finetune-claims');
    assert.equal(running.getTreeItem().contextValue, 'mlMonitor.trainingJob.running');
    assert.match(description(running), /Standard_NC24ads_A100_v4 × 2 · Running/);
    const failed = await child(tree, jobs, 'vision-resnet-train');
    assert.equal(icon(failed), 'error');
    assert.match((failed.getTreeItem().tooltip as vscode.MarkdownString).value, /OutOfMemoryError/);
    assert.equal((await child(tree, jobs, 'claims-batch-score')).getTreeItem().contextValue, 'mlMonitor.trainingJob.stopped');
  });

  it('lists data assets and datastores', async () => {
    const datasets = await child(tree, scope, 'Datasets');
    const asset = await child(tree, datasets, 'credit-applications');
    assert.equal(asset.getTreeItem().contextValue, 'mlMonitor.dataset.dataAsset');
    assert.match(description(asset), /^data asset/);
    assert.match((asset.getTreeItem().tooltip as vscode.MarkdownString).value.replace(/\\/g, ''), /Location: https:\/\/contosomldata\.blob\.core\.windows\.net\/datasets\/credit\/applications\//);
    const store = await child(tree, datasets, 'datastore:training_data');
    assert.match(description(store), /^datastore/);
  });

  it('copies the ARM id of an endpoint through the real command', async () => {
    const node = await child(tree, await child(tree, scope, 'Endpoints'), 'doc-ocr');
    await vscode.commands.executeCommand('mlMonitor.copyArn', node);
    assert.equal(await vscode.env.clipboard.readText(), `/subscriptions/${SUB}/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-contoso-prod/onlineEndpoints/doc-ocr`);
  });
});
