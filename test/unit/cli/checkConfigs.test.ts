// `mlmon check PATHS...`: the config files of a tree checked without a cloud (text, JSON, SARIF with
// file locations that code scanning can annotate), with the sandbox clouds (health findings placed at
// the declarations of their resources), the walk's exclusions, worker threads, and the bundled CLI.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectConfigFiles, globToRegExp } from '../../../src/cli/checkConfigsFiles';
import { defaultWorkers, scanInParallel } from '../../../src/cli/checkConfigsPool';
import { scanConfigFiles } from '../../../src/cli/checkConfigsScan';
import { CONFIG_RULES } from '../../../src/core/configs/ruleIds';
import { allRules } from '../../../src/core/rules/registry';
import { expectedLocations, fixturesDir, mlmon, regionText, root, sarifValidator, type SarifLog } from './helpers';

const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');

describe('cli/mlmon check PATHS (config files)', function () {
  this.timeout(120_000);
  const cwd = process.cwd();
  before(() => process.chdir(root));
  after(() => process.chdir(cwd));

  it('prints every fixture finding as path:line:col with its fix and docs link, and fails on errors', async () => {
    const r = await mlmon(['check', 'test/fixtures/configs']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^test\/fixtures\/configs\/cloudformation\/inference-stack\.yaml:66:26 {2}ERROR {2}config\.retiredInstanceType$/m);
    assert.match(r.out, /^ {8}Fix: Change to ml\.g4dn\.xlarge; or Change to ml\.g6\.xlarge; or Change to ml\.g5\.xlarge$/m);
    assert.match(r.out, /docs\/configs\.md#configretiredinstancetype$/m);
    assert.match(r.out, /^skipped test\/fixtures\/configs\/malformed\/binary\.yaml: binary file$/m);
    const printed = [...r.out.matchAll(/^(\S+):(\d+):(\d+) {2}\w+ {2}(config\.\w+)$/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`).sort();
    assert.deepEqual(printed, expectedLocations().map((l) => l.replace(/-\d+:\d+ /, ' ')).sort());
    assert.match(r.out, /^\d+ errors, \d+ warnings, \d+ notes in \d+ config files \(26 files read\)\.$/m);
    assert.equal((await mlmon(['check', 'test/fixtures/configs/vertex', '--fail-on', 'error'])).code, 0, 'notes and warnings only');
    assert.equal((await mlmon(['check', 'test/fixtures/configs/vertex', '--fail-on', 'warning'])).code, 1);
  });

  it('writes JSON with 1-based locations and the fixes', async () => {
    const r = await mlmon(['check', 'test/fixtures/configs', '--format', 'json', '--fail-on', 'none']);
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out) as { configs: { findings: Array<{ ruleId: string; location: { path: string; startLine: number; startColumn: number; endLine: number; endColumn: number }; fixes: Array<{ replacement: string; isPreferred?: boolean }> }>; files: { read: number; configs: number } } };
    const located = json.configs.findings.map((f) => `${f.location.path}:${f.location.startLine}:${f.location.startColumn}-${f.location.endLine}:${f.location.endColumn} ${f.ruleId}`).sort();
    assert.deepEqual(located, expectedLocations());
    assert.equal(json.configs.files.read, 26);
    const retired = json.configs.findings.find((f) => f.ruleId === 'config.retiredInstanceType' && f.location.path.endsWith('inference-stack.yaml'))!;
    assert.deepEqual(retired.fixes.map((x) => `${x.replacement}${x.isPreferred ? '*' : ''}`), ['ml.g4dn.xlarge*', 'ml.g6.xlarge', 'ml.g5.xlarge']);
  });

  it('writes valid SARIF whose results carry relative file locations, regions and fixes', async () => {
    const r = await mlmon(['check', 'test/fixtures/configs', '--format', 'sarif', '--fail-on', 'none']);
    const sarif = JSON.parse(r.out) as SarifLog;
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((x) => x.id), CONFIG_RULES.map((x) => x.id));
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%'].uri, `file://${root}/`);
    const located = run.results.map((x) => {
      const loc = x.locations[0].physicalLocation!;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(run.tool.driver.rules[x.ruleIndex].id, x.ruleId);
      return `${loc.artifactLocation.uri}:${regionText(loc.region)} ${x.ruleId}`;
    });
    assert.deepEqual(located.sort(), expectedLocations());
    const param = run.results.find((x) => x.ruleId === 'config.unknownInstanceType' && x.locations[0].physicalLocation!.artifactLocation.uri.endsWith('inference-stack.yaml'))!;
    // The fix edits the parameter's Default on line 12, not the `!Ref` on line 44.
    assert.equal(regionText(param.fixes![0].artifactChanges[0].replacements[0].deletedRegion), '12:14-12:25');
    assert.equal(param.fixes![0].artifactChanges[0].replacements[0].insertedContent.text, 'ml.c5.xlarge');
  });

  it('with the sandbox clouds, places health findings at the configs that declare their resources', async () => {
    const r = await mlmon(['check', '--sandbox', 'demo-workspace', '--format', 'sarif', '--no-progress', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.err);
    const sarif = JSON.parse(r.out) as SarifLog;
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((x) => x.id), [...allRules.map((x) => x.id), ...CONFIG_RULES.map((x) => x.id)]);
    const at = (ruleId: string, name: string) => {
      const result = run.results.find((x) => x.ruleId === ruleId && x.locations[0].logicalLocations?.[0].name === name);
      assert.ok(result, `${ruleId} ${name}`);
      const loc = result.locations[0].physicalLocation;
      return loc ? `${loc.artifactLocation.uri}:${loc.region.startLine}` : 'no file';
    };
    assert.equal(at('utilization/over-provisioned', 'image-classifier-gpu'), 'demo-workspace/infra/inference-endpoints.yaml:70');
    assert.equal(at('red/latency-p99', 'search-ranker'), 'demo-workspace/infra/search-ranker.tf:25');
    assert.equal(at('red/error-rate', 'churn-predictor'), 'demo-workspace/notebooks/churn_retrain.ipynb:64');
    assert.equal(at('utilization/memory-leak', 'recommender-prod'), 'no file', 'no config declares it');
    const gpu = run.results.find((x) => x.ruleId === 'utilization/over-provisioned')!;
    assert.match(gpu.fixes![0].description.text, /^Change to ml\.g5\.\w+ \(about \$[\d,]+\/month less\)$/);

    const text = await mlmon(['check', '--sandbox', 'demo-workspace', '--no-progress', '--fail-on', 'none']);
    assert.match(text.out, /^demo-workspace\/infra\/inference-endpoints\.yaml:70:25 {2}WARNING {2}utilization\/over-provisioned {2}image-classifier-gpu$/m);
  });

  it('with the Azure sandbox, places a failed job\'s finding at the compute line of its job YAML, found by display name', async () => {
    const r = await mlmon(['check', '--sandbox', '--provider', 'azure', 'demo-workspace', '--format', 'sarif', '--no-progress', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.err);
    const sarif = JSON.parse(r.out) as SarifLog;
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const failed = sarif.runs[0].results.find((x) => x.ruleId === 'training/failed' && x.locations[0].logicalLocations?.[0].name === 'vision-resnet-train');
    assert.ok(failed, 'training/failed vision-resnet-train');
    const loc = failed.locations[0].physicalLocation!;
    assert.equal(loc.artifactLocation.uri, 'demo-workspace/azureml/vision-resnet-train.yml');
    const yaml = fs.readFileSync(path.join(root, 'demo-workspace/azureml/vision-resnet-train.yml'), 'utf8').split('\n');
    assert.equal(yaml[loc.region.startLine - 1].slice(loc.region.startColumn - 1, loc.region.endColumn - 1), 'azureml:gpu-cluster');
    // The workspace's own findings have no file: they name the workspace.
    const quota = sarif.runs[0].results.find((x) => x.ruleId === 'availability/quota-near-limit')!;
    assert.deepEqual([quota.locations[0].logicalLocations?.[0].kind, quota.locations[0].physicalLocation], ['workspace', undefined]);
  });

  it('walks folders without node_modules, .git or excluded paths, and skips binary and huge files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-walk-'));
    try {
      const write = (p: string, text: string | Buffer) => {
        fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        fs.writeFileSync(path.join(dir, p), text);
      };
      const stack = fs.readFileSync(path.join(fixturesDir, 'azureml/blue-deployment.yml'));
      write('infra/a.yml', stack);
      write('infra/generated/b.yml', stack);
      write('node_modules/pkg/c.yml', stack);
      write('.git/d.yml', stack);
      write('infra/readme.md', '# not a config');
      write('infra/model.json', Buffer.from([0x7b, 0, 1, 2, 0x7d]));
      write('infra/huge.json', `{"x":"${'a'.repeat(5_100_000)}"}`);
      const { files } = await collectConfigFiles([dir], { root: dir, exclude: ['infra/generated'] });
      assert.deepEqual(files.map((f) => path.relative(dir, f)).sort(), ['infra/a.yml', 'infra/huge.json', 'infra/model.json']);
      const scan = await scanConfigFiles(files, { root: dir });
      assert.deepEqual(scan.files.map((f) => `${f.relPath} ${f.skipped ?? f.format}`).sort(), ['infra/a.yml azureml', 'infra/huge.json tooLarge', 'infra/model.json binary']);
      const missing = await mlmon(['check', path.join(dir, 'nope')]);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /nope': no such file or directory/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('matches --exclude globs like .gitignore patterns', () => {
    assert.ok(globToRegExp('generated').test('a/generated/x.yml'));
    assert.ok(globToRegExp('*.tf').test('deep/dir/main.tf'));
    assert.ok(!globToRegExp('infra/*.yml').test('infra/sub/x.yml'));
    assert.ok(globToRegExp('infra/**/*.yml').test('infra/sub/x.yml'));
    assert.ok(globToRegExp('infra/**').test('infra/x'));
    assert.ok(!globToRegExp('infra/**').test('other/infra2/x'));
  });

  it('gives the same results, in the same order, from this thread with one or two workers as from one thread', async () => {
    const files = (await collectConfigFiles([fixturesDir], { root })).files;
    const many = Array.from({ length: 5 }, () => files).flat();
    const one = await scanConfigFiles(many, { root });
    const summary = (s: typeof one) => s.files.map((f) => `${rel(f.file)} ${f.format ?? f.skipped} ${f.findings.map((x) => `${x.ruleId}@${x.range.start}`).join(',')}`);
    for (const workers of [2, 3]) assert.deepEqual(summary(await scanInParallel(many, { root, workers })), summary(one), `${workers} threads`);
  });

  it('chooses threads by default: one per core, at most 4, and on 2 cores one below 2,000 files', () => {
    assert.deepEqual([defaultWorkers(1000, 2), defaultWorkers(1999, 2), defaultWorkers(2000, 2), defaultWorkers(5000, 1)], [1, 1, 2, 1]);
    assert.deepEqual([defaultWorkers(100, 4), defaultWorkers(1000, 8), defaultWorkers(100, 3)], [4, 4, 3]);
  });

  it('runs as users run it: the bundled CLI, its grammars and worker threads', function () {
    const cli = path.join(root, 'dist', 'cli.js');
    if (!fs.existsSync(path.join(root, 'dist', 'checkConfigsWorker.js'))) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'ignore' });
    // Enough files for a worker thread to start when asked for (by default, on 2 cores, not below 2,000 files).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-bundle-'));
    try {
      for (let i = 0; i < 4; i++) fs.cpSync(fixturesDir, path.join(dir, `copy${i}`), { recursive: true });
      const run = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--fail-on', 'none', '--verbose', '--jobs', '2'], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /read 104 files in [\d.]+ s \([\d,]+ files\/s, 2 threads\)/);
      const json = JSON.parse(run.stdout) as { configs: { findings: Array<{ location: { path: string } }>; files: { read: number; configs: number } } };
      // Python and shell files need the tree-sitter grammars copied next to the bundle.
      assert.ok(json.configs.findings.some((f) => f.location.path.endsWith('.py')));
      assert.ok(json.configs.findings.some((f) => f.location.path.endsWith('.sh')));
      assert.equal(json.configs.files.read, 4 * 26);
      assert.equal(json.configs.files.configs, 4 * 23);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
