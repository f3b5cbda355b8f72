// Resources whose names and texts try to break the product: markup that must never execute in a
// webview, a name far past any column width, right-to-left overrides and emoji. The real services
// would refuse most of these names; the sandbox serves them because a compromised or buggy
// emulator, proxy or future API could, and the extension must render them inertly.
import type { RegionSpec } from './scenarioTypes';

export const HOSTILE_MARKUP = '<img src=x onerror=alert(1)>';
const LONG_NAME = `long-${'x'.repeat(300 - 'long--end'.length)}-end`;
const RTL_EMOJI = 'مرحبا-\u202Egnp.exe-🚀-端点-👩‍💻';

export function hostileResources(): Pick<RegionSpec, 'endpoints' | 'trainingJobs' | 'featureGroups' | 's3Buckets'> {
  return {
    endpoints: [
      { name: HOSTILE_MARKUP, variants: [{ instanceType: 'ml.m5.large', instanceCount: 1, name: '<b>variant</b>' }], stories: ['healthy'] },
      { name: LONG_NAME, variants: [{ instanceType: 'ml.c5.xlarge', instanceCount: 1 }], stories: ['cpuSaturated'] },
      { name: RTL_EMOJI, variants: [{ instanceType: 'ml.m5.xlarge', instanceCount: 1 }], stories: ['errorSpike'] },
      {
        name: '"><script>alert(document.cookie)</script>',
        status: 'Failed',
        failureReason: `${HOSTILE_MARKUP} <a href="javascript:alert(1)">click</a> {{constructor.constructor('alert(1)')()}}`,
      },
    ],
    trainingJobs: [
      {
        name: `train-${HOSTILE_MARKUP}`,
        status: 'Failed',
        instanceType: 'ml.m5.xlarge',
        startedAt: '-5h',
        duration: '40m',
        failureReason: `AlgorithmError: ${HOSTILE_MARKUP}\n\u202Eerror\u202C $(rm -rf /)`,
        stories: ['outOfMemory'],
      },
    ],
    featureGroups: [
      {
        name: `features-${RTL_EMOJI}`,
        recordIdentifier: 'id',
        eventTime: 'event_time',
        description: HOSTILE_MARKUP,
        features: [
          { name: 'id', type: 'String' },
          { name: 'event_time', type: 'String' },
          { name: HOSTILE_MARKUP, type: 'Fractional' },
        ],
      },
    ],
    s3Buckets: [{ name: `bucket-${HOSTILE_MARKUP}`, stories: ['growing'] }],
  };
}
