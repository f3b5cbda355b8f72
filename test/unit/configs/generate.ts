// Generated inputs for the incremental tests and bench/configs.ts: a large CloudFormation template shaped
// like real inference stacks, and a tree of mixed config files built from the fixtures. Deterministic, so
// figures compare between runs.
import { listFixtures, readFixture } from './helpers';

const types = ['ml.c5.xlarge', 'ml.m5.2xlarge', 'ml.g5.2xlarge', 'ml.g4dn.xlarge', 'ml.inf2.xlarge', 'ml.m4.xlarge', 'ml.c5.2xlarg'];

function resourceBlock(i: number): string[] {
  const type = types[i % types.length];
  const lines = [
    `  Model${i}:`,
    '    Type: AWS::SageMaker::Model',
    '    Properties:',
    '      ExecutionRoleArn: !GetAtt InferenceRole.Arn',
    '      PrimaryContainer:',
    `        Image: !Sub "\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/model-${i}:1.${i % 10}"`,
    `        ModelDataUrl: !Sub "s3://models-\${Stage}/model-${i}/model.tar.gz"`,
    '',
    `  # Endpoint config for model ${i}; sized in the quarterly review.`,
    `  EndpointConfig${i}:`,
    '    Type: AWS::SageMaker::EndpointConfig',
    '    Properties:',
    '      ProductionVariants:',
    '        - VariantName: AllTraffic',
    `          ModelName: !GetAtt Model${i}.ModelName`,
    i % 3 === 0 ? '          InstanceType: !Ref DefaultInstanceType' : `          InstanceType: ${type}`,
    `          InitialInstanceCount: ${1 + (i % 3)}`,
    '          InitialVariantWeight: 1.0',
  ];
  if (i % 4 === 0) {
    lines.push('        - VariantName: Canary', `          ModelName: !GetAtt Model${i}.ModelName`, '          InstanceType: !FindInMap [Sizes, !Ref Stage, Canary]', '          InitialInstanceCount: 1');
  }
  lines.push(
    '',
    `  Endpoint${i}:`,
    '    Type: AWS::SageMaker::Endpoint',
    '    Properties:',
    `      EndpointName: ${i % 2 ? `!Sub "\${Stage}-model-${i}"` : `model-${i}-prod`}`,
    `      EndpointConfigName: !GetAtt EndpointConfig${i}.EndpointConfigName`,
    '',
    `  Latency${i}Alarm:`,
    '    Type: AWS::CloudWatch::Alarm',
    '    Properties:',
    '      Namespace: AWS/SageMaker',
    '      MetricName: ModelLatency',
    '      Statistic: Average',
    '      Period: 60',
    '      EvaluationPeriods: 5',
    '      Threshold: 500000',
    '      ComparisonOperator: GreaterThanThreshold',
    '      Dimensions:',
    `        - { Name: EndpointName, Value: !GetAtt Endpoint${i}.EndpointName }`,
    '        - { Name: VariantName, Value: AllTraffic }',
    '',
  );
  return lines;
}

/** A CloudFormation YAML template of at least `minLines` lines. */
export function generateCfnTemplate(minLines: number): string {
  const lines = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Description: Generated inference fleet for benchmarks and tests',
    'Parameters:',
    '  Stage:',
    '    Type: String',
    '    Default: prod',
    '  DefaultInstanceType:',
    '    Type: String',
    '    Default: ml.c5.xlarge',
    'Mappings:',
    '  Sizes:',
    '    prod: { Canary: ml.c5.large }',
    '    dev: { Canary: ml.t2.medium }',
    'Resources:',
    '  InferenceRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    '        Statement:',
    '          - { Effect: Allow, Principal: { Service: sagemaker.amazonaws.com }, Action: sts:AssumeRole }',
  ];
  for (let i = 0; lines.length < minLines; i++) lines.push(...resourceBlock(i));
  lines.push('Outputs:', '  FirstEndpoint:', '    Value: !GetAtt Endpoint0.EndpointName', '');
  return lines.join('\n');
}

export interface GeneratedFile {
  name: string;
  text: string;
}

/**
 * `count` files in a repository-like tree: every fixture format, varied so no two texts are equal, plus
 * the files a real repository holds around them (plain Python modules, CI YAML, package.json).
 */
export function generateConfigTree(count: number): GeneratedFile[] {
  const templates = listFixtures()
    .filter((f) => !f.startsWith('malformed/'))
    .map((f) => ({ name: f, text: readFixture(f) }));
  const others: GeneratedFile[] = [
    { name: 'src/util.py', text: 'import json\n\n\ndef load(path):\n    with open(path) as f:\n        return json.load(f)\n' },
    { name: '.github/workflows/ci.yml', text: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n' },
    { name: 'package.json', text: '{ "name": "infra", "private": true, "scripts": { "deploy": "cdk deploy" } }\n' },
  ];
  const pool = [...templates, ...templates, ...others];
  const out: GeneratedFile[] = [];
  for (let i = 0; i < count; i++) {
    const base = pool[i % pool.length];
    const dot = base.name.lastIndexOf('.');
    const name = `team${i % 17}/${base.name.slice(0, dot)}-${i}${base.name.slice(dot)}`;
    // A per-file change in a comment or string keeps every text distinct without changing its shape.
    const text = base.text.replace(/prod/g, `prod${i}`);
    out.push({ name, text });
  }
  return out;
}
