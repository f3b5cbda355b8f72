import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createConfigAnalyzer } from '../../../src/core/configs/analyzer';
import type { ConfigAnalysis } from '../../../src/core/configs/types';
import { generateCfnTemplate } from './generate';

const essence = (a: ConfigAnalysis) => ({ format: a.format, declarations: a.declarations, directives: a.directives, problems: a.problems });

async function full(text: string): Promise<ConfigAnalysis> {
  return createConfigAnalyzer().analyze({ fileName: 'stack.yaml', text });
}

function replaceAt(text: string, needle: string, replacement: string, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${occurrence}`);
  return text.slice(0, at) + replacement + text.slice(at + needle.length);
}

describe('configs: incremental re-analysis of CloudFormation YAML', function () {
  this.timeout(120_000);
  const big = generateCfnTemplate(5000);

  it('parses only the edited resource and gives the same result as a full parse', async () => {
    const analyzer = createConfigAnalyzer();
    const first = await analyzer.analyze({ fileName: 'stack.yaml', text: big, key: 'doc' });
    assert.equal(first.incremental, undefined);
    assert.ok(first.declarations.length > 150);
    const edited = replaceAt(big, 'InstanceType: ml.g5.2xlarge', 'InstanceType: ml.g5.4xlarge', 7);
    const second = await analyzer.analyze({ fileName: 'stack.yaml', text: edited, key: 'doc' });
    assert.equal(second.incremental, true);
    assert.deepEqual(essence(second), essence(await full(edited)));
  });

  it('shifts everything after an edit that adds lines, and names endpoints across resources', async () => {
    const analyzer = createConfigAnalyzer();
    await analyzer.analyze({ fileName: 'stack.yaml', text: big, key: 'doc' });
    const grown = replaceAt(big, '          InitialVariantWeight: 1.0\n', '          InitialVariantWeight: 1.0\n          # two\n          # more lines\n', 3);
    const second = await analyzer.analyze({ fileName: 'stack.yaml', text: grown, key: 'doc' });
    assert.equal(second.incremental, true);
    assert.deepEqual(essence(second), essence(await full(grown)));
    const renamed = replaceAt(grown, 'EndpointName: model-4-prod', 'EndpointName: model-4-canary');
    const third = await analyzer.analyze({ fileName: 'stack.yaml', text: renamed, key: 'doc' });
    assert.equal(third.incremental, true);
    assert.equal(third.declarations.find((d) => d.id === 'EndpointConfig4/AllTraffic')?.name?.value, 'model-4-canary');
  });

  it('falls back to a full parse for edits outside one resource, and then sees the new parameter default', async () => {
    const analyzer = createConfigAnalyzer();
    await analyzer.analyze({ fileName: 'stack.yaml', text: big, key: 'doc' });
    const edited = replaceAt(big, 'Default: ml.c5.xlarge', 'Default: ml.c5.2xlarge');
    const second = await analyzer.analyze({ fileName: 'stack.yaml', text: edited, key: 'doc' });
    assert.equal(second.incremental, undefined);
    assert.equal(second.declarations.find((d) => d.id === 'EndpointConfig0/AllTraffic')?.instanceType.value, 'ml.c5.2xlarge');
    const newResource = replaceAt(edited, '  Model1:\n', '  Extra:\n    Type: AWS::S3::Bucket\n  Model1:\n');
    assert.equal((await analyzer.analyze({ fileName: 'stack.yaml', text: newResource, key: 'doc' })).incremental, undefined);
  });

  it('matches a full parse after any sequence of edits (property)', async () => {
    const medium = generateCfnTemplate(250);
    const pieces = fc.constantFrom('x', '1', ' ', '\n', ':', '- ', '#', '!Ref Stage', 'ml.g5.xlarge', '"', '\n  Bad:', '      Extra: 1\n');
    const step = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: pieces });
    let incremental = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const analyzer = createConfigAnalyzer();
        let text = medium;
        await analyzer.analyze({ fileName: 'stack.yaml', text, key: 'doc' });
        for (const s of steps) {
          const at = s.at % text.length;
          text = text.slice(0, at) + s.insert + text.slice(at + s.remove);
          const got = await analyzer.analyze({ fileName: 'stack.yaml', text, key: 'doc' });
          if (got.incremental) incremental++;
          assert.deepEqual(essence(got), essence(await full(text)));
        }
      }),
      { numRuns: 40 },
    );
    assert.ok(incremental > 15, `only ${incremental} incremental analyses`);
  });

  // Its speed is measured in bench/configs (performance belongs in benchmarks, not timed tests).
  it('re-analyses an edited 5,000-line template on the incremental path, one resource at a time', async () => {
    const analyzer = createConfigAnalyzer();
    let text = big;
    await analyzer.analyze({ fileName: 'stack.yaml', text, key: 'doc' });
    for (let i = 0; i < 15; i++) {
      const count = 3 + (i % 5);
      text = replaceAt(text, 'InitialInstanceCount: 2', `InitialInstanceCount: ${count}`, i);
      const result = await analyzer.analyze({ fileName: 'stack.yaml', text, key: 'doc' });
      assert.equal(result.incremental, true);
      assert.ok(result.declarations.some((d) => d.instanceCount?.value === count), `the edited count ${count} is seen`);
    }
  });
});
