// Config diagnostics in the real extension host, static rules: every fixture format opened as a user
// would, the diagnostics' codes and ranges against test/fixtures/configs/expected.json, the docs link
// on each code, notebooks mapped to their cells, quick fixes that edit the text, debounced updates on
// edit and diagnostics cleared on close.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  activate,
  at,
  closeAllEditors,
  codeOf,
  copyFixture,
  diagnosticsWith,
  eventually,
  expectedFindings,
  fixturesDir,
  ours,
  quickFixes,
} from './diagnosticsHelpers';

/** One or more per format: CloudFormation YAML and JSON, Terraform, Python, Azure ML, Vertex, shell, a broken file. */
const FIXTURES = [
  'cloudformation/inference-stack.yaml',
  'cloudformation/recommender.template.json',
  'terraform/sagemaker.tf',
  'terraform/vertex_and_azure.tf',
  'python/train_and_deploy.py',
  'python/vertex_pipeline.py',
  'azureml/blue-deployment.yml',
  'azureml/serverless-job.yml',
  'vertex/tpu_job_snake.yaml',
  'vertex/deploy-request.json',
  'shell/deploy_vertex.sh',
  'malformed/truncated-stack.yaml',
  'malformed/broken-deployment.yml',
];

function summary(doc: vscode.TextDocument, list: vscode.Diagnostic[]): string[] {
  return list.filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).map((d) => `${codeOf(d)} ${at(d.range)} ${doc.getText(d.range)}`).sort();
}

describe('Config diagnostics: static rules in the extension host', function () {
  this.timeout(60_000);

  before(async () => {
    await activate();
  });
  after(closeAllEditors);

  for (const fixture of FIXTURES) {
    it(`${fixture}: the expected codes at the expected ranges`, async () => {
      const uri = vscode.Uri.file(path.join(fixturesDir, fixture));
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true });
      const expected = expectedFindings(fixture);
      const list = await diagnosticsWith(uri, [...new Set(expected.map((f) => f.ruleId))]);
      assert.deepEqual(summary(doc, list), expected.map((f) => `${f.ruleId} ${f.at} ${f.text}`).sort());
      for (const d of list) {
        const code = d.code as { value: string; target: vscode.Uri };
        assert.equal(code.target.scheme, 'https');
        assert.match(code.target.toString(true), new RegExp(`docs/(configs|rules)\\.md#${code.value.replace(/[./]/g, '').toLowerCase()}$`));
        assert.ok(d.source?.startsWith('ML Monitor'));
      }
      // Static findings only: nothing is connected, so nothing claims to be live.
      assert.ok(list.every((d) => !d.source?.includes('live')));
    });
  }

  it('maps notebook findings to the cell documents, and the quick fix edits the cell holding the value', async () => {
    const uri = copyFixture('notebook/fraud_deploy.ipynb');
    const nb = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.getCells().find((c) => c.document.getText().includes('initial_instance_count=ENDPOINT_COUNT'));
    assert.ok(cell, 'the deploy cell');
    const [d] = (await diagnosticsWith(cell.document.uri, ['config.singleInstanceEndpoint'])).filter((x) => codeOf(x) === 'config.singleInstanceEndpoint');
    assert.equal(cell.document.getText(d.range), 'ENDPOINT_COUNT');
    const fix = (await quickFixes(cell.document.uri, d.range)).find((a) => a.isPreferred);
    assert.ok(fix?.edit, 'a preferred fix');
    assert.match(fix.title, /Set the instance count to 2/);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const defining = nb.getCells().find((c) => /^ENDPOINT_COUNT = /m.test(c.document.getText()));
    assert.match(defining!.document.getText(), /^ENDPOINT_COUNT = 2$/m, 'the fix edits the assignment in its own cell');
    await eventually(() => !ours(cell.document.uri).some((x) => codeOf(x) === 'config.singleInstanceEndpoint'), 'the warning to go');
  });

  it('applies the preferred fix for a retired type and for a parameter default', async () => {
    const uri = copyFixture('cloudformation/inference-stack.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const list = await diagnosticsWith(uri, ['config.retiredInstanceType', 'config.unknownInstanceType']);
    const retired = list.find((d) => codeOf(d) === 'config.retiredInstanceType')!;
    const actions = await quickFixes(uri, retired.range);
    assert.deepEqual(actions.map((a) => a.title), ['Change to ml.g4dn.xlarge', 'Change to ml.g6.xlarge', 'Change to ml.g5.xlarge']);
    assert.deepEqual(actions.map((a) => a.isPreferred), [true, false, false]);
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.match(doc.lineAt(retired.range.start.line).text, /InstanceType: "ml\.g4dn\.xlarge"$/, 'the literal changed');

    // A value from a parameter: the fix edits the parameter's Default, and the diagnostic points there too.
    const unknown = list.find((d) => codeOf(d) === 'config.unknownInstanceType')!;
    assert.equal(doc.getText(unknown.range), '!Ref ChurnInstanceType');
    assert.match(unknown.relatedInformation?.[0]?.message ?? '', /Default of Parameter ChurnInstanceType/);
    const [first] = await quickFixes(uri, unknown.range);
    assert.equal(first.title, 'Change to ml.c5.xlarge in Default of Parameter ChurnInstanceType');
    assert.ok(await vscode.workspace.applyEdit(first.edit!));
    assert.match(doc.getText(), /ChurnInstanceType:\n\s+Type: String\n\s+Default: ml\.c5\.xlarge\n/);
    await eventually(() => !ours(uri).some((d) => codeOf(d) === 'config.unknownInstanceType'), 'the unknown type to be fixed');
  });

  it('clears everything when mlMonitor.diagnostics.enabled is turned off, and comes back when it is on', async () => {
    const uri = vscode.Uri.file(path.join(fixturesDir, 'azureml', 'serverless-job.yml'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await diagnosticsWith(uri, ['config.retiredInstanceType']);
    const config = vscode.workspace.getConfiguration('mlMonitor.diagnostics');
    await config.update('enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await eventually(() => ours(uri).length === 0, 'the diagnostics to go');
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWith(uri, ['config.retiredInstanceType']);
  });

  it('updates about 300 ms after an edit, not on every keystroke, and clears on close', async () => {
    const uri = copyFixture('python/vertex_pipeline.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await diagnosticsWith(uri, ['config.unknownInstanceType']);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('"ct5lp-hightpu-4t"'));
    const col = doc.lineAt(line).text.indexOf('ct5lp-hightpu-4t');
    const typed = Date.now();
    // Types "xy" after "ct5lp-hightpu-4t", one character at a time like a person.
    const end = col + 'ct5lp-hightpu-4t'.length;
    for (const [i, ch] of [...'xy'].entries()) await editor.edit((e) => e.insert(new vscode.Position(line, end + i), ch));
    const flagged = await eventually(
      () => ours(uri).find((d) => codeOf(d) === 'config.unknownInstanceType' && d.range.start.line === line),
      'the typo on the edited line',
    );
    assert.ok(Date.now() - typed >= 250, `updated ${Date.now() - typed} ms after the edit: debounced`);
    assert.equal(doc.getText(flagged.range), 'ct5lp-hightpu-4txy');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await eventually(() => ours(uri).length === 0, 'diagnostics to clear when the file closes');
  });
});
