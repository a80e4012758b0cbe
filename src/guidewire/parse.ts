import { defaults, type Limits } from '../config/types.js';
import { InvalidResponseError, LimitExceededError } from '../errors.js';
import { IssueTally, type ItemIssue } from './item-issues.js';
import type { BatchProcess, ProcessStatus } from './types.js';
import { checkTypeLabels } from './label-text.js';
import { parseWorkQueueStatus } from './parse-work-queue.js';
import {
  checkLength,
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

/** The limits the parsers enforce on one response (see `Limits`). */
export type ParseLimits = Pick<Limits, 'maxCodeLength' | 'maxNameLength' | 'maxTextLength' | 'maxPageItems'>;

/** One page of a collection: the items that parsed, the rejected ones per cause, and the next page. */
export interface CollectionPage<T> {
  items: T[];
  /** Items of this page that were rejected, per cause; examples name the position in this page's `data`. */
  invalid: ItemIssue[];
  /** `links.next.href`, relative to the `/rest` root, when there is a next page. */
  nextHref?: string;
}

/** One page of `GET /batch-processes`. */
export type BatchProcessPage = CollectionPage<BatchProcess>;

/**
 * Parses `GET /batch-processes/{type}` (`{ data: { attributes } }`). Throws `InvalidResponseError` naming
 * the field, or `LimitExceededError` (with the value truncated) for a value longer than its limit.
 */
export function parseBatchProcessResource(json: unknown, endpoint: string, limits: ParseLimits = defaults.limits): BatchProcess {
  try {
    if (!isObject(json)) throw new FieldError('(body)', 'expected a JSON object');
    if (!isObject(json.data)) throw new FieldError('data', 'expected an object');
    return parseAttributes(json.data.attributes, 'data.attributes', limits);
  } catch (err) {
    if (err instanceof FieldError) throw err.limit ? new LimitExceededError(endpoint, err.message) : new InvalidResponseError(endpoint, err.message);
    throw err;
  }
}

/**
 * Parses one page of `GET /batch-processes`. A bad item lands in `invalid` and the others still
 * parse; a bad envelope (no `data` array, unusable `links.next`) throws `InvalidResponseError`.
 */
export function parseBatchProcessPage(json: unknown, endpoint: string, limits: ParseLimits = defaults.limits): BatchProcessPage {
  return parseCollection(json, endpoint, limits.maxPageItems, (item, path) => {
    if (!isObject(item)) throw new FieldError(path, 'expected an object');
    return parseAttributes(item.attributes, `${path}.attributes`, limits);
  }).page;
}

/** The cause of a rejected item without its position, so that one cause covers every item it rejects. */
const causeOf = (err: FieldError): string => `${err.field.replace(/^data\[\d+\]/, 'data[]')}: ${err.problem}`;

/**
 * One page of a Cloud API collection: the first `maxItems` of `data` parsed item by item with `parseItem`
 * (an item that throws `FieldError` is counted in `invalid` under its cause, the others still parse; items
 * past `maxItems` are dropped and counted as exceeding `max_page_items`) and `links.next`. A bad envelope
 * throws `InvalidResponseError`. Returns the envelope too, for fields of its own (`total`). Pure.
 */
export function parseCollection<T>(
  json: unknown,
  endpoint: string,
  maxItems: number,
  parseItem: (item: unknown, path: string) => T,
): { page: CollectionPage<T>; envelope: Readonly<Record<string, unknown>> } {
  if (!isObject(json)) throw new InvalidResponseError(endpoint, 'expected a JSON object');
  const data: unknown = json.data;
  if (!Array.isArray(data)) throw new InvalidResponseError(endpoint, 'data: expected an array');
  const items: T[] = [];
  const tally = new IssueTally();
  const read = Math.min(data.length, maxItems);
  for (let index = 0; index < read; index++) {
    try {
      items.push(parseItem(data[index], `data[${index}]`));
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      tally.add(causeOf(err), err.limit, err.value === undefined ? `item ${index}` : `item ${index}: ${err.value}`);
    }
  }
  if (data.length > read) {
    tally.add(`more than max_page_items (${maxItems}) items in one page; the rest of the page is dropped`, true, `items ${read} to ${data.length - 1}`, data.length - read);
  }
  const page: CollectionPage<T> = { items, invalid: tally.list() };
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

function parseAttributes(value: unknown, path: string, limits: ParseLimits): BatchProcess {
  if (!isObject(value)) throw new FieldError(path, 'expected an object');
  const { code, name } = parseType(value.type, `${path}.type`, limits);
  checkTypeLabels(code, name, `${path}.type`);
  const batch: Mutable<BatchProcess> = {
    code,
    name,
    // Documented as always present; a missing flag is read as "not work-queue based".
    distributed: optionalBoolean(value, 'distributed', path) ?? false,
  };
  const status = parseStatus(value.status, `${path}.status`, limits);
  if (status !== undefined) batch.status = status;
  if (value.workQueueStatus !== undefined && value.workQueueStatus !== null) {
    batch.workQueue = parseWorkQueueStatus(value.workQueueStatus);
  }
  return batch;
}

function parseType(value: unknown, path: string, limits: ParseLimits): { code: string; name: string } {
  const codeLimit = { max: limits.maxCodeLength, key: 'max_code_length' };
  // Robustness: a bare code string instead of a TypeKeyReference.
  if (typeof value === 'string' && value !== '') {
    const code = checkLength(value, codeLimit, path);
    return { code, name: code };
  }
  if (!isObject(value)) throw new FieldError(path, 'expected a type reference { code, name }');
  const code = value.code;
  if (typeof code !== 'string' || code === '') throw new FieldError(`${path}.code`, 'expected a non-empty string');
  checkLength(code, codeLimit, `${path}.code`);
  const name = typeof value.name === 'string' && value.name !== '' ? checkLength(value.name, { max: limits.maxNameLength, key: 'max_name_length' }, `${path}.name`) : code;
  return { code, name };
}

const dateKeys = ['dateCreated', 'startDate', 'dateCompleted'] as const;
const countKeys = ['opsCompleted', 'opsExpected', 'failedOps'] as const;
const textKeys = ['progress', 'failureReason'] as const;

function parseStatus(value: unknown, path: string, limits: ParseLimits): ProcessStatus | undefined {
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
  const textLimit = { max: limits.maxTextLength, key: 'max_text_length' };
  for (const key of textKeys) {
    const text = optionalString(value, key, path, textLimit);
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
