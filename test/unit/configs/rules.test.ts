import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { checkGpuWithoutGpuMetrics } from '../../../src/core/configs/liveRules';
import { CONFIG_RULES, configRuleAnchor, configRuleDocs } from '../../../src/core/configs/ruleIds';
import type { ConfigFinding } from '../../../src/core/configs/ruleIds';
import { checkConfig } from '../../../src/core/configs/rules';
import { analyzeText, repoRoot } from './helpers';

async function findingsFor(fileName: string, text: string): Promise<ConfigFinding[]> {
  return checkConfig(await analyzeText(fileName, text));
}

const cfn = (variant: string, extra = ''): string =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    extra,
    'Resources:',
    '  Cfg:',
    '    Type: AWS::SageMaker::EndpointConfig',
    '    Properties:',
    '      ProductionVariants:',
    `        - ${variant}`,
    '',
  ].join('\n');

const ids = (fs: ConfigFinding[]): string[] => fs.map((f) => f.ruleId);

describe('configs: static rules', () => {
  it('flags an unknown type with the closest valid names as fixes on the exact characters', async () => {
    const text = cfn('{ VariantName: a, InstanceType: ml.g5.3xlarge, InitialInstanceCount: 2 }');
    const [f] = await findingsFor('t.yaml', text);
    assert.equal(f.ruleId, 'config.unknownInstanceType');
    assert.equal(f.severity, 'error');
    assert.equal(text.slice(f.range.start, f.range.end), 'ml.g5.3xlarge');
    assert.match(f.message, /Unknown SageMaker instance type 'ml\.g5\.3xlarge'\. Closest valid: ml\.g5\./);
    assert.ok(f.fixes.length >= 2 && f.fixes.every((x) => x.replacement.startsWith('ml.g5.') && x.range.start === f.range.start));
    assert.ok(f.fixes.every((x) => !x.isPreferred), 'several candidates: none is clearly right');
    assert.equal(f.figures.instanceType, 'ml.g5.3xlarge');
  });

  it('prefers the only suggestion, and calls a family the catalog does not know a warning', async () => {
    const [prefix] = await findingsFor('t.yaml', cfn('{ VariantName: a, InstanceType: g5.48xlarge, InitialInstanceCount: 2 }'));
    assert.deepEqual(prefix.fixes.map((x) => [x.replacement, x.isPreferred]), [['ml.g5.48xlarge', true]]);
    const [novel] = await findingsFor('t.yaml', cfn('{ VariantName: a, InstanceType: ml.zz9.metal, InitialInstanceCount: 2 }'));
    assert.equal(novel.ruleId, 'config.unknownInstanceType');
    assert.equal(novel.severity, 'warning');
    assert.match(novel.message, /catalog/);
  });

  it('flags a retired type as an error with the current equivalent preferred, and a previous generation as info', async () => {
    const retired = await findingsFor('t.yaml', cfn('{ VariantName: a, InstanceType: ml.p2.xlarge, InitialInstanceCount: 2 }'));
    assert.deepEqual(ids(retired), ['config.retiredInstanceType']);
    assert.equal(retired[0].severity, 'error');
    assert.equal(retired[0].fixes[0].isPreferred, true);
    assert.match(retired[0].message, /retired.*Current equivalent: ml\.\w+\.xlarge \(4 vCPU, 16 GiB, 1 × NVIDIA/);
    const previous = await findingsFor('t.yaml', cfn('{ VariantName: a, InstanceType: ml.m4.xlarge, InitialInstanceCount: 2 }'));
    assert.deepEqual(ids(previous), ['config.previousGeneration']);
    assert.equal(previous[0].severity, 'info');
    assert.ok(previous[0].fixes.every((x) => !x.isPreferred));
  });

  it('edits the parameter default when the flagged value came from one', async () => {
    const text = cfn('{ VariantName: a, InstanceType: !Ref Size, InitialInstanceCount: 2 }', 'Parameters:\n  Size: { Type: String, Default: ml.c5.xlarg }');
    const [f] = await findingsFor('t.yaml', text);
    assert.equal(text.slice(f.range.start, f.range.end), '!Ref Size');
    assert.equal(text.slice(f.fixes[0].range.start, f.fixes[0].range.end), 'ml.c5.xlarg');
    assert.match(f.fixes[0].title, /Default of Parameter Size/);
  });

  it('accepts Azure SKUs in any letter case', async () => {
    for (const sku of ['Standard_D4s_v5', 'standard_d4s_v5', 'STANDARD_D4S_V5', 'sTaNdArD_d4S_V5']) {
      const text = `$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\nname: blue\nendpoint_name: ep\ninstance_type: ${sku}\ninstance_count: 3\n`;
      assert.deepEqual(await findingsFor('d.yml', text), [], sku);
    }
    const text = `$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json\nname: c\ntype: amlcompute\nsize: standard_d4s_v9\n`;
    assert.deepEqual(ids(await findingsFor('c.yml', text)), ['config.unknownInstanceType']);
  });

  it('never flags Kubernetes instance types, local mode, jobs on named compute, or unresolved values', async () => {
    const k8s = 'name: k\ntype: kubernetes\nendpoint_name: ep\ninstance_type: defaultinstancetype\ninstance_count: 1\n';
    assert.deepEqual(await findingsFor('k.yml', k8s), []);
    const local = 'from sagemaker.pytorch import PyTorch\nest = PyTorch(entry_point="t.py", instance_type="local", instance_count=1)\nest.deploy(initial_instance_count=1, instance_type="local_gpu")\n';
    assert.deepEqual(await findingsFor('l.py', local), []);
    const cluster = '$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: python t.py\ncompute: azureml:k8s\nresources:\n  instance_type: my-gpu-profile\n';
    assert.deepEqual(await findingsFor('j.yml', cluster), []);
    const unresolved = 'import os\nmodel.deploy(instance_type=os.environ["T"], initial_instance_count=2)\n';
    assert.deepEqual(await findingsFor('u.py', unresolved), []);
  });

  it('warns about a real-time endpoint on one instance with a fix to 2, but not serverless, shadow or training', async () => {
    const text = cfn('{ VariantName: a, InstanceType: ml.c5.xlarge, InitialInstanceCount: 1 }');
    const [f] = await findingsFor('t.yaml', text);
    assert.equal(f.ruleId, 'config.singleInstanceEndpoint');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /1 instance: no redundancy across Availability Zones/);
    assert.deepEqual(f.fixes.map((x) => [x.replacement, text.slice(x.range.start, x.range.end), x.isPreferred]), [['2', '1', true]]);
    const serverless = cfn('{ VariantName: a, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 1 } }');
    assert.deepEqual(await findingsFor('t.yaml', serverless), []);
    const training = 'from sagemaker.estimator import Estimator\nEstimator(image_uri="x", instance_type="ml.c5.xlarge", instance_count=1)\n';
    assert.deepEqual(await findingsFor('t.py', training), []);
  });

  it('takes the autoscaling floor over the initial count, and reports a documented default of 1 without a fix', async () => {
    const scaled = cfn('{ VariantName: a, InstanceType: ml.c5.xlarge, InitialInstanceCount: 4, ManagedInstanceScaling: { MinInstanceCount: 1, MaxInstanceCount: 8 } }');
    const [f] = await findingsFor('t.yaml', scaled);
    assert.match(f.message, /can scale in to 1 instance/);
    const defaulted = await findingsFor('v.py', 'endpoint.deploy(model=m, machine_type="n1-standard-4")\n');
    assert.deepEqual(ids(defaulted), ['config.singleInstanceEndpoint']);
    assert.deepEqual(defaulted[0].fixes, []);
    assert.match(defaulted[0].message, /defaults to 1/);
  });

  it('honours ignore= in a directive and reports a malformed directive', async () => {
    const text = '# mlmon: endpoint=ep ignore=config.singleInstanceEndpoint\nmodel.deploy(instance_type="ml.c5.xlarge", initial_instance_count=1)\n# mlmon: endpoint=\nmodel.deploy(instance_type="ml.c5.xlarge", initial_instance_count=1)\n';
    const found = await findingsFor('d.py', text);
    assert.deepEqual(ids(found), ['config.invalidDirective', 'config.singleInstanceEndpoint']);
    assert.equal(found[1].range.startLine, 3);
  });

  it('reports one parse problem and nothing guessed from past it', async () => {
    const text = cfn('{ VariantName: a, InstanceType: ml.c5.xlarge, InitialInstanceCount: 1 }').slice(0, -20);
    const found = await findingsFor('t.yaml', text);
    assert.deepEqual(ids(found), ['config.parse']);
    assert.match(found[0].message, /Cannot parse this CloudFormation template at line 8/);
  });

  it('uses the catalog it is given (user overrides)', async () => {
    const text = cfn('{ VariantName: a, InstanceType: ml.custom.xlarge, InitialInstanceCount: 2 }');
    const analysis = await analyzeText('t.yaml', text);
    assert.deepEqual(ids(checkConfig(analysis)), ['config.unknownInstanceType']);
    const catalog = createCatalog([{ provider: 'aws', name: 'ml.custom.xlarge', vcpu: 4, memoryGiB: 16, gpus: 0 }]);
    assert.deepEqual(checkConfig(analysis, { catalog }), []);
  });

  it('documents every rule under its anchor in docs/configs.md', () => {
    const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'configs.md'), 'utf8');
    const anchors = [...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-'));
    for (const rule of CONFIG_RULES) {
      assert.ok(anchors.includes(configRuleAnchor(rule.id)), `${rule.id} has no heading`);
      assert.equal(configRuleDocs(rule.id), `docs/configs.md#${configRuleAnchor(rule.id)}`);
    }
  });
});

describe('configs: live rule hook (GPU type without GPU use)', () => {
  const text = 'model.deploy(instance_type="ml.g5.2xlarge", initial_instance_count=2, endpoint_name="ranker")\n';

  it('says nothing without live facts, or when the GPU is used', async () => {
    const [decl] = (await analyzeText('d.py', text)).declarations;
    assert.equal(checkGpuWithoutGpuMetrics(decl), undefined);
    assert.equal(checkGpuWithoutGpuMetrics(decl, { gpuMetricsSeen: true, maxGpuUtilizationPercent: 37, windowHours: 24 }), undefined);
  });

  it('flags a GPU type whose resource reported no GPU metrics, with a cheaper CPU type and the saving', async () => {
    const [decl] = (await analyzeText('d.py', text)).declarations;
    const f = checkGpuWithoutGpuMetrics(decl, { gpuMetricsSeen: false, windowHours: 24 })!;
    assert.equal(f.ruleId, 'config.gpuWithoutGpuMetrics');
    assert.equal(text.slice(f.range.start, f.range.end), 'ml.g5.2xlarge');
    assert.match(f.message, /1 × NVIDIA A10G, but no GPU utilization was reported .* last 24 h/);
    assert.equal(f.figures.gpus, 1);
    assert.ok(typeof f.figures.suggestedInstanceType === 'string' && !String(f.figures.suggestedInstanceType).startsWith('ml.g'));
    assert.ok(Number(f.figures.monthlySavingUsd) > 0);
    assert.equal(f.fixes.length, 1);
  });

  it('counts GPUs attached to a GCP N1 machine and ignores CPU-only types', async () => {
    const vertex = 'endpoint.deploy(model=m, machine_type="n1-standard-4", accelerator_type="NVIDIA_TESLA_T4", accelerator_count=2)\n';
    const [gpu] = (await analyzeText('v.py', vertex)).declarations;
    assert.match(checkGpuWithoutGpuMetrics(gpu, { gpuMetricsSeen: true, maxGpuUtilizationPercent: 0.2, windowHours: 6 })!.message, /2 × NVIDIA_TESLA_T4/);
    const [cpu] = (await analyzeText('c.py', 'model.deploy(instance_type="ml.c5.xlarge", initial_instance_count=2)\n')).declarations;
    assert.equal(checkGpuWithoutGpuMetrics(cpu, { gpuMetricsSeen: false, windowHours: 24 }), undefined);
  });
});
