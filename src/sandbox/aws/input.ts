// Reads fields of an untrusted request body. Wrong JSON types fail as SerializationException (as
// the real JSON protocols do); wrong values fail in each service's own words via `FieldErrors`.
import { type AwsError, frameworkError } from './protocol';

export interface FieldErrors {
  missing(field: string): AwsError;
  invalid(field: string, value: unknown, constraint: string): AwsError;
}

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeError(field: string, expected: string): AwsError {
  return frameworkError('SerializationException', `Cannot deserialize '${field}': expected ${expected}`);
}

export class InputReader {
  constructor(
    readonly input: Json,
    private readonly errors: FieldErrors,
    /** Prefix for nested fields in messages, e.g. `MetricDataQueries.member.3.` */
    private readonly path = '',
  ) {}

  nested(value: unknown, path: string): InputReader {
    if (!isObject(value)) throw typeError(path, 'a structure');
    return new InputReader(value, this.errors, `${this.path}${path}.`);
  }

  private raw(name: string, required: boolean): unknown {
    const value = this.input[name];
    if ((value === undefined || value === null) && required) throw this.errors.missing(this.path + name);
    return value ?? undefined;
  }

  string(name: string, options: { required: true; values?: readonly string[]; maxLength?: number }): string;
  string(name: string, options?: { required?: boolean; values?: readonly string[]; maxLength?: number }): string | undefined;
  string(name: string, options: { required?: boolean; values?: readonly string[]; maxLength?: number } = {}): string | undefined {
    const value = this.raw(name, options.required ?? false);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw typeError(this.path + name, 'a string');
    if (options.values && !options.values.includes(value)) {
      throw this.errors.invalid(this.path + name, value, `Member must satisfy enum value set: [${options.values.join(', ')}]`);
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      throw this.errors.invalid(this.path + name, value, `Member must have length less than or equal to ${options.maxLength}`);
    }
    return value;
  }

  integer(name: string, options: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const value = this.raw(name, options.required ?? false);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(this.path + name, 'an integer');
    if (options.min !== undefined && value < options.min) {
      throw this.errors.invalid(this.path + name, value, `Member must have value greater than or equal to ${options.min}`);
    }
    if (options.max !== undefined && value > options.max) {
      throw this.errors.invalid(this.path + name, value, `Member must have value less than or equal to ${options.max}`);
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.raw(name, false);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw typeError(this.path + name, 'a boolean');
    return value;
  }

  /** Epoch seconds (the SDKs' encoding) or an ISO 8601 string → epoch ms. */
  timestamp(name: string, options: { required: true }): number;
  timestamp(name: string, options?: { required?: boolean }): number | undefined;
  timestamp(name: string, options: { required?: boolean } = {}): number | undefined {
    const value = this.raw(name, options.required ?? false);
    if (value === undefined) return undefined;
    const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isFinite(ms)) throw typeError(this.path + name, 'a timestamp');
    return ms;
  }

  array(name: string, options: { required?: boolean } = {}): unknown[] {
    const value = this.raw(name, options.required ?? false);
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw typeError(this.path + name, 'a list');
    return value;
  }
}
