import { guidewireError } from './guidewire-errors.js';
import type { SimResponse } from './http-io.js';
import { parsePaging } from './paging.js';
import { BATCH_PROCESSES_PATH, batchProcessCollection, batchProcessDocument } from './resources.js';
import type { SimulatorModel } from './types.js';

/** Routing of System Tools API requests, given the path below the `/rest` root. Auth is checked before. */

export interface ApiSettings {
  readonly model: SimulatorModel;
  readonly listIncludesStatus: boolean;
  readonly pageSize: number;
  readonly maxPageSize: number;
}

type Route = { readonly kind: 'collection' } | { readonly kind: 'item'; readonly code: string } | undefined;

function route(restPath: string): Route {
  if (restPath === BATCH_PROCESSES_PATH) return { kind: 'collection' };
  const prefix = `${BATCH_PROCESSES_PATH}/`;
  if (!restPath.startsWith(prefix)) return undefined;
  const segment = restPath.slice(prefix.length);
  if (segment === '' || segment.includes('/')) return undefined;
  try {
    return { kind: 'item', code: decodeURIComponent(segment) };
  } catch {
    return undefined;
  }
}

const notFound = (restPath: string): SimResponse =>
  guidewireError(404, 'The requested resource was not found', `No resource exists at path ${restPath}`);

/** Answers `method restPath?query` at time `now`: 404 for unknown paths and types, 405 for non-GET. */
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
  if (target.kind === 'item') {
    const process = settings.model.get(target.code, now);
    if (process === undefined) {
      return guidewireError(
        404,
        `No batch process type with code '${target.code}'`,
        `'${target.code}' is not a typecode of typelist BatchProcessType (codes are case-sensitive)`,
      );
    }
    return { status: 200, body: batchProcessDocument(process) };
  }
  const paging = parsePaging(query, settings.pageSize, settings.maxPageSize);
  if (!paging.ok) return guidewireError(400, 'Bad input', paging.message);
  return {
    status: 200,
    body: batchProcessCollection(settings.model.list(now), paging.paging, settings.listIncludesStatus),
  };
}
