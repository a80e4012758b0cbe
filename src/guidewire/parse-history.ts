import {
  FieldError,
  isObject,
  type Mutable,
  optionalBoolean,
  optionalCount,
  optionalDate,
  optionalString,
} from './parse-fields.js';
import { defaults } from '../config/types.js';
import { type CollectionPage, parseCollection, type ParseLimits } from './parse.js';
import type { ProcessHistory } from './types.js';

/** One page of `GET /batch-processes/{type}/histories` before its next href is resolved. */
export interface RawHistoryPage extends CollectionPage<ProcessHistory> {
  total?: number;
}

function parseHistory(value: unknown, path: string, limits: ParseLimits): ProcessHistory {
  if (!isObject(value)) throw new FieldError(path, 'expected an object');
  // Run ids are kept (to recognise runs already counted), so they are bounded like type codes.
  const id = optionalString(value, 'id', path, { max: limits.maxCodeLength, key: 'max_code_length' });
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
  const type = historyType(value['type'], limits);
  if (type !== undefined) out.type = type;
  return out;
}

/**
 * A history item's `type`: Guidewire sends a plain string (`"ActivityEsc"`); the `{code, name}` shape of
 * a batch process's `type` is tolerated. Anything else, or a code longer than `max_code_length`, is left
 * out rather than rejecting the run: nothing depends on it.
 */
function historyType(value: unknown, limits: ParseLimits): string | undefined {
  const code = typeof value === 'string' ? value : isObject(value) && typeof value['code'] === 'string' ? value['code'] : undefined;
  return code === undefined || code === '' || code.length > limits.maxCodeLength ? undefined : code;
}

/**
 * Parses one page of a run history collection. A bad item lands in `invalid`, the others still parse;
 * a bad envelope throws `InvalidResponseError`. Items may carry their fields in `attributes` (Cloud API
 * resources) or at the top level. Pure.
 */
export function parseHistoryPage(json: unknown, endpoint: string, limits: ParseLimits = defaults.limits): RawHistoryPage {
  const { page, envelope } = parseCollection(json, endpoint, limits.maxPageItems, (item, path) =>
    isObject(item) && isObject(item.attributes) ? parseHistory(item.attributes, `${path}.attributes`, limits) : parseHistory(item, path, limits),
  );
  const total = envelope['total'];
  return typeof total === 'number' && Number.isInteger(total) && total >= 0 ? { ...page, total } : page;
}
