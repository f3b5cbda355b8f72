// The resource tree in the real extension host, against the sandbox clouds.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSandbox } from '../../src/sandbox/server';
import { Connections } from '../../src/vscode/platform/connections';
import { readSettings, type Settings } from '../../src/vscode/platform/settings';
import type { ResourceTree } from '../../src/vscode/tree/resourceTree';
import type { TreeNode } from '../../src/vscode/tree/treeNode';
import { child, eventually, makeTree } from './treeHelpers';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const log = vscode.window.createOutputChannel('ML Monitor tests', { log: true });

function baseSettings(over: Partial<Settings> = {}): Settings {
  return { ...readSettings(), awsProfiles: [], awsRegions: ['us-east-1'], problems: [], ...over };
}

async function labels(tree: ResourceTree, parent: TreeNode): Promise<string[]> {
  return (await tree.getChildren(parent)).map((c) => String(c.getTreeItem().label));
}

describe('Resource tree against the sandbox', function () {
  this.timeout(60000);
  let sandbox: Sandbox;
  let connections: Connections;
  let tree: ResourceTree;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    connections = new Connections(baseSettings());
    connections.setSandbox(sandbox.url);
    tree = makeTree(connections, log);
  });

  after(async () => {
    tree.dispose();
    connections.dispose();
    await sandbox.close();
  });

  it('shows provider, then account/region, then the three groups', async () => {
    const provider = await child(tree, undefined, 'Amazon SageMaker');
    const scope = await child(tree, provider, 'sandbox · us-east-1');
    assert.deepEqual(await labels(tree, scope), ['Training jobs', 'Endpoints', 'Datasets']);
    assert.equal(scope.getTreeItem().contextValue, 'mlMonitor.scope.aws');
    assert.equal(scope.getTreeItem().id, 'aws/sandbox/us-east-1');
  });

  it('lists endpoints with instance type x count and a live RED summary', async () => {
    const scope = await child(tree, await child(tree, undefined, 'Amazon SageMaker'), 'sandbox · us-east-1');
    const endpoints = await child(tree, scope, 'Endpoints');
    const gpu = await child(tree, endpoints, 'image-classifier-gpu');
    assert.match(String(gpu.getTreeItem().description), /^ml\.g5\.12xlarge × 2/);
    assert.equal(gpu.getTreeItem().contextValue, 'mlMonitor.endpoint.inService');
    assert.equal(gpu.getTreeItem().id, 'aws/sandbox/us-east-1/endpoint/image-classifier-gpu');

    // The RED summary arrives after the list, in one batch for the region.
    const ranker = await child(tree, endpoints, 'search-ranker');
    const description = await eventually(() => {
      const d = String(ranker.getTreeItem().description ?? '');
      return d.includes('p99') ? d : undefined;
    }, 'the RED summary of search-ranker');
    const p99 = Number(description.match(/p99 ([\d,.]+) ms/)?.[1].replace(/,/g, ''));
    assert.ok(p99 > 1000, `search-ranker p99 ${p99} ms should be over the 1000 ms line`);
    assert.equal((ranker.getTreeItem().iconPath as vscode.ThemeIcon).id, 'warning');

    const churn = await child(tree, endpoints, 'churn-predictor');
    const err = Number(String(churn.getTreeItem().description).match(/([\d.]+)% err/)?.[1]);
    assert.ok(err > 5, `churn-predictor error rate ${err}% should be over 5 %`);
    assert.equal((churn.getTreeItem().iconPath as vscode.ThemeIcon).id, 'error');

    const healthy = await child(tree, endpoints, 'fraud-detector-prod');
    assert.equal((healthy.getTreeItem().iconPath as vscode.ThemeIcon).id, 'pass');
    // Autoscaling from Application Auto Scaling, in the tooltip next to the variant.
    const tip = (name: string) => child(tree, endpoints, name).then((n) => (n.getTreeItem().tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\/g, ''));
    assert.match(await tip('fraud-detector-prod'), /Autoscaling: 2-6 instances, SageMakerVariantInvocationsPerInstance at 1500/);
    assert.match(await tip('recommender-prod'), /Autoscaling: fixed capacity/);
    const serverless = await child(tree, endpoints, 'sentiment-serverless');
    assert.match(String(serverless.getTreeItem().description), /serverless 4 GB/);
    assert.match(String(endpoints.getTreeItem().description), /need attention/);
  });

  it('lists training jobs with status icons and failure reasons', async () => {
    const scope = await child(tree, await child(tree, undefined, 'Amazon SageMaker'), 'sandbox · us-east-1');
    const jobs = await child(tree, scope, 'Training jobs');
    const running = await child(tree, jobs, 'resnet50-train-2026-11-30');
    assert.equal(running.getTreeItem().contextValue, 'mlMonitor.trainingJob.running');
    assert.match(String(running.getTreeItem().description), /ml\.p3\.8xlarge × 2 · InProgress/);
    const failed = await child(tree, jobs, 'llm-pretrain-oom');
    assert.equal((failed.getTreeItem().iconPath as vscode.ThemeIcon).id, 'error');
    const tip = failed.getTreeItem().tooltip as vscode.MarkdownString;
    assert.match(tip.value.replace(/&nbsp;/g, ' '), /more memory/);
    assert.equal(tip.isTrusted, false);
    const stopped = await child(tree, jobs, 'xgboost-churn-tuning');
    assert.equal(stopped.getTreeItem().contextValue, 'mlMonitor.trainingJob.stopped');
  });

  it('lists feature groups and the S3 locations training jobs read', async () => {
    const scope = await child(tree, await child(tree, undefined, 'Amazon SageMaker'), 'sandbox · us-east-1');
    const datasets = await child(tree, scope, 'Datasets');
    const names = await labels(tree, datasets);
    assert.ok(names.includes('customer-features'), names.join(', '));
    assert.ok(names.some((n) => n.startsWith('s3://')), 'an S3 input location is listed');
  });

  it('copies names and ARNs through the real commands', async () => {
    const scope = await child(tree, await child(tree, undefined, 'Amazon SageMaker'), 'sandbox · us-east-1');
    const node = await child(tree, await child(tree, scope, 'Endpoints'), 'recommender-prod');
    await vscode.commands.executeCommand('mlMonitor.copyName', node);
    assert.equal(await vscode.env.clipboard.readText(), 'recommender-prod');
    await vscode.commands.executeCommand('mlMonitor.copyArn', node);
    assert.match(await vscode.env.clipboard.readText(), /^arn:aws:sagemaker:us-east-1:\d{12}:endpoint\/recommender-prod$/);
  });
});

describe('Resource tree paging and failures', function () {
  this.timeout(60000);

  it('pages long lists with a load-more node', async () => {
    const sandbox = await startSandbox({ port: 0, fleetSize: 30 });
    const connections = new Connections(baseSettings());
    connections.setSandbox(sandbox.url);
    const tree = makeTree(connections, log, 10);
    try {
      const scope = await child(tree, await child(tree, undefined, 'Amazon SageMaker'), 'sandbox · us-east-1');
      const endpoints = await child(tree, scope, 'Endpoints');
      let kids = await tree.getChildren(endpoints);
      assert.equal(kids.length, 11);
      const more = kids[10].getTreeItem();
      assert.equal(more.label, 'Load more…');
      await vscode.commands.executeCommand(more.command!.command, ...(more.command!.arguments ?? []));
      kids = await tree.getChildren(endpoints);
      assert.equal(kids.filter((k) => k.getTreeItem().contextValue?.startsWith('mlMonitor.endpoint.')).length, 20);
      assert.equal(new Set(kids.map((k) => k.id)).size, kids.length, 'ids stay unique');
    } finally {
      tree.dispose();
      connections.dispose();
      await sandbox.close();
    }
  });

  it('shows a sign-in node when the credentials have expired', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    // The real default credential chain reads these; the sandbox answers ExpiredTokenException.
    process.env.AWS_ACCESS_KEY_ID = 'EXPIRED';
    process.env.AWS_SECRET_ACCESS_KEY = 'expired-secret';
    const connections = new Connections(
      baseSettings({ awsProfiles: ['default'], awsEndpointOverrides: { sagemaker: sandbox.url, cloudwatch: sandbox.url } }),
    );
    const tree = makeTree(connections, log);
    try {
      const scope = await child(tree, await child(tree, undefined, 'Amazon SageMaker'), 'default · us-east-1');
      await tree.getChildren(await child(tree, scope, 'Endpoints'));
      const signIn = await eventually(async () => {
        const kids = await tree.getChildren(scope);
        return kids.find((k) => k.getTreeItem().contextValue === 'mlMonitor.signIn');
      }, 'the sign-in node');
      const item = signIn.getTreeItem();
      assert.equal(item.label, 'Sign in to AWS');
      assert.match(String(item.description), /expired/i);
      assert.equal(item.command?.command, 'mlMonitor.signIn');
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      tree.dispose();
      connections.dispose();
      await sandbox.close();
    }
  });

  it('shows an error node that leads to the logs when the cloud cannot be reached', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const url = sandbox.url;
    await sandbox.close();
    const connections = new Connections(baseSettings({ requestTimeoutSeconds: 3 }));
    connections.setSandbox(url);
    const tree = makeTree(connections, log);
    try {
      const scope = await child(tree, await child(tree, undefined, 'Amazon SageMaker'), 'sandbox · us-east-1');
      const kids = await tree.getChildren(await child(tree, scope, 'Training jobs'));
      assert.equal(kids.length, 1);
      const item = kids[0].getTreeItem();
      assert.equal(item.label, 'Failed to load training jobs (click for logs)');
      assert.equal(item.command?.command, 'mlMonitor.showLogs');
      assert.match(String(item.tooltip), /Start the sandbox clouds again/);
    } finally {
      tree.dispose();
      connections.dispose();
    }
  });

  it('escapes hostile resource names in tooltips', async () => {
    const sandbox = await startSandbox({ port: 0, scenarioFile: path.resolve(__dirname, '../../../test/fixtures/scenarios/hostile.yaml') });
    const connections = new Connections(baseSettings());
    connections.setSandbox(sandbox.url);
    const tree = makeTree(connections, log, 200);
    try {
      const scope = await child(tree, await child(tree, undefined, 'Amazon SageMaker'), 'sandbox · us-east-1');
      const groups = await tree.getChildren(scope);
      const all = (await Promise.all(groups.map((g) => tree.getChildren(g)))).flat();
      const markup = all.find((n) => String(n.getTreeItem().label).includes('<img'));
      assert.ok(markup, 'the hostile scenario has a resource named with markup');
      const tip = (markup.getTreeItem().tooltip as vscode.MarkdownString).value;
      assert.ok(!tip.includes('<img'), `markup must be escaped in: ${tip}`);
      assert.ok(all.every((n) => [...String(n.getTreeItem().label)].length <= 120), 'labels are truncated');
    } finally {
      tree.dispose();
      connections.dispose();
      await sandbox.close();
    }
  });
});
