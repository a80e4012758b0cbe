import { guidewireError } from './guidewire-errors.js';
import type { SimResponse } from './http-io.js';

/**
 * Guidewire rejects query parameters a resource does not declare (the default `GW-UnknownQueryParamHandling`
 * is a validation error, not "ignored"): each resource here declares its own.
 */

/** Collections page; every resource selects fields; `/system-time` declares none. */
export const DECLARED_PARAMS = {
  collection: ['pageSize', 'pageOffset', 'includeTotal', 'fields'],
  item: ['fields'],
  histories: ['pageSize', 'pageOffset', 'includeTotal', 'fields'],
  history: ['fields'],
  systemTime: [],
  consistencyChecks: ['pageSize', 'pageOffset', 'includeTotal', 'fields'],
  consistencyCheck: ['fields'],
} as const satisfies Record<string, readonly string[]>;

/** A 400 naming the first parameter of `query` that `declared` lacks; `undefined` when all are declared. */
export function undeclaredParams(query: URLSearchParams, declared: readonly string[]): SimResponse | undefined {
  for (const name of query.keys()) {
    if (!declared.includes(name)) {
      const allowed = declared.length === 0 ? 'none' : declared.join(', ');
      return guidewireError(400, 'Bad input', `The query parameter '${name}' is not declared for this resource (declared: ${allowed})`);
    }
  }
  return undefined;
}
