/**
 * Field readers shared by the response parsers. Each reader names the field it rejects, so a
 * message reads `data[3].attributes.status.startDate: expected an ISO-8601 date`.
 * JSON `null` counts as absent: Guidewire and the proxies in front of it use both.
 */

export type JsonObject = Record<string, unknown>;

/** A parsed value under construction: the readonly result type, writable while it is filled in. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A field that does not have the documented shape; `field` is its dotted path. */
export class FieldError extends Error {
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
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

export function optionalString(obj: JsonObject, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FieldError(`${path}.${key}`, 'expected a string');
  return value;
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
