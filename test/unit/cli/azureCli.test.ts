// `mlmon sandbox` and `mlmon check --provider azure` as a user runs them: the bundled dist/cli.js.
import { MetricsClient } from '@azure/monitor-query-metrics';
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { fetchSandboxAzure } from '../../../src/providers/azure/sandboxInfo';

const root = path.resolve(__dirname, '../../../..');
const cli = path.join(root, 'dist', 'cli.js');
const SUB = '00000000-0000-0000-0000-000000000000';

function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }, 0);
}

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AZURE_SUBSCRIPTION_ID: '' } });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('cli/mlmon with Azure', function () {
  this.timeout(90_000);

  before(function () {
    const sources = Math.max(...['cli', 'sandbox', 'providers', 'core'].map((d) => newestSource(path.join(root, 'src', d))));
    if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < sources) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'ignore' });
  });

  it('mlmon sandbox prints a second listening line for the Azure HTTPS port, which the Azure SDK reaches', async () => {
    const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const lines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        const reader = readline.createInterface({ input: child.stdout! });
        reader.on('line', (line) => {
          lines.push(line);
          if (lines.length === 2) resolve();
        });
        child.once('exit', (code) => reject(new Error(`mlmon exited with ${code}: ${lines.join(' | ')}`)));
      });
      assert.match(lines[0], /^sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
      const https = /^sandbox listening on (https:\/\/127\.0\.0\.1:\d+)$/.exec(lines[1]);
      assert.ok(https, `second line: ${lines[1]}`);
      const azure = await fetchSandboxAzure(lines[0].slice('sandbox listening on '.length));
      assert.equal(azure?.url, https[1]);
      const client = new MetricsClient(https[1], { getToken: async () => ({ token: 'sandbox-token', expiresOnTimestamp: Date.now() + 60_000 }) }, { tlsOptions: { ca: azure!.ca } } as ConstructorParameters<typeof MetricsClient>[2]);
      const ws = `/subscriptions/${SUB}/resourceGroups/rg-ml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-contoso-prod`;
      const [result] = await client.queryResources([ws], ['Failed Runs'], 'Microsoft.MachineLearningServices/workspaces', { interval: 'P1D', aggregation: 'total', startTime: new Date(Date.now() - 3 * 86400_000), endTime: new Date() });
      assert.equal(result.metrics[0].timeseries.length, 1);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });

  it('mlmon check --provider azure --sandbox reports the scenario\'s Azure findings', () => {
    const result = run(['check', '--provider', 'azure', '--sandbox', '--format', 'json', '--no-progress', '--fail-on', 'none']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; resource: { name: string } }>; scopes: Array<{ id: string }> };
    assert.deepEqual(report.scopes.map((s) => s.id).sort(), [`azure/${SUB}/rg-ml-eu/mlw-contoso-eu`, `azure/${SUB}/rg-ml-prod/mlw-contoso-prod`]);
    const found = report.findings.map((f) => `${f.ruleId} ${f.resource.name}`);
    for (const expected of [
      'utilization/memory-leak product-recs',
      'utilization/cpu-high doc-ocr',
      'red/idle-endpoint vision-gpu',
      'training/failed vision-resnet-train',
      'training/input-bottleneck llm-finetune-claims',
      // From the workspace's own metrics (names with spaces): 48 of 52 cores, one unusable GPU node.
      'availability/quota-near-limit mlw-contoso-prod',
      'availability/unusable-nodes mlw-contoso-prod',
    ]) {
      assert.ok(found.includes(expected), `${expected} in ${found.join(', ')}`);
    }
    // The one failed run is vision-resnet-train, already reported per job: not counted again.
    assert.ok(!found.some((f) => f.startsWith('training/failed-runs')), found.join(', '));
    assert.ok(!found.some((f) => f.endsWith(' mlw-contoso-eu')), found.join(', '));
    assert.ok(found.some((f) => /^red\/error-rate claims-triage/.test(f)), found.join(', '));
  });

  it('mlmon check --provider azure without a subscription says what to pass', () => {
    const result = run(['check', '--provider', 'azure']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--azure-subscription <id>/);
  });
});
