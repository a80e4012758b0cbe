import {
  FieldError,
  isObject,
  type Mutable,
  optionalBoolean,
  optionalCount,
  optionalDate,
  optionalString,
} from './parse-fields.js';
import { parseCollection } from './parse.js';
import type { ProcessHistory } from './types.js';

/** One page of `GET /batch-processes/{type}/histories` before its next href is resolved. */
export interface RawHistoryPage {
  items: ProcessHistory[];
  invalid: { index: number; detail: string }[];
  total?: number;
  nextHref?: string;
}

function parseHistory(value: unknown, path: string): ProcessHistory {
  if (!isObject(value)) throw new FieldError(path, 'expected an object');
  const id = optionalString(value, 'id', path);
  if (id === undefined || id === '') throw new FieldError(`${path}.id`, 'expected a non-empty string');
  const out: Mutable<ProcessHistory> = { id };
  for (const key of ['dateCreated', 'startDate', 'dateCompleted'] as const) {
    const ms = optionalDate(value, key, path);
    if (ms !== undefined) out[key] = ms;
  }
  for (const key of ['opsCompleted', 'failedOps'] as const) {
    const n = optionalCount(value, key, path);
    if (n !== undefined) out[key] = n;
  }
  for (const key of ['ranToCompletion', 'internalFailure', 'scheduled'] as const) {
    const b = optionalBoolean(value, key, path);
    if (b !== undefined) out[key] = b;
  }
  return out;
}

/**
 * Parses one page of a run history collection. A bad item lands in `invalid`, the others still parse;
 * a bad envelope throws `InvalidResponseError`. Items may carry their fields in `attributes` (Cloud API
 * resources) or at the top level. Pure.
 */
export function parseHistoryPage(json: unknown, endpoint: string): RawHistoryPage {
  const { page, envelope } = parseCollection(json, endpoint, (item, path) =>
    isObject(item) && isObject(item.attributes) ? parseHistory(item.attributes, `${path}.attributes`) : parseHistory(item, path),
  );
  const total = envelope['total'];
  return typeof total === 'number' && Number.isInteger(total) && total >= 0 ? { ...page, total } : page;
}
