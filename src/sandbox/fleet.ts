// Synthetic endpoints for benchmarks of hundreds to thousands of endpoints: `fleet-0001`... with
// plausible, varied stories, chosen by hash so a fleet is the same for the same seed.
import { pick, seriesKey, uniform } from './prng';
import type { EndpointSpec, EndpointStory } from './scenarioTypes';

const cpuTypes = ['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge', 'ml.c5.2xlarge', 'ml.m5.2xlarge'] as const;
const gpuTypes = ['ml.g4dn.xlarge', 'ml.g5.2xlarge', 'ml.g5.12xlarge'] as const;

/** Cumulative weights: most of a real fleet is unremarkable. */
const cpuStories: Array<[EndpointStory, number]> = [
  ['healthy', 0.55],
  ['overProvisioned', 0.65],
  ['idle', 0.7],
  ['memoryLeak', 0.76],
  ['latencyRegression', 0.82],
  ['errorSpike', 0.87],
  ['cpuSaturated', 0.93],
  ['clientErrors', 0.97],
  ['trafficSurge', 1],
];
const gpuStories: Array<[EndpointStory, number]> = [
  ['healthy', 0.5],
  ['overProvisionedGpu', 0.8],
  ['gpuSaturated', 0.9],
  ['latencyRegression', 1],
];

function chooseStory(table: Array<[EndpointStory, number]>, u: number): EndpointStory {
  return (table.find(([, upTo]) => u < upTo) ?? table[table.length - 1])[0];
}

export function fleetEndpoints(count: number, seed: number): EndpointSpec[] {
  const width = Math.max(4, String(count).length);
  return Array.from({ length: Math.max(0, count) }, (_, i) => {
    const name = `fleet-${String(i + 1).padStart(width, '0')}`;
    const key = seriesKey(seed, 'fleet', name);
    const draw = (n: number) => uniform(key, n);
    const gpu = draw(1) < 0.15;
    const instanceType = gpu ? pick(gpuTypes, draw(2)) : pick(cpuTypes, draw(2));
    const story = chooseStory(gpu ? gpuStories : cpuStories, draw(3));
    // Only the levels vary; a story's own numbers (a surge's step, a regression's p99) stay.
    const signals: EndpointSpec['signals'] = {};
    if (!['idle', 'trafficSurge'].includes(story)) signals.requestsPerSecond = { base: Math.round((2 + 78 * draw(4) ** 2) * 10) / 10 };
    if (!['latencyRegression', 'cpuSaturated'].includes(story)) signals.latencyP99Ms = { base: Math.round(60 + 340 * draw(7)) };
    return {
      name,
      createdAt: `-${10 + Math.floor(190 * draw(5))}d`,
      variants: [{ instanceType, instanceCount: 1 + Math.floor(4 * draw(6)) }],
      stories: [story],
      signals,
    };
  });
}
