import { InvalidResponseError } from '../errors.js';
import { isObject, type JsonObject } from './parse-fields.js';
import { SchemaWalker } from './schema-walk.js';

/**
 * What a tenant's own API definition (`/systemtools/v1/openapi.json`, or `swagger.json`) says about the
 * resources the exporter reads, so that it asks for what this release accepts instead of guessing.
 * Pure: JSON in (as `unknown`), a small frozen model out. See docs/reliability.md, "Learning the API".
 */

/** Where the capabilities came from; `none` when no usable definition was found. */
export type SchemaSource = 'openapi' | 'swagger' | 'none';

/** One resource's `GET`: the query parameters it declares and, for collections, its page sizes. */
export interface ResourceCapabilities {
  /** The path as the definition spells it, e.g. `/batch-processes/{batchProcessType}/histories`. */
  readonly path: string;
  /** Declared query parameters (at most `maxParams`, each a short name), in the order declared. */
  readonly params: readonly string[];
  /** `maximum` of `pageSize` (from its schema, or "maximum N" in its description). */
  readonly maxPageSize?: number;
  /** `default` of `pageSize`. */
  readonly defaultPageSize?: number;
}

export interface TenantCapabilities {
  readonly source: Exclude<SchemaSource, 'none'>;
  /** `info.version` of the definition (the API's release), truncated. */
  readonly version?: string;
  /** `GET /batch-processes`. Always present: a definition without it is not usable. */
  readonly list: ResourceCapabilities;
  /** `GET /batch-processes/{type}`. */
  readonly item?: ResourceCapabilities;
  /** `GET /batch-processes/{type}/histories`. */
  readonly histories?: ResourceCapabilities;
  /** Whether list items' attributes declare `status` / `workQueueStatus` (optional fields `fields` can bring in). */
  readonly listDeclares: { readonly status: boolean; readonly workQueueStatus: boolean };
  /** Field names inside `workQueueStatus` (`executors[].name` for executors' fields), at most `maxFieldNames`. */
  readonly workQueueStatusFields: readonly string[];
}

/** Bounds on what is kept from a definition (documented in docs/reliability.md). */
export const schemaBounds = { maxBytes: 8 * 1024 * 1024, maxParams: 64, maxFieldNames: 64, maxNameLength: 64, maxPaths: 10_000 } as const;

const namePattern = /^[A-Za-z0-9_.*$-]+$/;
const collectionPath = /\/batch-processes\/?$/;
const itemPath = /\/batch-processes\/\{[^}/]+\}\/?$/;
const historiesPath = /\/batch-processes\/\{[^}/]+\}\/histories\/?$/;

/**
 * Reads an OpenAPI 3 or Swagger 2 document. Throws `InvalidResponseError` when it is not one, or does not
 * describe `GET /batch-processes` (nothing could be learned from it); anything else it lacks stays absent.
 */
export function parseApiSchema(json: unknown, source: TenantCapabilities['source'], endpoint: string): TenantCapabilities {
  if (!isObject(json)) throw new InvalidResponseError(endpoint, 'API definition: expected a JSON object');
  if (typeof json.openapi !== 'string' && typeof json.swagger !== 'string') {
    throw new InvalidResponseError(endpoint, 'API definition: neither an "openapi" nor a "swagger" version');
  }
  if (!isObject(json.paths)) throw new InvalidResponseError(endpoint, 'API definition: paths: expected an object');
  const walker = new SchemaWalker(json);
  const found: { list?: [string, unknown]; item?: [string, unknown]; histories?: [string, unknown] } = {};
  let seen = 0;
  for (const [path, value] of Object.entries(json.paths)) {
    if (++seen > schemaBounds.maxPaths) break;
    if (historiesPath.test(path)) found.histories ??= [path, value];
    else if (itemPath.test(path)) found.item ??= [path, value];
    else if (collectionPath.test(path)) found.list ??= [path, value];
  }
  if (found.list === undefined) throw new InvalidResponseError(endpoint, 'API definition: no GET /batch-processes');
  const list = resource(walker, ...found.list);
  if (list === undefined) throw new InvalidResponseError(endpoint, 'API definition: no GET /batch-processes');
  const item = found.item === undefined ? undefined : resource(walker, ...found.item);
  const histories = found.histories === undefined ? undefined : resource(walker, ...found.histories);
  const listAttributes = attributesSchema(walker, getOperation(walker, found.list[1]), 'collection');
  const itemAttributes = found.item === undefined ? undefined : attributesSchema(walker, getOperation(walker, found.item[1]), 'document');
  const listProps = listAttributes === undefined ? new Map<string, unknown>() : walker.properties(listAttributes);
  const queueSchema = walker.deref(listProps.get('workQueueStatus')) ?? (itemAttributes === undefined ? undefined : walker.property(itemAttributes, 'workQueueStatus'));
  const version = isObject(json.info) && typeof json.info.version === 'string' ? json.info.version.slice(0, 100) : undefined;
  return Object.freeze({
    source,
    ...(version === undefined ? {} : { version }),
    list,
    ...(item === undefined ? {} : { item }),
    ...(histories === undefined ? {} : { histories }),
    listDeclares: { status: listProps.has('status'), workQueueStatus: listProps.has('workQueueStatus') },
    workQueueStatusFields: queueSchema === undefined ? [] : queueFieldNames(walker, queueSchema),
  });
}

function getOperation(walker: SchemaWalker, pathItem: unknown): JsonObject | undefined {
  const resolved = walker.deref(pathItem);
  return resolved === undefined ? undefined : walker.deref(resolved.get);
}

/** The capabilities of one path's `GET`, or undefined when it has no `GET`. */
function resource(walker: SchemaWalker, path: string, pathItem: unknown): ResourceCapabilities | undefined {
  const item = walker.deref(pathItem);
  const get = item === undefined ? undefined : walker.deref(item.get);
  if (item === undefined || get === undefined) return undefined;
  const params: string[] = [];
  let maxPageSize: number | undefined;
  let defaultPageSize: number | undefined;
  // Path-level parameters apply to every operation; the operation's own come after (and may override).
  for (const list of [item.parameters, get.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list.slice(0, schemaBounds.maxParams)) {
      const param = walker.deref(raw);
      if (param === undefined || param.in !== 'query' || typeof param.name !== 'string') continue;
      const name = param.name;
      if (name.length > schemaBounds.maxNameLength || !namePattern.test(name)) continue;
      if (!params.includes(name) && params.length < schemaBounds.maxParams) params.push(name);
      if (name === 'pageSize') {
        const schema = walker.deref(param.schema) ?? param;
        maxPageSize = pageCount(schema.maximum) ?? maximumInText(param.description) ?? maxPageSize;
        defaultPageSize = pageCount(schema.default) ?? defaultPageSize;
      }
    }
  }
  return {
    path: path.slice(0, 300),
    params,
    ...(maxPageSize === undefined ? {} : { maxPageSize }),
    ...(defaultPageSize === undefined ? {} : { defaultPageSize }),
  };
}

const pageCount = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= 1_000_000 ? value : undefined;

/** "The maximum page size is 100", "maximum: 500", "(max 1000)" in a parameter's description. */
function maximumInText(description: unknown): number | undefined {
  if (typeof description !== 'string') return undefined;
  const match = /\bmax(?:imum)?\b[^\d.]{0,30}?(\d{1,7})\b/i.exec(description.slice(0, 2000));
  return match?.[1] === undefined ? undefined : pageCount(Number(match[1]));
}

/** The JSON schema of a `200` answer: OpenAPI 3 `content[*json*].schema`, or Swagger 2 `schema`. */
function okSchema(walker: SchemaWalker, get: JsonObject | undefined): JsonObject | undefined {
  const responses = get === undefined ? undefined : walker.deref(get.responses);
  if (responses === undefined) return undefined;
  const ok = walker.deref(responses['200'] ?? responses['2XX'] ?? responses.default);
  if (ok === undefined) return undefined;
  if (ok.schema !== undefined) return walker.deref(ok.schema);
  const content = walker.deref(ok.content);
  if (content === undefined) return undefined;
  const type = Object.keys(content).find((key) => key.includes('json'));
  return type === undefined ? undefined : walker.deref(walker.deref(content[type])?.schema);
}

/** `data[].attributes` of a collection, or `data.attributes` of a document. */
function attributesSchema(walker: SchemaWalker, get: JsonObject | undefined, shape: 'collection' | 'document'): JsonObject | undefined {
  const body = okSchema(walker, get);
  const data = body === undefined ? undefined : walker.property(body, 'data');
  const element = shape === 'collection' ? walker.items(data) : data;
  return element === undefined ? undefined : walker.property(element, 'attributes');
}

/** The names inside `workQueueStatus`, and `executors[].name` (and `executors[].tasks.name`) below them. */
function queueFieldNames(walker: SchemaWalker, schema: JsonObject): string[] {
  const names: string[] = [];
  const add = (name: string): void => {
    if (names.length < schemaBounds.maxFieldNames && name.length <= 2 * schemaBounds.maxNameLength && !names.includes(name)) names.push(name);
  };
  const walk = (node: JsonObject, prefix: string, depth: number): void => {
    for (const [name, value] of walker.properties(node)) {
      if (name.length > schemaBounds.maxNameLength || !namePattern.test(name)) continue;
      add(`${prefix}${name}`);
      if (depth >= 2) continue;
      const child = walker.deref(value);
      const element = child?.type === 'array' ? walker.items(child) : child;
      if (element !== undefined && walker.properties(element).size > 0) walk(element, `${prefix}${name}${child?.type === 'array' ? '[]' : ''}.`, depth + 1);
    }
  };
  walk(schema, '', 0);
  return names;
}
