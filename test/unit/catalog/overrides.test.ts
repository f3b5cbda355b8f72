import * as assert from 'node:assert/strict';
import { allInstanceTypes, createCatalog, findInstanceType, loadCatalogOverrides } from '../../../src/core/catalog/catalog';

function only(json: unknown): string {
  const { specs, errors } = loadCatalogOverrides(json);
  assert.equal(specs.length, 0, 'the entry should be ignored');
  assert.equal(errors.length, 1, errors.join('\n'));
  return errors[0];
}

describe('catalog: overrides', () => {
  it('changes one field of a built-in type and keeps the rest', () => {
    const { specs, errors } = loadCatalogOverrides({ instanceTypes: [{ provider: 'aws', name: 'ml.g5.2xlarge', pricePerHourUsd: 1.1 }] });
    assert.deepEqual(errors, []);
    assert.equal(specs.length, 1);
    assert.equal(specs[0].pricePerHourUsd, 1.1);
    assert.equal(specs[0].vcpu, 8);
    assert.equal(specs[0].gpuModel, 'NVIDIA A10G');
    const catalog = createCatalog(specs);
    assert.equal(catalog.findInstanceType('aws', 'ml.g5.2xlarge')?.pricePerHourUsd, 1.1);
    assert.equal(catalog.allInstanceTypes('aws').length, allInstanceTypes('aws').length);
    assert.equal(findInstanceType('aws', 'ml.g5.2xlarge')?.pricePerHourUsd, 1.515, 'the built-in catalog is untouched');
  });

  it('maps an Azure override in any case onto the canonical entry', () => {
    const { specs, errors } = loadCatalogOverrides([{ provider: 'azure', name: 'standard_nc4as_t4_v3', pricePerHourUsd: 0.4 }]);
    assert.deepEqual(errors, []);
    assert.equal(specs[0].name, 'Standard_NC4as_T4_v3');
    const catalog = createCatalog(specs);
    assert.equal(catalog.findInstanceType('azure', 'STANDARD_NC4AS_T4_V3')?.pricePerHourUsd, 0.4);
    assert.equal(catalog.allInstanceTypes('azure').filter((s) => /nc4as_t4/i.test(s.name)).length, 1);
  });

  it('adds a new type that lookups, suggestions and fitting then see', () => {
    const entry = {
      provider: 'aws',
      name: 'ml.g7.xlarge',
      vcpu: 4,
      memoryGiB: 16,
      gpus: 1,
      gpuModel: 'NVIDIA Future',
      gpuMemoryGiB: 96,
      pricePerHourUsd: 0.5,
    };
    const { specs, errors } = loadCatalogOverrides({ $schema: './catalog.schema.json', instanceTypes: [entry] });
    assert.deepEqual(errors, []);
    const catalog = createCatalog(specs);
    assert.equal(catalog.findInstanceType('aws', 'ml.g7.xlarge')?.gpuMemoryGiB, 96);
    assert.equal(catalog.allInstanceTypes('aws').length, allInstanceTypes('aws').length + 1);
    assert.equal(catalog.suggestInstanceTypes('aws', 'ml.g7.xlarg')[0], 'ml.g7.xlarge');
    assert.equal(catalog.smallestFitting('aws', { gpus: 1, gpuMemoryGiB: 80 })?.name, 'ml.g7.xlarge');
    assert.equal(findInstanceType('aws', 'ml.g7.xlarge'), undefined);
  });

  it('names the entry, the field and the bad value', () => {
    const msg = only({ instanceTypes: [{ provider: 'aws', name: 'ml.g5.2xlarge', vcpu: '8' }] });
    assert.match(msg, /instanceTypes\[0\]/);
    assert.match(msg, /ml\.g5\.2xlarge/);
    assert.match(msg, /"vcpu"/);
    assert.match(msg, /"8"/);
    assert.match(msg, /ignored/);
  });

  it('rejects each kind of bad field value', () => {
    const bad: [string, unknown][] = [
      ['vcpu', 0],
      ['memoryGiB', 0],
      ['gpus', 1.5],
      ['gpus', -1],
      ['gpuMemoryGiB', null],
      ['pricePerHourUsd', -0.1],
      ['pricePerHourUsd', Number.POSITIVE_INFINITY],
      ['generation', 'old'],
      ['accelerator', 'fpga'],
      ['gpuModel', ''],
      ['local', 'yes'],
    ];
    for (const [field, value] of bad) {
      const msg = only([{ provider: 'aws', name: 'ml.m5.large', [field]: value }]);
      assert.match(msg, new RegExp(`"${field}"`), `${field}=${String(value)}: ${msg}`);
    }
  });

  it('points out unknown fields with the likely intended one', () => {
    assert.match(only([{ provider: 'aws', name: 'ml.m5.large', vcpus: 2 }]), /unknown field "vcpus" \(did you mean "vcpu"\?\)/);
    assert.match(only([{ provider: 'aws', name: 'ml.m5.large', price: 2 }]), /did you mean "pricePerHourUsd"/);
    assert.match(only([{ provider: 'aws', name: 'ml.m5.large', colour: 'red' }]), /unknown field "colour"/);
  });

  it('explains a bad provider or name', () => {
    assert.match(only([{ provider: 'amazon', name: 'ml.m5.large' }]), /"provider" must be one of "aws", "gcp", "azure"; got "amazon"/);
    assert.match(only([{ provider: 'aws' }]), /"name"/);
    assert.match(only([{ provider: 'aws', name: 'ml.m5 large' }]), /"name"/);
    assert.match(only([{ provider: 'aws', name: 'g7.xlarge', vcpu: 4, memoryGiB: 16 }]), /start with "ml\."/);
  });

  it('suggests the built-in type when an entry names an unknown type without specs', () => {
    const msg = only([{ provider: 'aws', name: 'ml.g5.2xlarg', pricePerHourUsd: 1 }]);
    assert.match(msg, /not a built-in aws type/);
    assert.match(msg, /did you mean "ml\.g5\.2xlarge"/);
    assert.match(msg, /"vcpu" and "memoryGiB"/);
  });

  it('requires model and memory for a type with accelerators', () => {
    const { errors } = loadCatalogOverrides([{ provider: 'gcp', name: 'n9-gpu-2', vcpu: 2, memoryGiB: 8, gpus: 2 }]);
    assert.equal(errors.length, 2);
    assert.match(errors[0], /"gpuModel" is needed when "gpus" is 2/);
    assert.match(errors[1], /"gpuMemoryGiB" is needed/);
    assert.match(only([{ provider: 'aws', name: 'ml.g5.xlarge', gpus: 0 }]), /"gpus" is 0 but the entry names accelerator "NVIDIA A10G"/);
  });

  it('keeps the first of two entries for the same type and says so', () => {
    const { specs, errors } = loadCatalogOverrides([
      { provider: 'azure', name: 'Standard_DS3_v2', pricePerHourUsd: 0.2 },
      { provider: 'azure', name: 'STANDARD_DS3_V2', pricePerHourUsd: 0.3 },
    ]);
    assert.equal(specs.length, 1);
    assert.equal(specs[0].pricePerHourUsd, 0.2);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /\[1\].*repeats \[0\]/);
  });

  it('applies the good entries when others are bad', () => {
    const { specs, errors } = loadCatalogOverrides({
      instanceTypes: [
        'ml.g5.xlarge',
        { provider: 'aws', name: 'ml.m5.large', pricePerHourUsd: 0.1 },
        { provider: 'gcp', name: 'n1-standard-4', vcpu: -4 },
        { provider: 'gcp', name: 'n1-standard-8', pricePerHourUsd: 0.3 },
      ],
    });
    assert.deepEqual(specs.map((s) => s.name), ['ml.m5.large', 'n1-standard-8']);
    assert.equal(errors.length, 2);
    assert.match(errors[0], /instanceTypes\[0\]: expected an object/);
    assert.match(errors[1], /instanceTypes\[2\] \(gcp "n1-standard-4"\): field "vcpu"/);
  });

  it('describes a file of the wrong shape and never throws', () => {
    const inputs: unknown[] = [42, null, undefined, 'text', { instanceTypes: {} }, { types: [] }, [[]], Number.NaN];
    for (const input of inputs) {
      const { specs, errors } = loadCatalogOverrides(input);
      assert.equal(specs.length, 0, String(input));
      assert.ok(errors.length > 0, String(input));
    }
    assert.match(loadCatalogOverrides({ types: [] }).errors.join('\n'), /Unknown top-level field "types"/);
    const hostile = Object.defineProperty({}, 'instanceTypes', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    assert.doesNotThrow(() => loadCatalogOverrides(hostile));
    assert.match(loadCatalogOverrides(hostile).errors[0], /boom/);
  });

  it('accepts an empty file', () => {
    assert.deepEqual(loadCatalogOverrides([]), { specs: [], errors: [] });
    assert.deepEqual(loadCatalogOverrides({ instanceTypes: [] }), { specs: [], errors: [] });
  });
});
