// Config diagnostics linked to live resources, in the real extension host against the sandbox clouds'
// default scenario: the demo workspace's configs declare image-classifier-gpu (over-provisioned),
// search-ranker (p99 over its threshold) and churn-predictor (5xx spike); Problems entries for files
// nobody opened after a health check; quick fixes, CodeLens figures and hovers; restricted mode.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createConfigAnalyzer } from '../../src/core/configs/analyzer';
import type { HealthReport } from '../../src/core/health/report';
import { ConfigDiagnostics } from '../../src/vscode/diagnostics/configDiagnostics';
import { LiveData } from '../../src/vscode/diagnostics/liveData';
import { readHealthSettings } from '../../src/vscode/health/healthSettings';
import { activate, codeOf, copyFixture, diagnosticsWith, eventually, ours, quickFixes, workspaceFile } from './diagnosticsHelpers';

const log = vscode.window.createOutputChannel('ML Monitor diagnostics tests', { log: true });

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  // Not a preview: opening the next file would replace the tab, and a file whose last tab closes loses its diagnostics.
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

async function lenses(uri: vscode.Uri, match: RegExp): Promise<vscode.CodeLens[]> {
  return eventually(async () => {
    // A notebook cell's model may not exist yet (the command then says 'Illegal argument'): ask again.
    const list = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri).then(undefined, () => [])) ?? [];
    return list.some((l) => match.test(l.command?.title ?? '')) && list;
  }, `a CodeLens matching ${match}`, 45_000);
}

function figure(title: string, re: RegExp): number {
  const m = re.exec(title);
  assert.ok(m, `${re} in '${title}'`);
  return Number(m[1].replace(/,/g, ''));
}

describe('Config diagnostics: live rules, quick fixes and CodeLens against the sandbox', function () {
  this.timeout(120_000);

  before(async () => {
    await activate();
    const url = await vscode.commands.executeCommand<string | undefined>('mlMonitor.startSandbox');
    assert.ok(url, 'the sandbox clouds started');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('mlMonitor.stopSandbox');
  });

  it('after a health check, lists problems of config files nobody opened, at the declarations of their resources', async () => {
    const report = await vscode.commands.executeCommand<HealthReport | undefined>('mlMonitor.runHealthCheck');
    assert.ok(report?.findings.length, 'the health check found something');
    await vscode.commands.executeCommand('mlMonitor.checkWorkspaceConfigs');
    const stack = workspaceFile('infra', 'inference-endpoints.yaml');
    const [rightsizing] = (await diagnosticsWith(stack, ['utilization/over-provisioned'])).filter((d) => codeOf(d) === 'utilization/over-provisioned');
    assert.equal(rightsizing.range.start.line, 69, 'on the InstanceType line of ImageClassifierConfig');
    assert.match(rightsizing.message, /^image-classifier-gpu: .*ml\.g5\.\w+ fits .*\$[\d,]+\/month less/);
    await diagnosticsWith(workspaceFile('infra', 'search-ranker.tf'), ['red/latency-p99']);
    // A notebook not open: file positions, so the Problems panel can take the user there.
    await diagnosticsWith(workspaceFile('notebooks', 'churn_retrain.ipynb'), ['red/error-rate']);
    // An Azure ML job YAML without a name links by display name through the live job list.
    const [failed] = (await diagnosticsWith(workspaceFile('azureml', 'vision-resnet-train.yml'), ['training/failed'])).filter((d) => codeOf(d) === 'training/failed');
    assert.equal(failed.range.start.line, 12, 'on the compute: line');
  });

  it('shows rightsizing on the demo stack with figures, and the preferred quick fix changes the instance type', async () => {
    const uri = workspaceFile('infra', 'inference-endpoints.yaml');
    const doc = await open(uri);
    const [d] = (await diagnosticsWith(uri, ['utilization/over-provisioned'], 60_000)).filter((x) => codeOf(x) === 'utilization/over-provisioned');
    assert.equal(doc.getText(d.range), 'ml.g5.12xlarge');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    // The scope reads as its label (sandbox · us-east-1), from the editor's listing or the check's report, never its id.
    assert.match(d.source ?? '', /^ML Monitor \(live, sandbox · /);
    assert.match(d.message, /p95 CPU [\d.]+ %, GPU [\d.]+ % over 7 days on 2 × ml\.g5\.12xlarge/);
    assert.match((d.code as { target: vscode.Uri }).target.toString(true), /docs\/rules\.md#utilization-over-provisioned$/);
    const preferred = (await quickFixes(uri, d.range)).filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    const to = /^Change to (ml\.g5\.\w+) \(about \$[\d,]+\/month less\)$/.exec(preferred[0].title)?.[1];
    assert.ok(to && to !== 'ml.g5.12xlarge', preferred[0].title);
    assert.ok(await vscode.workspace.applyEdit(preferred[0].edit!));
    assert.equal(doc.lineAt(d.range.start.line).text.trim(), `InstanceType: ${to}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('puts CodeLens with the live figures above linked declarations and opens the metrics panel', async () => {
    const ranker = workspaceFile('infra', 'search-ranker.tf');
    await open(ranker);
    await diagnosticsWith(ranker, ['red/latency-p99'], 60_000);
    const list = await lenses(ranker, /search-ranker.*p99/);
    const title = list.find((l) => /p99/.test(l.command!.title))!.command!.title;
    // docs/scenarios.md: p99 ~1,450 ms over the last 6 h (threshold 1,000), ~30 req/s.
    const p99 = figure(title, /p99 ([\d,.]+) ms/);
    assert.ok(p99 > 1000 && p99 < 2500, title);
    const rps = figure(title, /([\d,.]+) req\/s/);
    assert.ok(rps > 10 && rps < 60, title);
    assert.match(title, /CPU [\d.]+% · mem [\d.]+%/);
    const openLens = list.find((l) => l.command?.title.includes('Open metrics'))!;
    assert.equal(openLens.command!.command, 'mlMonitor.openMetrics');
    assert.equal((openLens.command!.arguments![0] as { name: string }).name, 'search-ranker');

    const stack = workspaceFile('infra', 'inference-endpoints.yaml');
    const gpu = (await lenses(stack, /image-classifier-gpu.*p99/)).find((l) => /image-classifier-gpu/.test(l.command!.title))!.command!.title;
    // ~95 ms p99, ~6 req/s, CPU ~8 % per core.
    assert.ok(figure(gpu, /p99 ([\d,.]+) ms/) < 300, gpu);
    assert.ok(figure(gpu, /CPU ([\d.]+)%/) < 20, gpu);

    const before = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await vscode.commands.executeCommand(openLens.command!.command, ...(openLens.command!.arguments ?? []));
    await eventually(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => /search-ranker/.test(t.label) && !before.includes(t.label)), 'the metrics panel');
  });

  it('hovers the instance type with the catalog spec, the price estimate and the live figures', async () => {
    const uri = workspaceFile('infra', 'inference-endpoints.yaml');
    const doc = await open(uri);
    await diagnosticsWith(uri, ['utilization/over-provisioned'], 60_000);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('InstanceType: ml.g5.12xlarge'));
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('ml.g5') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\/g, '');
    assert.match(text, /ml.g5.12xlarge\*\*: 48 vCPU, 192 GiB, 4 × NVIDIA A10G 24 GiB/);
    assert.match(text, /~\$[\d,]+\/month for 2 × ml.g5.12xlarge \(estimate/);
    assert.match(text, /Last 5 min: p99 [\d,.]+ ms/);
    assert.match(text, /Over-provisioned/);
  });

  it('links a notebook cell by its endpoint name: the live finding and CodeLens land in that cell', async () => {
    const nb = await vscode.workspace.openNotebookDocument(workspaceFile('notebooks', 'churn_retrain.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.getCells().find((c) => c.document.getText().includes('endpoint_name="churn-predictor"'))!;
    const [d] = (await diagnosticsWith(cell.document.uri, ['red/error-rate'], 60_000)).filter((x) => codeOf(x) === 'red/error-rate');
    assert.equal(cell.document.getText(d.range), 'SERVE_INSTANCE');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    // The workbench makes a cell's text model when the cell is drawn: show it before asking for its lenses.
    vscode.window.activeNotebookEditor!.revealRange(new vscode.NotebookRange(cell.index, cell.index + 1), vscode.NotebookEditorRevealType.InCenter);
    await lenses(cell.document.uri, /churn-predictor.*err/);
  });

  it('offers the directive for a training job whose name is computed, and the link then shows its findings', async () => {
    const uri = workspaceFile('training', 'launch_resnet50.py');
    const doc = await open(uri);
    const hint = await eventually(() => ours(uri).find((d) => codeOf(d) === 'config.unlinkedName'), 'the hint on the estimator');
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
    const fixes = await eventually(async () => {
      const list = await quickFixes(uri, hint.range);
      return list.some((a) => a.isPreferred) && list;
    }, 'a preferred directive fix once the live jobs are listed', 45_000);
    const preferred = fixes.find((a) => a.isPreferred)!;
    assert.equal(preferred.title, "Link to training job 'resnet50-train-2026-11-30' with '# mlmon: trainingJob=resnet50-train-2026-11-30'");
    assert.ok(fixes.some((a) => a.title.startsWith("Add '# mlmon: trainingJob=…'")));
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    assert.match(doc.getText(), /\n {4}# mlmon: trainingJob=resnet50-train-2026-11-30\n {4}estimator = PyTorch\(/);
    await diagnosticsWith(uri, ['training/input-bottleneck'], 60_000);
    assert.ok(!ours(uri).some((d) => codeOf(d) === 'config.unlinkedName'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('links Azure ML and Vertex configs too: the scale-out fix changes the count, a directive names a Vertex endpoint', async () => {
    const ocr = workspaceFile('azureml', 'doc-ocr-deployment.yml');
    const doc = await open(ocr);
    const [cpu] = (await diagnosticsWith(ocr, ['utilization/cpu-high'], 60_000)).filter((d) => codeOf(d) === 'utilization/cpu-high');
    assert.equal(doc.getText(cpu.range), '2', 'on instance_count');
    assert.match(cpu.message, /^doc-ocr: CPU p95 [\d.]+ %/);
    assert.match(cpu.source ?? '', /^ML Monitor \(live, .*\)$/);
    const fix = (await quickFixes(ocr, cpu.range)).find((a) => a.isPreferred)!;
    const to = Number(/^Set the instance count to (\d+) \(about \$[\d,]+\/month more\)$/.exec(fix.title)?.[1]);
    assert.ok(to > 2, fix.title);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(doc.getText(), new RegExp(`\ninstance_count: ${to}\n`));
    // The file now asks for the recommended count: nothing left to fix in it.
    await eventually(() => !ours(ocr).some((d) => codeOf(d) === 'utilization/cpu-high'), 'the finding to go once the file asks for enough instances');
    await vscode.commands.executeCommand('workbench.action.files.revert');

    const reranker = workspaceFile('vertex', 'deploy_reranker.sh');
    const script = await open(reranker);
    const [latency] = (await diagnosticsWith(reranker, ['red/latency-p99'], 60_000)).filter((d) => codeOf(d) === 'red/latency-p99');
    assert.equal(script.getText(latency.range), 'n1-highcpu-8');
    await lenses(reranker, /search-reranker.*p99/);
  });

  it('places a failed Azure ML job\'s finding at the compute line of its job YAML, found by display name', async () => {
    const yml = workspaceFile('azureml', 'vision-resnet-train.yml');
    const doc = await open(yml);
    const [failed] = (await diagnosticsWith(yml, ['training/failed'], 60_000)).filter((d) => codeOf(d) === 'training/failed');
    assert.equal(doc.getText(failed.range), 'azureml:gpu-cluster', 'on compute:');
    assert.match(failed.message, /^vision-resnet-train: .*OutOfMemoryError/);
    assert.ok(!ours(yml).some((d) => codeOf(d) === 'config.unlinkedName'), 'linked: no hint to add a directive');
  });

  it('honours files.exclude in the workspace scan', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const ranker = workspaceFile('infra', 'search-ranker.tf');
    const files = vscode.workspace.getConfiguration('files');
    const all = await vscode.commands.executeCommand<{ files: number }>('mlMonitor.checkWorkspaceConfigs');
    await files.update('exclude', { '**/search-ranker.tf': true }, vscode.ConfigurationTarget.Workspace);
    try {
      const fewer = await vscode.commands.executeCommand<{ files: number }>('mlMonitor.checkWorkspaceConfigs');
      assert.equal(fewer.files, all.files - 1, 'one file fewer read');
      assert.deepEqual(ours(ranker).map(codeOf), [], 'an excluded file gets no entries');
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('in a restricted (untrusted) workspace runs the static rules only and asks no cloud anything', async () => {
    let scopeCalls = 0;
    const collection = vscode.languages.createDiagnosticCollection('mlMonitor.test.untrusted');
    const live = new LiveData({
      scopes: async () => {
        scopeCalls++;
        return [];
      },
      onDidChangeConnections: new vscode.EventEmitter<void>().event,
      settings: readHealthSettings,
      log,
      now: () => Date.now(),
    });
    const restricted = new ConfigDiagnostics({
      analyzer: createConfigAnalyzer(),
      collection,
      live,
      log,
      settings: readHealthSettings,
      enabled: () => true,
      liveAllowed: () => false,
      scopeLabel: (id) => id,
    });
    try {
      const stack = workspaceFile('infra', 'inference-endpoints.yaml');
      const fixture = copyFixture('cloudformation/inference-stack.yaml');
      const docs = [await open(stack), await open(fixture)];
      const state = await eventually(() => restricted.stateFor(docs[0]), 'the restricted analysis of the demo stack');
      assert.equal(state.links.size, 0, 'no declaration linked');
      const codes = await eventually(() => (collection.get(fixture)?.length ? collection.get(fixture)!.map(codeOf) : undefined), 'static diagnostics');
      assert.ok(codes.includes('config.retiredInstanceType'));
      const all = [...(collection.get(stack) ?? []), ...(collection.get(fixture) ?? [])];
      assert.ok(all.every((d) => d.source === 'ML Monitor' && codeOf(d).startsWith('config.')), JSON.stringify(all.map(codeOf)));
      assert.equal(scopeCalls, 0, 'no cloud lookup');
    } finally {
      restricted.dispose();
      live.dispose();
      collection.dispose();
    }
  });
});
