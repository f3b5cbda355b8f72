// The quick fixes a live finding gets on the declaration it links to: rightsizing a Vertex AI machine
// with attached accelerators edits the machine type and the accelerator count where they are written.
import * as assert from 'node:assert/strict';
import type { ConfigDeclaration } from '../../../src/core/configs/types';
import type { Finding } from '../../../src/core/rules/types';
import { alreadyFixed, fixesFor } from '../../../src/vscode/diagnostics/linkFindings';
import { analyzeText } from './helpers';

const finding = (fix: NonNullable<Finding['fix']>): Finding => ({
  ruleId: 'utilization/over-provisioned',
  severity: 'warning',
  resource: { provider: 'gcp', scopeId: 'gcp/sandbox-project/us-central1', kind: 'endpoint', name: 'image-tagger-t4' },
  title: 'Over-provisioned',
  message: 'over-provisioned',
  figures: {},
  fix,
});

async function declaration(fileName: string, text: string): Promise<{ decl: ConfigDeclaration; text: string }> {
  const analysis = await analyzeText(fileName, text);
  const decl = analysis.declarations.find((d) => d.kind === 'endpoint');
  assert.ok(decl, `no endpoint declaration in ${fileName}`);
  return { decl, text };
}

/** The text each fix replaces, and what with. */
function edits(text: string, decl: ConfigDeclaration, f: Finding): string[] {
  return fixesFor(decl, f).map((x) => `${x.title}: ${text.slice(x.range.start, x.range.end)} -> ${x.replacement}`);
}

describe('configs: live fixes for attached accelerators', () => {
  const fewer = finding({ summary: 'Change the machine type to n1-standard-8 and the accelerator count to 1', instanceType: 'n1-standard-8', acceleratorCount: 1, monthlySavingUsd: 1200 });

  const written: Array<[string, string, string]> = [
    [
      'Vertex AI SDK code',
      'deploy.py',
      'from google.cloud import aiplatform\nendpoint = aiplatform.Endpoint("image-tagger-t4")\nmodel.deploy(endpoint=endpoint, machine_type="n1-standard-16", accelerator_type="NVIDIA_TESLA_T4", accelerator_count=4, min_replica_count=2)\n',
    ],
    [
      'a gcloud script',
      'deploy.sh',
      '#!/bin/sh\ngcloud ai endpoints deploy-model image-tagger-t4 --region=us-central1 --model=42 --display-name=tagger \\\n  --machine-type=n1-standard-16 --accelerator=type=nvidia-tesla-t4,count=4 --min-replica-count=2\n',
    ],
  ];
  for (const [format, fileName, source] of written) {
    it(`edits the machine type and the accelerator count in ${format}`, async () => {
      const { decl, text } = await declaration(fileName, source);
      assert.deepEqual(edits(text, decl, fewer), [
        'Change to n1-standard-8 (about $1,200/month less): n1-standard-16 -> n1-standard-8',
        'Set the accelerator count to 1: 4 -> 1',
      ]);
      assert.equal(alreadyFixed(decl, fewer), false);
    });
  }

  it('counts a file that already asks for the recommendation as fixed, an unwritten count as one accelerator', async () => {
    const done = await declaration(
      'deploy.py',
      'from google.cloud import aiplatform\nendpoint = aiplatform.Endpoint("image-tagger-t4")\nmodel.deploy(endpoint=endpoint, machine_type="n1-standard-8", accelerator_type="NVIDIA_TESLA_T4", accelerator_count=1, min_replica_count=2)\n',
    );
    assert.deepEqual(fixesFor(done.decl, fewer), []);
    assert.equal(alreadyFixed(done.decl, fewer), true);
    const unwritten = await declaration(
      'deploy.py',
      'from google.cloud import aiplatform\nendpoint = aiplatform.Endpoint("image-tagger-t4")\nmodel.deploy(endpoint=endpoint, machine_type="n1-standard-8", accelerator_type="NVIDIA_TESLA_T4", min_replica_count=2)\n',
    );
    assert.equal(alreadyFixed(unwritten.decl, fewer), true);
    assert.equal(alreadyFixed(unwritten.decl, { ...fewer, fix: { ...fewer.fix!, acceleratorCount: 2 } }), false);
  });
});
