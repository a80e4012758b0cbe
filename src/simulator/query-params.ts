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

/** Field names of a batch process's attributes, and the field sets `fields` may name. */
const listFieldNames = ['type', 'distributed', 'status', 'workQueueStatus'];
const fieldSets = ['*all', '*default', '*summary', '*detail'];

/**
 * Whether `fields` (a comma-separated list) asks the list for `status`: `*all`, or naming it. A name that is
 * neither a field nor a field set gives the 400's message instead. Absent: false.
 */
export function listFieldsAsk(fields: string | null): boolean | string {
  if (fields === null) return false;
  const names = fields.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !listFieldNames.includes(name) && !fieldSets.includes(name));
  if (unknown !== undefined) return `The field '${unknown}' is not a field of BatchProcess (fields: ${[...fieldSets, ...listFieldNames].join(', ')})`;
  return names.includes('*all') || names.includes('status');
}
