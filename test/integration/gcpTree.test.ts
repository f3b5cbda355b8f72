// Vertex AI in the resource tree of the real extension host, beside SageMaker, against the sandbox.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox } from '../../src/sandbox/server';
import { Connections } from '../../src/vscode/platform/connections';
import { readSettings, type Settings } from '../../src/vscode/platform/settings';
import type { ResourceTree } from '../../src/vscode/tree/resourceTree';
import type { TreeNode } from '../../src/vscode/tree/treeNode';
import { child, eventually, icon, makeTree } from './treeHelpers';

const log = vscode.window.createOutputChannel('ML Monitor GCP tests', { log: true });

function settings(over: Partial<Settings> = {}): Settings {
  return { ...readSettings(), awsProfiles: [], awsRegions: ['us-east-1'], gcpProjects: [], gcpLocations: [], problems: [], ...over };
}


describe('Vertex AI in the resource tree', function () {
  this.timeout(90000);
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let connections: Connections;
  let tree: ResourceTree;
  let scope: TreeNode;

  before(async () => {
    // The copy commands below run in this extension host only once the extension is active.
    await vscode.extensions.getExtension('mlmonitor.ml-platform-monitor')?.activate();
    sandbox = await startSandbox({ port: 0 });
    connections = new Connections(settings());
    connections.setSandbox(sandbox.url);
    tree = makeTree(connections, log);
    scope = await child(tree, await child(tree, undefined, 'Google Vertex AI'), 'sandbox-project · us-central1');
  });

  after(async () => {
    tree.dispose();
    connections.dispose();
    await sandbox.close();
  });

  it('shows Google Vertex AI beside Amazon SageMaker, from the same sandbox port', async () => {
    const roots = (await tree.getChildren()).map((n) => String(n.getTreeItem().label));
    assert.ok(roots.includes('Amazon SageMaker') && roots.includes('Google Vertex AI'), roots.join(', '));
    assert.equal(scope.getTreeItem().id, 'gcp/sandbox-project/us-central1');
    assert.equal(scope.getTreeItem().contextValue, 'mlMonitor.scope.gcp');
    assert.deepEqual((await tree.getChildren(scope)).map((n) => n.getTreeItem().label), ['Training jobs', 'Endpoints', 'Datasets']);
  });

  it('lists endpoints with machine, accelerator and replicas, and a live RED summary', async () => {
    const endpoints = await child(tree, scope, 'Endpoints');
    const t4 = await child(tree, endpoints, 'image-tagger-t4');
    assert.match(String(t4.getTreeItem().description), /^n1-standard-8 \+ T4 × 2/);
    assert.equal(t4.getTreeItem().contextValue, 'mlMonitor.endpoint.inService');
    assert.equal(t4.getTreeItem().id, 'gcp/sandbox-project/us-central1/endpoint/image-tagger-t4');
    const reranker = await child(tree, endpoints, 'search-reranker');
    const description = await eventually(() => {
      const d = String(reranker.getTreeItem().description ?? '');
      return d.includes('p99') ? d : undefined;
    }, 'the RED summary of search-reranker');
    const p99 = Number(description.match(/p99 ([\d,.]+) ms/)?.[1].replace(/,/g, ''));
    assert.ok(p99 > 1000, `search-reranker p99 ${p99} ms should be over the 1000 ms line`);
    assert.equal(icon(reranker), 'warning');
    const churn = await child(tree, endpoints, 'churn-scorer');
    const err = Number(String(churn.getTreeItem().description).match(/([\d.]+)% err/)?.[1]);
    assert.ok(err > 5, `churn-scorer error rate ${err}%`);
    assert.equal(icon(churn), 'error');
    assert.equal(icon(await child(tree, endpoints, 'fraud-scorer')), 'pass');
    const idle = await child(tree, endpoints, 'sentiment-staging');
    assert.match(String(idle.getTreeItem().description), /No model deployed/);
  });

  it('lists custom jobs with worker pools, states and failure reasons', async () => {
    const jobs = await child(tree, scope, 'Training jobs');
    const running = await child(tree, jobs, 'tabnet-train-2026-11-30');
    assert.equal(running.getTreeItem().contextValue, 'mlMonitor.trainingJob.running');
    assert.match(String(running.getTreeItem().description), /n1-standard-16 \+ 2 V100 × 2 · Running/);
    const failed = await child(tree, jobs, 'bert-classifier-oom');
    assert.equal(icon(failed), 'error');
    const tip = failed.getTreeItem().tooltip as vscode.MarkdownString;
    assert.match(tip.value, /OOMKilled/);
    assert.equal((await child(tree, jobs, 'automl-tuning-cancelled')).getTreeItem().contextValue, 'mlMonitor.trainingJob.stopped');
  });

  it('lists training pipelines with the custom jobs, with their task and failure reason', async () => {
    const jobs = await child(tree, scope, 'Training jobs');
    const failed = await child(tree, jobs, 'llm-finetune-a100');
    assert.equal(icon(failed), 'error');
    assert.match(String(failed.getTreeItem().description), /^a2-highgpu-8g .*× 2 · Failed · pipeline custom_task$/);
    // The tooltip's Markdown keeps spaces as &nbsp;: what a person reads is the plain reason.
    assert.match((failed.getTreeItem().tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '), /Reason: The following quota metrics exceed quota limits/);
    const forecast = await child(tree, jobs, 'demand-forecast-train');
    assert.equal(forecast.getTreeItem().contextValue, 'mlMonitor.trainingJob.completed');
    await child(tree, jobs, 'demand-forecast-train-custom-job');
    assert.match(String((await child(tree, jobs, 'churn-automl')).getTreeItem().description), /Succeeded · pipeline automl_tabular/);
  });

  it('lists datasets with their BigQuery tables', async () => {
    const datasets = await child(tree, scope, 'Datasets');
    const tx = await child(tree, datasets, 'transactions-bq');
    assert.equal(tx.getTreeItem().contextValue, 'mlMonitor.dataset.bigquery');
    assert.match(String(tx.getTreeItem().description), /^BigQuery/);
    // Markdown escapes the dashes; the text a person reads has none of the backslashes.
    assert.match((tx.getTreeItem().tooltip as vscode.MarkdownString).value.replace(/\\/g, ''), /Location: bq:\/\/sandbox-project\.retail\.transactions/);
    await child(tree, datasets, 'product-images');
  });

  it('copies the Vertex resource name through the real command', async () => {
    const node = await child(tree, await child(tree, scope, 'Endpoints'), 'fraud-scorer');
    await vscode.commands.executeCommand('mlMonitor.copyName', node);
    assert.equal(await vscode.env.clipboard.readText(), 'fraud-scorer');
    await vscode.commands.executeCommand('mlMonitor.copyArn', node);
    assert.match(await vscode.env.clipboard.readText(), /^projects\/\d+\/locations\/us-central1\/endpoints\/\d+$/);
  });
});
