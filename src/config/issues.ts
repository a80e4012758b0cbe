/**
 * Turns zod issues into findings with messages written for people editing YAML: `unknown key "x" (did you
 * mean "y"?)`, `missing required key "name"`, `expected a duration like 30s or 1h30m, got "abc"`.
 * Values are quoted only when `mayShow` allows (never secrets, never values from the environment).
 */
import type * as z from 'zod';
import type { Finding, Path } from './locate.js';

/** The keys a map may have, by the name of the key that holds it (`''` for the document root). */
export type KnownKeys = Readonly<Record<string, readonly string[]>>;

const article: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'a map',
  record: 'a map',
  array: 'a list',
};

/** The value at `path` in plain data, or `undefined`. */
export function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** Describes a value's kind without revealing it: `a list`, `a number`, `null`. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return article[typeof value] ?? typeof value;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return kindOf(value);
}

function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** The known key closest to `key` (also trying `camelCase` → `snake_case`), if any is close enough. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = Math.min(levenshtein(key, candidate), levenshtein(snake, candidate));
    if (best === undefined || distance < best.distance) best = { key: candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? best.key : undefined;
}

const parentKey = (path: Path): string => [...path].reverse().find((s): s is string => typeof s === 'string') ?? '';

/**
 * Translates zod issues (from parsing `data`) into findings. `knownKeys` feeds the "did you mean" hint of
 * unknown keys. A custom issue may carry `params.showValue` (append the value when `mayShow` allows) and
 * `params.at: 'key'` (point at the key, e.g. for a key that is not allowed there).
 */
export function findingsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  mayShow: (path: Path) => boolean,
  knownKeys: KnownKeys,
): Finding[] {
  return issues.flatMap((issue): Finding[] => {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    const value = valueAt(data, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => {
          const suggestion = suggestKey(key, knownKeys[parentKey(path)] ?? []);
          const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
          return { path: [...path, key], at: 'key', message: `unknown key "${key}"${hint}` };
        });
      case 'invalid_type': {
        if (value === undefined) return [{ path, at: 'value', message: `missing required key "${String(path.at(-1))}"` }];
        const expected = article[issue.expected] ?? issue.expected;
        return [{ path, at: 'value', message: `expected ${expected}, got ${kindOf(value)}` }];
      }
      case 'too_small':
        return [{ path, at: 'value', message: issue.origin === 'array' ? 'must not be an empty list' : 'must not be empty' }];
      case 'too_big':
        return [{ path, at: 'value', message: issue.origin === 'array' ? `at most ${String(issue.maximum)} items` : issue.message }];
      case 'custom': {
        const got = issue.params?.['showValue'] === true && mayShow(path) ? `, got ${show(value)}` : '';
        return [{ path, at: issue.params?.['at'] === 'key' ? 'key' : 'value', message: `${issue.message}${got}` }];
      }
      default:
        return [{ path, at: 'value', message: issue.message }];
    }
  });
}
