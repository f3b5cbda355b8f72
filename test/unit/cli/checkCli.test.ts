// `mlmon check`: in-process through runCli (formats, exit codes, messages) and once as users run it,
// the bundled dist/cli.js, whose SARIF is validated against the SARIF 2.1.0 JSON schema.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules } from '../../../src/core/rules/registry';
import { startSandbox } from '../../../src/sandbox/server';
import { DEFAULT_SCENARIO_HEALTHY, DEFAULT_SCENARIO_PROBLEMS } from '../../fixtures/defaultScenarioFindings';
import { mlmon, sarifValidator } from './helpers';

const root = path.resolve(__dirname, '../../../..');

interface SarifLike {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; helpUri: string; defaultConfiguration: { level: string } }> } };
    results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ logicalLocations: Array<{ name: string }> }>; properties: { figures: Record<string, unknown> } }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ message: { text: string } }> }>;
  }>;
}


describe('cli/mlmon check', function () {
  this.timeout(90_000);

  it('the bundled CLI prints valid SARIF naming every seeded problem and nothing for the healthy resources', function () {
    const cli = path.join(root, 'dist', 'cli.js');
    if (!fs.existsSync(cli)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'ignore' });
    let stdout = '';
    let code = 0;
    try {
      stdout = execFileSync(process.execPath, [cli, 'check', '--sandbox', '--format', 'sarif'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    } catch (e) {
      const failure = e as { status: number; stdout: string };
      code = failure.status;
      stdout = failure.stdout;
    }
    assert.equal(code, 1, 'errors among the findings fail the default --fail-on error');
    const sarif = JSON.parse(stdout) as SarifLike;
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), allRules.map((r) => r.id));
    for (const r of run.tool.driver.rules) assert.match(r.helpUri, /docs\/rules\.md#[a-z]+-[a-z0-9-]+$/);
    const found = run.results.map((r) => `${r.ruleId} ${r.locations[0].logicalLocations[0].name}`).sort();
    assert.deepEqual(found, DEFAULT_SCENARIO_PROBLEMS);
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    const names = new Set(run.results.map((r) => r.locations[0].logicalLocations[0].name));
    for (const healthy of DEFAULT_SCENARIO_HEALTHY) assert.ok(!names.has(healthy), healthy);
    assert.equal(run.invocations[0].executionSuccessful, true);
  });

  it('prints a readable text report and sets the exit code by --fail-on', async () => {
    const text = await mlmon(['check', '--sandbox', '--no-progress', '--fail-on', 'none']);
    assert.equal(text.code, 0);
    assert.match(text.out, /^ERROR {3}red\/error-rate {2}churn-predictor {2}\[aws\/sandbox\/us-east-1\]$/m);
    assert.match(text.out, /Fix: Change the instance type to ml\.g5\.4xlarge: about \$7,388\/month less/);
    assert.match(text.out, /^4 errors, 6 warnings, 3 notes in 23 resources\.$/m);
    assert.match(text.err, /mlmon check: the sandbox clouds in us-east-1, us-west-2/);
  });

  it('fails on warnings when asked, and writes JSON to --output', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-check-'));
    try {
      const file = path.join(dir, 'report.json');
      const r = await mlmon(['check', '--sandbox', '--scenario', path.join(root, 'test/fixtures/scenarios/health-check.yaml'), '--format', 'json', '--output', file, '--fail-on', 'warning', '--no-progress']);
      assert.equal(r.code, 1);
      assert.equal(r.out, '', 'the report went to the file');
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(json.summary.error, 2);
      assert.ok(json.findings.some((f: { ruleId: string; resource: { name: string } }) => f.ruleId === 'red/idle-endpoint' && f.resource.name === 'batch-scorer'));
      assert.match(r.err, /wrote json report to .*report\.json/);
      // Raising the thresholds that fire clears the warnings the scenario's numbers cause.
      const lenient = await mlmon(['check', '--sandbox', '--scenario', path.join(root, 'test/fixtures/scenarios/health-check.yaml'), '--fail-on', 'error', '--threshold', 'memoryErrorPercent=99', '--no-progress', '--format', 'json']);
      const parsed = JSON.parse(lenient.out);
      assert.equal(parsed.thresholds.memoryErrorPercent, 99);
      assert.ok(parsed.findings.every((f: { ruleId: string; severity: string }) => !(f.ruleId === 'utilization/memory-high' && f.severity === 'error')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks the sandbox\'s Vertex AI project: failed pipeline, the project\'s BigQuery query time, growing table', async () => {
    const r = await mlmon(['check', '--sandbox', '--provider', 'gcp', '--format', 'json', '--no-progress', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { findings: Array<{ ruleId: string; resource: { name: string }; message: string; fix?: { summary: string } }> };
    const found = json.findings.map((f) => `${f.ruleId} ${f.resource.name}`);
    for (const expected of ['training/failed llm-finetune-a100', 'training/failed bert-classifier-oom', 'datasets/query-latency churn-features-bq', 'datasets/storage-growth transactions-bq']) {
      assert.ok(found.includes(expected), `missing ${expected} in ${found.join(', ')}`);
    }
    const quota = json.findings.find((f) => f.resource.name === 'llm-finetune-a100')!;
    assert.match(quota.fix?.summary ?? '', /Cloud Logging/, 'the fix points at the logs of the right cloud');
    assert.match(json.findings.find((f) => f.ruleId === 'datasets/query-latency')!.message, /every query in BigQuery project sandbox-project/);
  });

  it('says what is wrong with the command line (exit 2)', async () => {
    const gcp = await mlmon(['check', '--provider', 'gcp', '--gcp-project', 'Not_A_Project']);
    assert.equal(gcp.code, 2);
    assert.match(gcp.err, /'Not_A_Project' is not a Google Cloud project id/);
    const scenario = await mlmon(['check', '--scenario', 'x.yaml']);
    assert.equal(scenario.code, 2);
    assert.match(scenario.err, /--scenario needs --sandbox/);
    const threshold = await mlmon(['check', '--sandbox', '--threshold', 'latency=5']);
    assert.equal(threshold.code, 2);
    assert.match(threshold.err, /latency is not a known threshold/);
    const format = await mlmon(['check', '--format', 'xml']);
    assert.equal(format.code, 2);
    const missing = await mlmon(['check', '--sandbox', '--scenario', 'does-not-exist.yaml']);
    assert.equal(missing.code, 2);
  });

  it('reports missing AWS credentials per scope with what to do (exit 3)', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, profile: process.env.AWS_PROFILE, imds: process.env.AWS_EC2_METADATA_DISABLED };
    // The credential chain would otherwise ask the EC2 metadata address, which is not on this machine.
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_PROFILE;
    try {
      const r = await mlmon(['check', '--aws-profile', 'ci', '--aws-region', 'eu-west-1', '--aws-endpoint-url', sandbox.url, '--no-progress', '--timeout', '5']);
      assert.equal(r.code, 3);
      assert.match(r.err, /could not check ci · eu-west-1: No AWS credentials found for AWS profile 'ci' \(eu-west-1\)\. Run `aws sso login --profile ci` or `aws configure --profile ci`, then run the check again\./);
      assert.match(r.out, /^NOT CHECKED {2}ci · eu-west-1/m);
    } finally {
      for (const [k, v] of Object.entries({ AWS_ACCESS_KEY_ID: saved.id, AWS_SECRET_ACCESS_KEY: saved.secret, AWS_PROFILE: saved.profile, AWS_EC2_METADATA_DISABLED: saved.imds })) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await sandbox.close();
    }
  });

  it('reports an unreachable service with what to do (exit 3)', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const url = sandbox.url;
    await sandbox.close();
    const r = await mlmon(['check', '--sandbox-url', url, '--no-progress', '--timeout', '3', '--format', 'sarif']);
    assert.equal(r.code, 3);
    assert.match(r.err, /could not check sandbox · us-east-1: Could not reach SageMaker for the sandbox \(us-east-1\)/);
    const sarif = JSON.parse(r.out) as SarifLike;
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    assert.match(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /Could not reach SageMaker/);
  });
});
