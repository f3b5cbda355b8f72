// `mlmon sandbox` as a user runs it: the bundled dist/cli.js in a child process.
import { ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

const root = path.resolve(__dirname, '../../../..');
const cli = path.join(root, 'dist', 'cli.js');

/** Newest modification time of the sources the CLI bundle is built from. */
function newestSource(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }, 0);
}

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Resolves with the first stdout line, or rejects if the process ends before printing one. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`mlmon exited with ${code} before printing a line`)));
  });
}

describe('cli/mlmon sandbox', function () {
  this.timeout(60_000);

  before(function () {
    // `npm test` bundles first; a quick `tsc` + grep run may have an old or missing bundle.
    const sources = Math.max(newestSource(path.join(root, 'src', 'cli')), newestSource(path.join(root, 'src', 'sandbox')));
    if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < sources) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'ignore' });
  });

  it('prints its listening line, serves the SDK, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const line = await firstLine(child);
      const match = /^sandbox listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      assert.ok(match, `listening line: ${line}`);
      const client = new SageMakerClient({ endpoint: match[1], region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1 });
      const out = await client.send(new ListEndpointsCommand({ NameContains: 'fraud-detector-prod' }));
      client.destroy();
      assert.deepEqual(out.Endpoints!.map((e) => e.EndpointName), ['fraud-detector-prod']);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });

  it('exits 2 with one line saying what to do for a bad flag', () => {
    const result = run(['sandbox', '--port', 'eighty']);
    assert.equal(result.code, 2);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /--port <n>.*'eighty' is invalid\. It must be a port: a whole number from 0 to 65535\. Run 'mlmon sandbox --help' for usage\./);
    assert.equal(run(['sandbox', '--bogus']).code, 2);
  });

  it('exits 2 for a bad scenario file and names the problem', () => {
    const result = run(['sandbox', '--scenario', 'test/fixtures/scenarios/invalid/unknown-story.yaml']);
    assert.equal(result.code, 2);
    assert.match(result.stderr.trim(), /^mlmon: test\/fixtures\/scenarios\/invalid\/unknown-story\.yaml:9:\d+: .*must be one of/);
  });

  it('shows help with exit code 0', () => {
    const result = run(['sandbox', '--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /--fault-rate <x>/);
    assert.match(result.stdout, /--fleet-size <n>/);
  });
});
