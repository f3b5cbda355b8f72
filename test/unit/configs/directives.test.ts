import * as assert from 'node:assert/strict';
import { parseDirective } from '../../../src/core/configs/directives';
import { findLinkedResource, linkName } from '../../../src/core/configs/link';
import { LineIndex } from '../../../src/core/configs/text';
import type { Resource } from '../../../src/core/model';
import { analyzeText } from './helpers';

function resource(provider: Resource['ref']['provider'], kind: Resource['ref']['kind'], name: string, createdAt?: number): Resource {
  return { ref: { provider, scopeId: 's', kind, name }, nativeId: name, status: 'inService', rawStatus: 'InService', ...(createdAt ? { createdAt } : {}) };
}

describe('configs: mlmon directives and links to live resources', () => {
  it('parses the kinds, ignore lists and comment styles, and says what is wrong with a bad one', () => {
    const lines = new LineIndex('x');
    const parse = (c: string) => parseDirective(c, lines, 0, 1);
    assert.deepEqual({ ...parse('# mlmon: endpoint=churn-prod'), range: undefined }, { range: undefined, kind: 'endpoint', name: 'churn-prod', ignore: [], errors: [] });
    assert.equal(parse('// mlmon: trainingJob=nightly')?.kind, 'trainingJob');
    assert.equal(parse('/* mlmon: compute="gpu-cluster" */')?.name, 'gpu-cluster');
    assert.deepEqual(parse('#mlmon: ignore=config.singleInstanceEndpoint,config.previousGeneration')?.ignore, [
      'config.singleInstanceEndpoint',
      'config.previousGeneration',
    ]);
    assert.equal(parse('# a plain comment'), undefined);
    assert.match(parse('# mlmon: endpont=x')!.errors[0], /unknown key 'endpont'/);
    assert.match(parse('# mlmon:')!.errors[0], /names nothing/);
    assert.match(parse('# mlmon: endpoint=a endpoint=b')!.errors[0], /two resources/);
  });

  it('attaches to the construct after the comment, or the one it sits in, and to all its variants', async () => {
    const text = [
      'Resources:',
      '  # mlmon: endpoint=first',
      '  A:',
      '    Type: AWS::SageMaker::EndpointConfig',
      '    Properties:',
      '      ProductionVariants:',
      '        - { VariantName: x, InstanceType: ml.c5.xlarge, InitialInstanceCount: 2 }',
      '        - { VariantName: y, InstanceType: ml.c5.xlarge, InitialInstanceCount: 2 }',
      '  B:',
      '    Type: AWS::SageMaker::EndpointConfig',
      '    Properties:',
      '      # mlmon: endpoint=second',
      '      ProductionVariants:',
      '        - { VariantName: z, InstanceType: ml.c5.xlarge, InitialInstanceCount: 2 }',
      '  C:',
      '    Type: AWS::SageMaker::EndpointConfig',
      '    Properties:',
      '      ProductionVariants:',
      '        - { VariantName: w, InstanceType: ml.c5.xlarge, InitialInstanceCount: 2 }',
      '',
    ].join('\n');
    const a = await analyzeText('t.yaml', text);
    assert.deepEqual(
      a.declarations.map((d) => `${d.id}=${d.directive?.name ?? ''}`),
      ['A/x=first', 'A/y=first', 'B/z=second', 'C/w='],
    );
  });

  it('ignores the marker inside strings and values', async () => {
    const yaml = 'Resources:\n  A:\n    Type: AWS::SageMaker::EndpointConfig\n    Properties:\n      Tags: [{ Key: note, Value: "# mlmon: endpoint=fake" }]\n      ProductionVariants:\n        - { VariantName: x, InstanceType: ml.c5.xlarge, InitialInstanceCount: 2 }\n';
    const a = await analyzeText('t.yaml', yaml);
    assert.deepEqual(a.directives, []);
    const py = 'NOTE = "# mlmon: endpoint=fake"\nmodel.deploy(instance_type="ml.c5.xlarge", initial_instance_count=2)\n';
    assert.deepEqual((await analyzeText('t.py', py)).directives, []);
    const tf = 'resource "aws_sagemaker_endpoint_configuration" "c" {\n  name = "# mlmon: endpoint=fake"\n  production_variants { instance_type = "ml.c5.xlarge" }\n}\n';
    assert.deepEqual((await analyzeText('t.tf', tf)).directives, []);
  });

  it('finds directives in every comment syntax the formats allow', async () => {
    const cases: [string, string][] = [
      ['t.tf', '# mlmon: endpoint=a\nresource "aws_sagemaker_endpoint_configuration" "c" {\n  production_variants { instance_type = "ml.c5.xlarge" }\n}\n'],
      ['t.tf', '/* mlmon: endpoint=a */\nresource "aws_sagemaker_endpoint_configuration" "c" {\n  production_variants { instance_type = "ml.c5.xlarge" }\n}\n'],
      ['t.sh', '# mlmon: endpoint=a\ngcloud ai endpoints deploy-model 1 --machine-type=n1-standard-4\n'],
      ['t.json', '{ "workerPoolSpecs": [ // mlmon: trainingJob=a\n { "machineSpec": { "machineType": "n1-standard-4" } } ] }'],
    ];
    for (const [file, text] of cases) {
      const a = await analyzeText(file, text);
      assert.equal(a.declarations[0]?.directive?.name, 'a', `${file}: ${text}`);
    }
  });

  it('links by directive first, then by the name in the file', async () => {
    const [decl] = (await analyzeText('d.py', '# mlmon: endpoint=live-name\nmodel.deploy(instance_type="ml.c5.xlarge", initial_instance_count=2, endpoint_name="file-name")\n')).declarations;
    assert.deepEqual(linkName(decl), { name: 'live-name', prefix: false, via: 'directive' });
    const resources = [resource('aws', 'endpoint', 'file-name'), resource('aws', 'endpoint', 'live-name'), resource('gcp', 'endpoint', 'live-name')];
    assert.equal(findLinkedResource(decl, resources), resources[1]);
    const { directive: _drop, ...plain } = decl;
    assert.equal(findLinkedResource(plain, resources), resources[0]);
  });

  it('links a base_job_name to the newest job it prefixes, Azure names in any case, and unresolved names to nothing', async () => {
    const [est] = (await analyzeText('t.py', 'Estimator(image_uri="x", instance_type="ml.c5.xlarge", instance_count=1, base_job_name="churn")\n')).declarations;
    const jobs = [resource('aws', 'trainingJob', 'churn-2024-01-01', 1), resource('aws', 'trainingJob', 'churn-2024-02-01', 2), resource('aws', 'trainingJob', 'churner-x', 3)];
    assert.equal(findLinkedResource(est, jobs)?.ref.name, 'churn-2024-02-01');
    const [az] = (await analyzeText('d.yml', 'name: blue\nendpoint_name: Credit-Scoring\ninstance_type: Standard_D4s_v5\ninstance_count: 2\n')).declarations;
    assert.equal(findLinkedResource(az, [resource('azure', 'endpoint', 'credit-scoring')])?.ref.name, 'credit-scoring');
    const [unresolved] = (await analyzeText('u.py', 'model.deploy(instance_type="ml.c5.xlarge", initial_instance_count=2, endpoint_name=f"ep-{x}")\n')).declarations;
    assert.equal(linkName(unresolved), undefined);
    assert.equal(findLinkedResource(unresolved, [resource('aws', 'endpoint', 'ep-{x}')]), undefined);
  });

  it('links an Azure ML command job without a name by its display name, in its experiment, to the newest run', async () => {
    const yaml = '$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ndisplay_name: Vision-ResNet\nexperiment_name: vision\ncommand: python train.py\ncompute: azureml:gpu-cluster\n';
    const [job] = (await analyzeText('job.yml', yaml)).declarations;
    assert.deepEqual(linkName(job), { name: 'Vision-ResNet', prefix: false, via: 'config', displayName: true });
    const run = (name: string, displayName: string, experiment: string, createdAt: number): Resource => ({ ...resource('azure', 'trainingJob', name, createdAt), displayName, experiment });
    const jobs = [run('bright_lemon_1', 'vision-resnet', 'vision', 1), run('bright_lemon_2', 'vision-resnet', 'vision', 2), run('calm_tree_3', 'vision-resnet', 'other', 3), run('vision-resnet', 'x', 'vision', 4)];
    assert.equal(findLinkedResource(job, jobs)?.ref.name, 'bright_lemon_2', 'the newest of its experiment, names in any case');
    // A `name:` wins over the display name.
    const [named] = (await analyzeText('job.yml', `${yaml}name: calm_tree_3\n`)).declarations;
    assert.equal(findLinkedResource(named, jobs)?.ref.name, 'calm_tree_3');
  });
});
