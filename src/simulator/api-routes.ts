import { CONSISTENCY_CHECKS_PATH, consistencyCheckCollection, consistencyCheckDocument, consistencyChecks } from './consistency-checks.js';
import { guidewireError } from './guidewire-errors.js';
import { historyCollection, historyDocument, sortHistories } from './history-resources.js';
import type { SimResponse } from './http-io.js';
import { parsePaging, type Paging } from './paging.js';
import { apiDocument, OPENAPI_PATH, SWAGGER_PATH } from './openapi-document.js';
import { DECLARED_PARAMS, listFieldsAsk, undeclaredParams } from './query-params.js';
import { BATCH_PROCESSES_PATH, batchProcessCollection, batchProcessDocument } from './resources.js';
import { SYSTEM_TIME_PATH, systemTimeResponse } from './system-time.js';
import type { ApiSchemaFlavour, ConsistencyCheckOptions, HistoryOrder, HistoryParam, SimulatorModel, SystemTimeOptions } from './types.js';

/** Routing of System Tools API requests, given the path below the `/rest` root. Auth is checked before. */

export interface ApiSettings {
  readonly model: SimulatorModel;
  readonly listIncludesStatus: boolean | 'when-asked';
  readonly listFields: boolean;
  readonly historyParams: readonly HistoryParam[];
  readonly apiSchema: ApiSchemaFlavour;
  readonly pageSize: number;
  readonly maxPageSize: number;
  readonly historyOrder: HistoryOrder;
  readonly systemTime: SystemTimeOptions;
  readonly consistencyChecks: ConsistencyCheckOptions;
}

type Route =
  | { readonly kind: 'systemTime' }
  | { readonly kind: 'consistencyChecks' }
  | { readonly kind: 'consistencyCheck'; readonly id: string }
  | { readonly kind: 'definition'; readonly flavour: 'openapi' | 'swagger' }
  | { readonly kind: 'collection' }
  | { readonly kind: 'item'; readonly code: string }
  | { readonly kind: 'histories'; readonly code: string }
  | { readonly kind: 'history'; readonly code: string; readonly id: string };

/** `/batch-processes`, `/batch-processes/{type}`, `.../histories` or `.../histories/{id}`; `undefined` otherwise. */
function route(restPath: string): Route | undefined {
  if (restPath === SYSTEM_TIME_PATH) return { kind: 'systemTime' };
  if (restPath === CONSISTENCY_CHECKS_PATH) return { kind: 'consistencyChecks' };
  if (restPath.startsWith(`${CONSISTENCY_CHECKS_PATH}/`)) {
    const rest = restPath.slice(CONSISTENCY_CHECKS_PATH.length + 1);
    if (rest === '' || rest.includes('/')) return undefined;
    try {
      return { kind: 'consistencyCheck', id: decodeURIComponent(rest) };
    } catch {
      return undefined;
    }
  }
  if (restPath === OPENAPI_PATH) return { kind: 'definition', flavour: 'openapi' };
  if (restPath === SWAGGER_PATH) return { kind: 'definition', flavour: 'swagger' };
  if (restPath === BATCH_PROCESSES_PATH) return { kind: 'collection' };
  const prefix = `${BATCH_PROCESSES_PATH}/`;
  if (!restPath.startsWith(prefix)) return undefined;
  let segments: string[];
  try {
    segments = restPath.slice(prefix.length).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (segments.includes('')) return undefined;
  const [code, histories, id, ...rest] = segments;
  if (code === undefined || rest.length > 0) return undefined;
  if (histories === undefined) return { kind: 'item', code };
  if (histories !== 'histories') return undefined;
  return id === undefined ? { kind: 'histories', code } : { kind: 'history', code, id };
}

const notFound = (restPath: string): SimResponse =>
  guidewireError(404, 'The requested resource was not found', `No resource exists at path ${restPath}`);

const unknownType = (code: string): SimResponse =>
  guidewireError(
    404,
    `No batch process type with code '${code}'`,
    `'${code}' is not a typecode of typelist BatchProcessType (codes are case-sensitive)`,
  );

function pagingOf(settings: ApiSettings, query: URLSearchParams, offsetParam?: string): { paging: Paging } | { error: SimResponse } {
  const result = parsePaging(query, settings.pageSize, settings.maxPageSize, offsetParam);
  return result.ok ? { paging: result.paging } : { error: guidewireError(400, 'Bad input', result.message) };
}

/** What the list declares: paging, and `fields` unless turned off. */
export function listParams(settings: Pick<ApiSettings, 'listFields'>): readonly string[] {
  return DECLARED_PARAMS.collection.filter((name) => name !== 'fields' || settings.listFields);
}

/** What `/histories` declares; an opaque `pageToken` for its links when it takes no `pageOffset`. */
export function historyParams(settings: Pick<ApiSettings, 'historyParams'>): readonly string[] {
  return settings.historyParams.includes('pageOffset') ? settings.historyParams : [...settings.historyParams, 'pageToken'];
}

/** The definition the simulator serves at `flavour`'s path, or a 404 when it serves another (or none). */
function definition(settings: ApiSettings, flavour: 'openapi' | 'swagger', restPath: string): SimResponse {
  if (settings.apiSchema !== flavour) return notFound(restPath);
  return {
    status: 200,
    body: apiDocument(flavour, {
      pageSize: settings.pageSize,
      maxPageSize: settings.maxPageSize,
      listParams: listParams(settings),
      historyParams: historyParams(settings),
      listDeclaresStatus: settings.listIncludesStatus !== false,
    }),
  };
}

function histories(settings: ApiSettings, code: string, query: URLSearchParams, now: number): SimResponse {
  // The type is resolved before the query is checked: an unknown type is a 404 whatever the paging.
  const rows = settings.model.histories(code, now);
  if (rows === undefined) return unknownType(code);
  const declared = historyParams(settings);
  const undeclared = undeclaredParams(query, declared);
  if (undeclared !== undefined) return undeclared;
  const paging = pagingOf(settings, query, declared.includes('pageOffset') ? 'pageOffset' : 'pageToken');
  if ('error' in paging) return paging.error;
  const served = declared.includes('pageSize') ? paging.paging : { ...paging.paging, pageSizeInLinks: false };
  return { status: 200, body: historyCollection(code, sortHistories(rows, settings.historyOrder), served) };
}

function history(settings: ApiSettings, code: string, id: string, query: URLSearchParams, now: number): SimResponse {
  const rows = settings.model.histories(code, now);
  if (rows === undefined) return unknownType(code);
  const undeclared = undeclaredParams(query, DECLARED_PARAMS.history);
  if (undeclared !== undefined) return undeclared;
  const row = rows.find((r) => r.id === id);
  if (row === undefined) return guidewireError(404, `No process history with id '${id}'`, `No ProcessHistory '${id}' for batch process type '${code}'`);
  return { status: 200, body: historyDocument(code, row) };
}

/**
 * Answers `method restPath?query` at time `now`: 404 for unknown paths, types and history ids (and for
 * `/system-time` and `/database-consistency-checks` when they are absent), 405 for non-GET, 400 for a query parameter the resource does not declare.
 */
export function handleApiRequest(
  settings: ApiSettings,
  method: string,
  restPath: string,
  query: URLSearchParams,
  now: number,
): SimResponse {
  const target = route(restPath);
  if (target === undefined) return notFound(restPath);
  if (method !== 'GET') {
    return guidewireError(405, `The method ${method} is not allowed on this resource`, `Allowed methods for ${restPath}: GET`, {
      allow: 'GET',
    });
  }
  switch (target.kind) {
    case 'definition':
      return undeclaredParams(query, []) ?? definition(settings, target.flavour, restPath);
    case 'systemTime':
      return undeclaredParams(query, DECLARED_PARAMS.systemTime) ?? systemTimeResponse(now, settings.systemTime);
    case 'consistencyChecks': {
      const undeclared = undeclaredParams(query, DECLARED_PARAMS.consistencyChecks);
      if (undeclared !== undefined) return undeclared;
      const paging = pagingOf(settings, query);
      if ('error' in paging) return paging.error;
      return consistencyCheckCollection(consistencyChecks(settings.model, now, settings.consistencyChecks), paging.paging, settings.consistencyChecks);
    }
    case 'consistencyCheck':
      return (
        undeclaredParams(query, DECLARED_PARAMS.consistencyCheck) ??
        consistencyCheckDocument(consistencyChecks(settings.model, now, settings.consistencyChecks), target.id, settings.consistencyChecks)
      );
    case 'item': {
      const process = settings.model.get(target.code, now);
      if (process === undefined) return unknownType(target.code);
      return undeclaredParams(query, DECLARED_PARAMS.item) ?? { status: 200, body: batchProcessDocument(process) };
    }
    case 'histories':
      return histories(settings, target.code, query, now);
    case 'history':
      return history(settings, target.code, target.id, query, now);
    case 'collection': {
      const undeclared = undeclaredParams(query, listParams(settings));
      if (undeclared !== undefined) return undeclared;
      const asked = listFieldsAsk(query.get('fields'));
      if (typeof asked === 'string') return guidewireError(400, 'Bad input', asked);
      const paging = pagingOf(settings, query);
      if ('error' in paging) return paging.error;
      const withStatus = settings.listIncludesStatus === 'when-asked' ? asked : settings.listIncludesStatus;
      return { status: 200, body: batchProcessCollection(settings.model.list(now), paging.paging, withStatus) };
    }
  }
}
