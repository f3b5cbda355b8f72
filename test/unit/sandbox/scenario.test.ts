// Scenario files: YAML and JSON load, bad files fail with a message that says where and what to do.
import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultScenario, loadScenarioFile, parseScenario, ScenarioError } from '../../../src/sandbox/server';
import { validateScenario } from '../../../src/sandbox/scenario';
import { HOSTILE_MARKUP } from '../../../src/sandbox/hostile';
import { openSandbox } from './helpers';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/scenarios');
const fixture = (name: string) => path.join(fixtures, name);

function loadError(file: string): ScenarioError {
  try {
    loadScenarioFile(file);
  } catch (e) {
    assert.ok(e instanceof ScenarioError, `a ScenarioError, got ${String(e)}`);
    return e;
  }
  throw new Error(`${file} loaded without error`);
}

describe('sandbox/scenario files', function () {
  it('accepts the built-in scenario', () => {
    assert.equal(validateScenario(defaultScenario), defaultScenario);
  });

  it('loads JSON and serves it in its own account and region', async () => {
    const scenario = loadScenarioFile(fixture('minimal.json'));
    assert.equal(scenario.name, 'minimal');
    const t = await openSandbox({ scenarioFile: fixture('minimal.json') });
    try {
      const out = await t.sagemaker({ region: 'eu-west-1', accessKeyId: 'AKIDMINIMAL' }).send(new ListEndpointsCommand({}));
      assert.deepEqual(out.Endpoints!.map((e) => [e.EndpointName, e.EndpointArn]), [['only-endpoint', 'arn:aws:sagemaker:eu-west-1:210987654321:endpoint/only-endpoint']]);
    } finally {
      await t.close();
    }
  });

  it('loads YAML with hostile names served verbatim', async () => {
    const t = await openSandbox({ scenarioFile: fixture('hostile.yaml') });
    try {
      assert.equal(t.sandbox.scenario.hostileNames, true);
      const names = (await t.sagemaker().send(new ListEndpointsCommand({ MaxResults: 100 }))).Endpoints!.map((e) => e.EndpointName!);
      assert.ok(names.includes('plain-endpoint'));
      assert.ok(names.includes(HOSTILE_MARKUP));
      assert.ok(names.some((n) => n.length === 300));
      assert.ok(names.some((n) => /\u202E/.test(n) && /🚀/u.test(n)));
    } finally {
      await t.close();
    }
  });

  it('names the line, the path and the allowed values for a wrong story', () => {
    const err = loadError(fixture('invalid/unknown-story.yaml'));
    assert.match(err.message, /unknown-story\.yaml:9:\d+: \/aws\/accounts\/0\/regions\/0\/endpoints\/0\/stories\/0: must be one of healthy, .*memoryLeak/);
    assert.match(err.message, /got "memoryLeek"/);
  });

  it('says how to write a time', () => {
    const err = loadError(fixture('invalid/bad-time.yaml'));
    assert.match(err.message, /bad-time\.yaml:13:\d+: .*steps\/0\/at: not a time \(got "6 hours ago"\)\. Write now, -2h/);
  });

  it('reports YAML syntax errors with their line', () => {
    const err = loadError(fixture('invalid/syntax.yaml'));
    assert.match(err.message, /syntax\.yaml:\d+:\d+: the file is not valid YAML or JSON/);
  });

  it('finds duplicate names and missing durations in JSON', () => {
    const err = loadError(fixture('invalid/duplicate.json'));
    assert.equal(err.problems.length, 2);
    assert.match(err.problems[0], /endpoints\/1: a second endpoint named "twin"/);
    assert.match(err.problems[1], /trainingJobs\/0: a Completed job needs "duration"/);
    assert.match(err.message, /\(and 1 more problem\)$/);
  });

  it('explains unknown fields, missing files and wrong types', () => {
    assert.throws(() => parseScenario('seed: 1\nfleetsize: 3\n', 'typo.yaml'), /typo\.yaml:2:1: \/: unknown field "fleetsize". Remove it or fix its spelling/);
    assert.throws(() => parseScenario('aws: {}\n', 'empty.yaml'), /the field "seed" is missing/);
    assert.throws(() => parseScenario('seed: 1\nfleetSize: many\n', 'x.yaml'), /\/fleetSize: must be a whole number \(got "many"\)/);
    assert.throws(() => loadScenarioFile(fixture('nope.yaml')), /nope\.yaml does not exist\. Check the path/);
  });

  it('checks autoscaling sections: a range that is one, instance variants only, a known policy metric', () => {
    const endpoint = (variant: string) => `seed: 1\naws:\n  accounts:\n    - id: "123456789012"\n      deniedActions: [application-autoscaling:DescribeScalableTargets]\n      regions:\n        - name: us-east-1\n          endpoints:\n            - name: x-prod\n              variants: [${variant}]\n`;
    assert.ok(parseScenario(endpoint('{ instanceType: ml.m5.large, instanceCount: 2, autoscaling: { minCapacity: 2, maxCapacity: 4, policy: false } }'), 'ok.yaml'));
    assert.throws(() => parseScenario(endpoint('{ instanceType: ml.m5.large, autoscaling: { minCapacity: 5, maxCapacity: 4 } }'), 'x.yaml'), /variants\/0\/autoscaling: has minCapacity above maxCapacity/);
    assert.throws(() => parseScenario(endpoint('{ serverless: { memorySizeInMB: 2048, maxConcurrency: 5 }, autoscaling: { minCapacity: 1, maxCapacity: 2 } }'), 'x.yaml'), /a serverless variant scales by concurrency/);
    assert.throws(() => parseScenario(endpoint('{ instanceType: ml.m5.large, autoscaling: { minCapacity: 1, maxCapacity: 2, policy: { predefinedMetric: CPUUtilization, targetValue: 70 } } }'), 'x.yaml'), /predefinedMetric/);
  });

  it('validates a scenario passed as an object too', async () => {
    await assert.rejects(openSandbox({ scenario: { seed: 1, history: 'forever' } as never }), /\/history: not a duration \(got "forever"\)/);
  });
});

describe('sandbox/scenario docs', function () {
  it('keeps the full example in docs/scenarios.md valid and servable', async () => {
    const docs = fs.readFileSync(path.resolve(__dirname, '../../../../docs/scenarios.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(docs);
    assert.ok(example, 'docs/scenarios.md has a yaml example');
    const scenario = parseScenario(example[1], 'docs/scenarios.md');
    const t = await openSandbox({ scenario });
    try {
      const out = await t.sagemaker({ region: 'eu-west-1' }).send(new ListEndpointsCommand({ SortBy: 'Name', SortOrder: 'Ascending' }));
      assert.deepEqual(out.Endpoints!.map((e) => e.EndpointName), ['address-validator', 'basket-recommender', 'receipt-ocr']);
    } finally {
      await t.close();
    }
  });
});
