import { InvalidResponseError } from '../errors.js';
import type { BatchProcess, ProcessStatus } from './types.js';
import { checkTypeLabels } from './label-text.js';
import { parseWorkQueueStatus } from './parse-work-queue.js';
import {
  FieldError,
  isObject,
  type Mutable,
  optionalBoolean,
  optionalCount,
  optionalDate,
  optionalString,
} from './parse-fields.js';

/**
 * Pure parsers from the System Tools API's JSON (as `unknown`) to the types in `types.ts`.
 * Shapes: ../../../shared/guidewire-api.md ("BatchProcess attributes", "ProcessStatus").
 */

/** One page of `GET /batch-processes`. */
export interface BatchProcessPage {
  items: BatchProcess[];
  /** Items of this page that did not parse; `index` is the position in this page's `data`. */
  invalid: { index: number; detail: string }[];
  /** `links.next.href`, relative to the `/rest` root, when there is a next page. */
  nextHref?: string;
}

/** Parses `GET /batch-processes/{type}` (`{ data: { attributes } }`). Throws `InvalidResponseError` naming the field. */
export function parseBatchProcessResource(json: unknown, endpoint: string): BatchProcess {
  try {
    if (!isObject(json)) throw new FieldError('(body)', 'expected a JSON object');
    if (!isObject(json.data)) throw new FieldError('data', 'expected an object');
    return parseAttributes(json.data.attributes, 'data.attributes');
  } catch (err) {
    if (err instanceof FieldError) throw new InvalidResponseError(endpoint, err.message);
    throw err;
  }
}

/**
 * Parses one page of `GET /batch-processes`. A bad item lands in `invalid` and the others still
 * parse; a bad envelope (no `data` array, unusable `links.next`) throws `InvalidResponseError`.
 */
export function parseBatchProcessPage(json: unknown, endpoint: string): BatchProcessPage {
  return parseCollection(json, endpoint, (item, path) => {
    if (!isObject(item)) throw new FieldError(path, 'expected an object');
    return parseAttributes(item.attributes, `${path}.attributes`);
  }).page;
}

/**
 * One page of a Cloud API collection: `data` parsed item by item with `parseItem` (an item that throws
 * `FieldError` lands in `invalid`, the others still parse) and `links.next`. A bad envelope throws
 * `InvalidResponseError`. Returns the envelope too, for fields of its own (`total`). Pure.
 */
export function parseCollection<T>(
  json: unknown,
  endpoint: string,
  parseItem: (item: unknown, path: string) => T,
): { page: { items: T[]; invalid: { index: number; detail: string }[]; nextHref?: string }; envelope: Readonly<Record<string, unknown>> } {
  if (!isObject(json)) throw new InvalidResponseError(endpoint, 'expected a JSON object');
  const data = json.data;
  if (!Array.isArray(data)) throw new InvalidResponseError(endpoint, 'data: expected an array');
  const page: { items: T[]; invalid: { index: number; detail: string }[]; nextHref?: string } = { items: [], invalid: [] };
  data.forEach((item: unknown, index) => {
    try {
      page.items.push(parseItem(item, `data[${index}]`));
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      page.invalid.push({ index, detail: err.message });
    }
  });
  const nextHref = parseNextHref(json.links, endpoint);
  if (nextHref !== undefined) page.nextHref = nextHref;
  return { page, envelope: json };
}

/** Reads a Guidewire error body (`{ errorCode, userMessage }`); anything else yields `{}`. Never throws. */
export function parseErrorBody(json: unknown): { errorCode?: string; userMessage?: string } {
  if (!isObject(json)) return {};
  const out: { errorCode?: string; userMessage?: string } = {};
  if (typeof json.errorCode === 'string' && json.errorCode !== '') out.errorCode = json.errorCode;
  // Gateways in front of Guidewire often answer `{ "message": ... }` instead.
  const message = typeof json.userMessage === 'string' ? json.userMessage : json.message;
  if (typeof message === 'string' && message !== '') out.userMessage = message;
  return out;
}

function parseAttributes(value: unknown, path: string): BatchProcess {
  if (!isObject(value)) throw new FieldError(path, 'expected an object');
  const { code, name } = parseType(value.type, `${path}.type`);
  checkTypeLabels(code, name, `${path}.type`);
  const batch: Mutable<BatchProcess> = {
    code,
    name,
    // Documented as always present; a missing flag is read as "not work-queue based".
    distributed: optionalBoolean(value, 'distributed', path) ?? false,
  };
  const status = parseStatus(value.status, `${path}.status`);
  if (status !== undefined) batch.status = status;
  if (value.workQueueStatus !== undefined && value.workQueueStatus !== null) {
    batch.workQueue = parseWorkQueueStatus(value.workQueueStatus);
  }
  return batch;
}

function parseType(value: unknown, path: string): { code: string; name: string } {
  // Robustness: a bare code string instead of a TypeKeyReference.
  if (typeof value === 'string' && value !== '') return { code: value, name: value };
  if (!isObject(value)) throw new FieldError(path, 'expected a type reference { code, name }');
  const code = value.code;
  if (typeof code !== 'string' || code === '') throw new FieldError(`${path}.code`, 'expected a non-empty string');
  const name = typeof value.name === 'string' && value.name !== '' ? value.name : code;
  return { code, name };
}

const dateKeys = ['dateCreated', 'startDate', 'dateCompleted'] as const;
const countKeys = ['opsCompleted', 'opsExpected', 'failedOps'] as const;
const textKeys = ['progress', 'failureReason'] as const;

function parseStatus(value: unknown, path: string): ProcessStatus | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new FieldError(path, 'expected an object');
  const status: Mutable<ProcessStatus> = {};
  for (const key of dateKeys) {
    const ms = optionalDate(value, key, path);
    if (ms !== undefined) status[key] = ms;
  }
  for (const key of countKeys) {
    const n = optionalCount(value, key, path);
    if (n !== undefined) status[key] = n;
  }
  for (const key of textKeys) {
    const text = optionalString(value, key, path);
    if (text !== undefined) status[key] = text;
  }
  return status;
}

/** `links.next.href` of a collection page; absent when there is no next page. Throws on a malformed link. */
function parseNextHref(links: unknown, endpoint: string): string | undefined {
  if (links === undefined || links === null) return undefined;
  if (!isObject(links)) throw new InvalidResponseError(endpoint, 'links: expected an object');
  const next = links.next;
  if (next === undefined || next === null) return undefined;
  if (!isObject(next) || typeof next.href !== 'string' || next.href === '') {
    throw new InvalidResponseError(endpoint, 'links.next.href: expected a non-empty string');
  }
  return next.href;
}
