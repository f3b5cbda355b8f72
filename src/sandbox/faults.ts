// Deterministic fault injection: the n-th request of a server gets the same fault for the same
// seed and rates, so a flaky-network test fails or passes the same way every run.
import { uniform } from './prng';

export type FaultKind = 'throttling' | 'serverError' | 'timeout' | 'malformed';
export type FaultRates = Partial<Record<FaultKind, number>>;

export const FAULT_KINDS: readonly FaultKind[] = ['throttling', 'serverError', 'timeout', 'malformed'];

/**
 * `faultRate` is spread evenly over the four kinds; `faults` sets kinds one by one and wins over
 * the even share. Throws RangeError for rates outside 0..1 or adding up to more than 1.
 */
export function resolveFaultRates(faultRate = 0, faults: FaultRates = {}): Record<FaultKind, number> {
  const rates = {} as Record<FaultKind, number>;
  const check = (name: string, value: number) => {
    if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`${name} must be a number from 0 to 1, got ${value}`);
  };
  check('faultRate', faultRate);
  for (const kind of FAULT_KINDS) {
    rates[kind] = faults[kind] ?? faultRate / FAULT_KINDS.length;
    check(`faults.${kind}`, rates[kind]);
  }
  const total = FAULT_KINDS.reduce((sum, k) => sum + rates[k], 0);
  if (total > 1 + 1e-9) throw new RangeError(`fault rates add up to ${total.toFixed(3)}; they must add up to at most 1`);
  return rates;
}

export interface FaultInjector {
  /** The fault for the next request, or undefined to serve it normally. */
  next(): FaultKind | undefined;
}

export function createFaultInjector(seed: number, rates: Record<FaultKind, number>): FaultInjector {
  const key = seed ^ 0x7fa17;
  let counter = 0;
  return {
    next() {
      const u = uniform(key, counter++);
      let upTo = 0;
      for (const kind of FAULT_KINDS) {
        upTo += rates[kind];
        if (u < upTo) return kind;
      }
      return undefined;
    },
  };
}

/** A 200 whose body stops half way: what a proxy cutting a response short looks like. */
export function truncateBody(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}
