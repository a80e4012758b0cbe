/**
 * Field readers shared by the response parsers. Each reader names the field it rejects, so a
 * message reads `data[3].attributes.status.startDate: expected an ISO-8601 date`.
 * JSON `null` counts as absent: Guidewire and the proxies in front of it use both.
 */

import { truncateValue } from './item-issues.js';

export type JsonObject = Record<string, unknown>;

/** A parsed value under construction: the readonly result type, writable while it is filled in. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A field that does not have the documented shape, or exceeds a configured limit (`limit`); `field` is its
 * dotted path. `value` is the offending value already truncated for messages (limits only).
 */
export class FieldError extends Error {
  readonly field: string;
  readonly problem: string;
  readonly limit: boolean;
  readonly value: string | undefined;
  constructor(field: string, problem: string, options: { limit?: boolean; value?: string } = {}) {
    super(`${field}: ${problem}${options.value === undefined ? '' : `: ${options.value}`}`);
    this.field = field;
    this.problem = problem;
    this.limit = options.limit ?? false;
    this.value = options.value;
  }
}

/** A length limit on an upstream string: the most characters, and the configuration key that sets it. */
export interface LengthLimit {
  readonly max: number;
  readonly key: string;
}

/** Throws a limit `FieldError` (value truncated) when `value` is longer than the limit. */
export function checkLength(value: string, limit: LengthLimit, field: string): string {
  if (value.length > limit.max) {
    throw new FieldError(field, `longer than ${limit.key} (${limit.max} characters)`, { limit: true, value: truncateValue(value) });
  }
  return value;
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ISO-8601 with an explicit offset: Date.parse would read a zone-less time as local time.
const isoDatePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** True when the date part names a real day: Date.parse would roll 2022-02-30 into March. */
function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

/** An ISO-8601 date-time string as milliseconds since the epoch; absent stays absent. */
export function optionalDate(obj: JsonObject, key: string, path: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' && isoDatePattern.test(value) && isCalendarDate(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new FieldError(`${path}.${key}`, 'expected an ISO-8601 date-time');
  return ms;
}

/** A finite, non-negative JSON number (a numeric string is rejected). */
export function optionalCount(obj: JsonObject, key: string, path: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new FieldError(`${path}.${key}`, 'expected a finite non-negative number');
  }
  return value;
}

/** A string; with `limit`, one longer than the limit is rejected as exceeding it. */
export function optionalString(obj: JsonObject, key: string, path: string, limit?: LengthLimit): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FieldError(`${path}.${key}`, 'expected a string');
  return limit === undefined ? value : checkLength(value, limit, `${path}.${key}`);
}

export function optionalBoolean(obj: JsonObject, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new FieldError(`${path}.${key}`, 'expected a boolean');
  return value;
}

/** The first key whose value is a finite non-negative number; never throws. */
export function firstCount(obj: JsonObject, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  }
  return undefined;
}
