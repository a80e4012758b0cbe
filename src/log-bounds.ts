/**
 * Bounds on what one log line may repeat. A value that came from upstream (a type code, an error
 * message quoting a body) can be megabytes long; logged as it is, a warning per poll grows the log by
 * gigabytes. Every string is cut to `maxValueLength` characters plus a `…(N chars)` suffix naming its
 * full length; arrays keep their first `maxArrayItems` items; nesting past `maxDepth` is elided. Pure.
 */

/** Defaults of the bounds; `--log.max-value-length` sets `maxValueLength`. */
export const defaultLogBounds = {
  /** A type code, a path or a stack trace fit; a repeated megabyte-long value does not. */
  maxValueLength: 1024,
  maxArrayItems: 50,
  maxDepth: 8,
} as const;

export interface LogBounds {
  readonly maxValueLength: number;
  readonly maxArrayItems: number;
  readonly maxDepth: number;
}

/** `value` cut to `max` characters (never inside a surrogate pair) with `…(N chars)`, or as it is. */
export function truncateString(value: string, max: number): string {
  if (value.length <= max) return value;
  // Do not split a surrogate pair: the line would not be valid UTF-8.
  const high = value.charCodeAt(max - 1);
  const end = high >= 0xd800 && high <= 0xdbff ? max - 1 : max;
  return `${value.slice(0, end)}…(${value.length} chars)`;
}

/** An object that JSON.stringify writes as its own enumerable fields (not a Date, URL or Buffer). */
const writtenAsFields = (value: object): boolean =>
  typeof (value as { toJSON?: unknown }).toJSON !== 'function' && !ArrayBuffer.isView(value);

/**
 * A log line's fields with every string bounded, at any depth: what JSON.stringify would write as
 * fields (plain objects, class instances, serialized errors) is looked at field by field. Copy on
 * write: an object or array in which nothing had to be cut is returned as it is, so the usual line
 * costs one walk and no allocation. A value with its own `toJSON` is kept as it is; one met again on
 * the same path (a cycle) is left to pino's safe stringify.
 */
export function boundValue(value: unknown, bounds: LogBounds, depth = 0, path?: Set<object>): unknown {
  if (typeof value === 'string') return truncateString(value, bounds.maxValueLength);
  if (typeof value !== 'object' || value === null || path?.has(value) === true) return value;
  if (!Array.isArray(value) && !writtenAsFields(value)) return value;
  if (depth >= bounds.maxDepth) return '[…]';
  const seen = path ?? new Set<object>();
  seen.add(value);
  let out: unknown = value;
  if (Array.isArray(value)) {
    const kept = value.length > bounds.maxArrayItems ? value.slice(0, bounds.maxArrayItems) : value;
    const items = kept.map((item: unknown) => boundValue(item, bounds, depth + 1, seen));
    if (value.length > bounds.maxArrayItems) out = [...items, `…(${value.length} items)`];
    else if (items.some((item, index) => item !== value[index])) out = items;
  } else {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const bounded = boundValue(item, bounds, depth + 1, seen);
      if (bounded !== item) copy ??= { ...(value as Record<string, unknown>) };
      if (copy !== undefined) copy[key] = bounded;
    }
    out = copy ?? value;
  }
  seen.delete(value);
  return out;
}
