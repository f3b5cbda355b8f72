import * as assert from 'node:assert/strict';
import type { ConfigValue } from '../../../src/core/configs/types';
import { analyzeText } from './helpers';

function show(v: ConfigValue | undefined, text: string): string {
  if (!v) return 'none';
  const where = text.slice(v.range.start, v.range.end);
  const from = v.resolvedFrom ? ` <- ${text.slice(v.resolvedFrom.range.start, v.resolvedFrom.range.end)}` : '';
  return `${v.source}:${v.value ?? '?'}:${where}${from}`;
}

describe('configs: variables, parameters and references', () => {
  it('resolves CloudFormation Ref to a Parameter default and leaves pseudo parameters and default-less parameters unresolved', async () => {
    const text = [
      'Parameters:',
      '  Size: { Type: String, Default: ml.m5.large }',
      '  Count: { Type: Number }',
      'Resources:',
      '  Cfg:',
      '    Type: AWS::SageMaker::EndpointConfig',
      '    Properties:',
      '      ProductionVariants:',
      '        - { VariantName: a, InstanceType: !Ref Size, InitialInstanceCount: !Ref Count }',
      '        - { VariantName: b, InstanceType: !Ref AWS::Region, InitialInstanceCount: !Ref Missing }',
      '',
    ].join('\n');
    const a = await analyzeText('t.yaml', text);
    const [first, second] = a.declarations;
    assert.equal(show(first.instanceType, text), 'reference:ml.m5.large:!Ref Size <- ml.m5.large');
    assert.match(first.instanceType.note ?? '', /Default of Parameter Size/);
    assert.equal(show(first.instanceCount, text), 'reference:?:!Ref Count');
    assert.match(first.instanceCount?.note ?? '', /no Default/);
    assert.match(second.instanceType.note ?? '', /pseudo parameter/);
    assert.match(second.instanceCount?.note ?? '', /not a Parameter/);
  });

  it('resolves Fn::FindInMap with literal keys and Fn::Sub without variables, in JSON too', async () => {
    const text = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Mappings: { Sizes: { prod: { Serve: 'ml.c5.xlarge' } } },
        Resources: {
          Cfg: {
            Type: 'AWS::SageMaker::EndpointConfig',
            Properties: {
              ProductionVariants: [
                { VariantName: 'a', InstanceType: { 'Fn::FindInMap': ['Sizes', 'prod', 'Serve'] }, InitialInstanceCount: { 'Fn::Sub': '3' } },
                { VariantName: 'b', InstanceType: { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Serve'] } },
              ],
            },
          },
        },
      },
      null,
      2,
    );
    const a = await analyzeText('t.json', text);
    const type = a.declarations[0].instanceType;
    assert.equal(type.value, 'ml.c5.xlarge');
    assert.match(text.slice(type.range.start, type.range.end), /^\{\s*"Fn::FindInMap": \[[^\]]*\]\s*\}$/);
    assert.equal(text.slice(type.resolvedFrom!.range.start, type.resolvedFrom!.range.end), 'ml.c5.xlarge');
    assert.equal(type.resolvedFrom!.description, 'Mappings Sizes.prod.Serve');
    assert.equal(a.declarations[0].instanceCount?.value, 3);
    assert.equal(a.declarations[1].instanceType.value, undefined);
    assert.match(a.declarations[1].instanceType.note ?? '', /keys are computed/);
  });

  it('resolves Terraform var.x to its default and local.x to a literal local, and says why others do not resolve', async () => {
    const text = [
      'variable "size" { default = "ml.g5.xlarge" }',
      'variable "count" {}',
      'locals { canary = "ml.g5.2xlarge" }',
      'resource "aws_sagemaker_endpoint_configuration" "c" {',
      '  production_variants {',
      '    instance_type          = var.size',
      '    initial_instance_count = var.count',
      '  }',
      '  production_variants {',
      '    instance_type          = local.canary',
      '    initial_instance_count = var.elsewhere',
      '  }',
      '  production_variants {',
      '    instance_type          = "${var.size}"',
      '    initial_instance_count = max(1, 2)',
      '  }',
      '}',
    ].join('\n');
    const a = await analyzeText('main.tf', text);
    const [one, two, three] = a.declarations;
    assert.equal(show(one.instanceType, text), 'reference:ml.g5.xlarge:var.size <- ml.g5.xlarge');
    assert.match(one.instanceType.note ?? '', /tfvars/);
    assert.match(one.instanceCount?.note ?? '', /no literal default/);
    assert.equal(show(two.instanceType, text), 'reference:ml.g5.2xlarge:local.canary <- ml.g5.2xlarge');
    assert.match(two.instanceCount?.note ?? '', /declared in another file/);
    assert.equal(show(three.instanceType, text), 'reference:ml.g5.xlarge:"${var.size}" <- ml.g5.xlarge');
    assert.equal(three.instanceCount?.value, undefined);
  });

  it('finds Vertex dedicated resources nested in Terraform deploy configs and names them after the resource', async () => {
    const text = [
      'resource "google_vertex_ai_endpoint_with_model_garden_deployment" "gemma" {',
      '  publisher_model_name = "publishers/google/models/gemma3@gemma-3-1b-it"',
      '  location             = "us-central1"',
      '  deploy_config {',
      '    dedicated_resources {',
      '      machine_spec {',
      '        machine_type      = "g2-standard-12"',
      '        accelerator_type  = "NVIDIA_L4"',
      '        accelerator_count = 1',
      '      }',
      '      min_replica_count = 2',
      '    }',
      '  }',
      '  endpoint_config { endpoint_display_name = "gemma-endpoint" }',
      '}',
    ].join('\n');
    const [d] = (await analyzeText('garden.tf', text)).declarations;
    assert.equal(d.provider, 'gcp');
    assert.equal(show(d.instanceType, text), 'literal:g2-standard-12:g2-standard-12');
    assert.equal(show(d.acceleratorType, text), 'literal:NVIDIA_L4:NVIDIA_L4');
    assert.equal(d.minInstances?.value, 2);
    assert.equal(d.name?.value, 'gemma-endpoint');
    assert.equal(d.constructRange.startLine, 0);
  });

  it('resolves Python module-level literals, not reassigned names, f-strings or locals', async () => {
    const text = [
      'TYPE = "ml.g5.xlarge"',
      'COUNT: int = 2',
      'TWICE = "ml.m5.large"',
      'TWICE = "ml.m5.xlarge"',
      'ALIAS = TYPE',
      'def f(model, local_type):',
      '    model.deploy(instance_type=TYPE, initial_instance_count=COUNT, endpoint_name=f"ep-{TYPE}")',
      '    model.deploy(instance_type=TWICE, initial_instance_count=1)',
      '    model.deploy(instance_type=local_type, initial_instance_count=1)',
      '    model.deploy(instance_type=ALIAS, initial_instance_count=1)',
    ].join('\n');
    const a = await analyzeText('deploy.py', text);
    const [one, two, three, four] = a.declarations;
    assert.equal(show(one.instanceType, text), 'reference:ml.g5.xlarge:TYPE <- ml.g5.xlarge');
    assert.equal(show(one.instanceCount, text), 'reference:2:COUNT <- 2');
    assert.match(one.name?.note ?? '', /f-string/);
    assert.match(two.instanceType.note ?? '', /more than once/);
    assert.match(three.instanceType.note ?? '', /not assigned at module level/);
    assert.equal(show(four.instanceType, text), 'reference:ml.g5.xlarge:ALIAS <- ml.g5.xlarge');
  });

  it('reads Vertex accelerator enums and follows a module-level worker pool list to where it is written', async () => {
    const text = [
      'from google.cloud import aiplatform',
      'POOLS = [{"machine_spec": {"machine_type": "n1-standard-8", "accelerator_type": "NVIDIA_TESLA_T4", "accelerator_count": 2}, "replica_count": 1}]',
      'job = aiplatform.CustomJob(display_name="j", worker_pool_specs=POOLS)',
      'endpoint.deploy(model=m, machine_type="n1-standard-4", accelerator_type=aiplatform.gapic.AcceleratorType.NVIDIA_TESLA_T4, accelerator_count=1, min_replica_count=2)',
    ].join('\n');
    const a = await analyzeText('v.py', text);
    const pool = a.declarations.find((d) => d.kind === 'trainingJob')!;
    assert.equal(show(pool.instanceType, text), 'literal:n1-standard-8:n1-standard-8');
    assert.equal(pool.instanceType.range.startLine, 1);
    assert.equal(pool.acceleratorCount?.value, 2);
    const deploy = a.declarations.find((d) => d.kind === 'endpoint')!;
    assert.equal(show(deploy.acceleratorType, text), 'reference:NVIDIA_TESLA_T4:aiplatform.gapic.AcceleratorType.NVIDIA_TESLA_T4 <- NVIDIA_TESLA_T4');
    assert.equal(deploy.minInstances?.value, 2);
  });

  it('resolves $VAR in shell only from a literal top-level assignment before the command', async () => {
    const text = [
      'MT=n1-standard-4',
      'gcloud ai endpoints deploy-model 1 --machine-type="$MT" --min-replica-count=$LATER',
      'LATER=3',
      'f() { MT2=n1-standard-8; }',
      'gcloud ai endpoints deploy-model 2 --machine-type=$MT2 --min-replica-count "${N:-2}"',
      "gcloud ai endpoints deploy-model 3 '--machine-type=e2-standard-4' --accelerator type=nvidia-l4,count=$(nproc)",
    ].join('\n');
    const a = await analyzeText('deploy.sh', text);
    const [one, two, three] = a.declarations;
    assert.equal(show(one.instanceType, text), 'reference:n1-standard-4:$MT <- n1-standard-4');
    assert.match(one.minInstances?.note ?? '', /set outside this script/);
    assert.match(two.instanceType.note ?? '', /inside a function/);
    assert.equal(show(two.minInstances, text), 'reference:2:${N:-2} <- 2');
    assert.equal(show(three.instanceType, text), 'literal:e2-standard-4:e2-standard-4');
    assert.equal(show(three.acceleratorType, text), 'literal:nvidia-l4:nvidia-l4');
    assert.match(three.acceleratorCount?.note ?? '', /when the script runs/);
  });

  it('reads Model(...).deploy(...) chains and labels them by the constructor', async () => {
    const text = 'Model(image_uri=IMAGE, role=ROLE).deploy(initial_instance_count=2, instance_type="ml.m5.large", endpoint_name="m1")\n';
    const [d] = (await analyzeText('m.py', text)).declarations;
    assert.equal(d.label, 'Model(…).deploy');
    assert.equal(show(d.instanceType, text), 'literal:ml.m5.large:ml.m5.large');
    assert.equal(d.name?.value, 'm1');
  });

  it('marks values that are not written as missing, with the platform default where one is documented', async () => {
    const text = 'endpoint.deploy(model=m, machine_type="n1-standard-4")\n';
    const a = await analyzeText('v.py', text);
    const min = a.declarations[0].minInstances!;
    assert.equal(min.source, 'missing');
    assert.equal(min.value, 1);
    assert.match(min.note ?? '', /defaults to 1/);
  });
});
