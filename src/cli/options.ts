// Option value parsers shared by the CLI's commands; each failure says what the value must be.
import { InvalidArgumentError } from 'commander';

export function integerOption(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`It must be ${what}: a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

export function fractionOption(what: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`It must be ${what}: a number from 0 to 1, e.g. 0.05.`);
    return n;
  };
}
