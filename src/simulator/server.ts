import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isTimeZone } from '../cron/quartz.js';
import { handleApiRequest, type ApiSettings } from './api-routes.js';
import { authorize, type ApiAuth } from './auth.js';
import { createFaultList } from './faults.js';
import { guidewireError, guidewireErrorBody } from './guidewire-errors.js';
import { readBody, writeResponse, type SimResponse } from './http-io.js';
import { handleTokenRequest, TOKEN_PATH } from './token-endpoint.js';
import { createTokenStore } from './token-store.js';
import {
  API_SCHEMA_FLAVOURS, HISTORY_ORDERS, HISTORY_PARAMS, SYSTEM_TIME_SHAPES,
  type ApiSchemaFlavour, type ConsistencyCheckOptions, type HistoryParam, type FaultAction, type HistoryOrder, type RunningSimulator, type SimulatorOptions, type SimulatorStats, type SystemTimeOptions,
} from './types.js';

/** `''`, or `/pc` from `pc`, `/pc` or `/pc/`. */
function normalizeContextRoot(root: string): string {
  const trimmed = root.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`simulator: ${name} must be a positive integer, got ${value}`);
  return value;
}

function historyOrder(value: string): HistoryOrder {
  const order = HISTORY_ORDERS.find((o) => o === value);
  if (order === undefined) throw new RangeError(`simulator: historyOrder must be one of ${HISTORY_ORDERS.join(', ')}, got ${JSON.stringify(value)}`);
  return order;
}

function listIncludesStatus(value: boolean | 'when-asked'): boolean | 'when-asked' {
  if (typeof value !== 'boolean' && value !== 'when-asked') throw new RangeError(`simulator: listIncludesStatus must be true, false or "when-asked", got ${JSON.stringify(value)}`);
  return value;
}

function historyParams(values: readonly string[]): readonly HistoryParam[] {
  const unknown = values.find((value) => !(HISTORY_PARAMS as readonly string[]).includes(value));
  if (unknown !== undefined) throw new RangeError(`simulator: historyParams must be among ${HISTORY_PARAMS.join(', ')}, got ${JSON.stringify(unknown)}`);
  return HISTORY_PARAMS.filter((name) => values.includes(name));
}

function apiSchemaFlavour(value: string): ApiSchemaFlavour {
  const flavour = API_SCHEMA_FLAVOURS.find((f) => f === value);
  if (flavour === undefined) throw new RangeError(`simulator: apiSchema must be one of ${API_SCHEMA_FLAVOURS.join(', ')}, got ${JSON.stringify(value)}`);
  return flavour;
}

/** `options` checked: a known shape, an IANA zone, a known date format. */
function systemTimeOptions(options: SystemTimeOptions = {}): SystemTimeOptions {
  if (options.shape !== undefined && !SYSTEM_TIME_SHAPES.includes(options.shape)) {
    throw new RangeError(`simulator: systemTime.shape must be one of ${SYSTEM_TIME_SHAPES.join(', ')}, got ${JSON.stringify(options.shape)}`);
  }
  if (options.zone !== undefined && !isTimeZone(options.zone)) throw new RangeError(`simulator: systemTime.zone ${JSON.stringify(options.zone)} is not an IANA time zone`);
  if (options.dateTimeFormat !== undefined && options.dateTimeFormat !== 'utc' && options.dateTimeFormat !== 'offset') {
    throw new RangeError(`simulator: systemTime.dateTimeFormat must be utc or offset, got ${JSON.stringify(options.dateTimeFormat)}`);
  }
  return { ...options };
}

/** `options` checked: a known order. */
function consistencyCheckOptions(options: ConsistencyCheckOptions = {}): ConsistencyCheckOptions {
  if (options.order !== undefined && !HISTORY_ORDERS.includes(options.order)) {
    throw new RangeError(`simulator: consistencyChecks.order must be one of ${HISTORY_ORDERS.join(', ')}, got ${JSON.stringify(options.order)}`);
  }
  return { ...options };
}

/** The host to put in URLs: wildcard binds are reached over loopback; IPv6 literals need brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function faultResponse(fault: Extract<FaultAction, { status: number }>): SimResponse {
  const body = fault.body ?? (fault.status >= 400 ? guidewireErrorBody(fault.status, 'Injected fault') : undefined);
  return { status: fault.status, body, ...(fault.headers === undefined ? {} : { headers: fault.headers }) };
}

/**
 * Starts a Guidewire System Tools API simulator on loopback (port 0 by default) serving `options.model`.
 * Resolves once listening; `close()` stops it and destroys open sockets.
 */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const clockOffsetMs = options.clockOffsetMs ?? 0;
  if (!Number.isFinite(clockOffsetMs)) throw new RangeError(`simulator: clockOffsetMs must be finite, got ${clockOffsetMs}`);
  const exporterNow = options.now ?? Date.now;
  // The simulator's own clock: everything it serves and decides is on it.
  const now = (): number => exporterNow() + clockOffsetMs;
  const host = options.host ?? '127.0.0.1';
  const restRoot = `${normalizeContextRoot(options.contextRoot ?? '')}/rest`;
  const maxPageSize = positiveInteger('maxPageSize', options.maxPageSize ?? 100);
  const pageSize = positiveInteger('pageSize', options.pageSize ?? Math.min(25, maxPageSize));
  if (pageSize > maxPageSize) throw new RangeError(`simulator: pageSize ${pageSize} exceeds maxPageSize ${maxPageSize}`);
  const settings: ApiSettings = {
    model: options.model,
    listIncludesStatus: listIncludesStatus(options.listIncludesStatus ?? true),
    listFields: options.listFields ?? true,
    historyParams: historyParams(options.historyParams ?? HISTORY_PARAMS),
    apiSchema: apiSchemaFlavour(options.apiSchema ?? 'openapi'),
    pageSize,
    maxPageSize,
    historyOrder: historyOrder(options.historyOrder ?? 'newest-first'),
    systemTime: systemTimeOptions(options.systemTime),
    consistencyChecks: consistencyCheckOptions(options.consistencyChecks),
  };
  const oauth = options.auth?.oauth2;
  const tokens = oauth === undefined ? undefined : createTokenStore(positiveInteger('tokenTtlSeconds', oauth.tokenTtlSeconds ?? 60));
  const apiAuth: ApiAuth = { basic: options.auth?.basic, tokens };
  const faults = createFaultList();
  const requests = new Map<string, number>();
  const lastQuery = new Map<string, string>();
  const stats: SimulatorStats = {
    requests,
    lastQuery,
    get tokensIssued() {
      return tokens?.issued ?? 0;
    },
  };
  const timers = new Set<ReturnType<typeof setTimeout>>();

  /** Waits `ms`; resolves false instead when the client goes away first. */
  const delay = (ms: number, res: ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(true);
      }, ms);
      timers.add(timer);
      res.once('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      });
    });

  const respond = async (req: IncomingMessage, path: string, query: URLSearchParams): Promise<SimResponse> => {
    const method = req.method ?? 'GET';
    if (path === TOKEN_PATH && oauth !== undefined && tokens !== undefined) {
      if (method !== 'POST') {
        req.resume();
        return { status: 405, body: { error: 'invalid_request', error_description: 'Use POST' }, headers: { allow: 'POST' } };
      }
      const body = await readBody(req);
      return handleTokenRequest({ authorization: req.headers.authorization, body }, oauth, tokens, now());
    }
    req.resume();
    if (path !== restRoot && !path.startsWith(`${restRoot}/`)) {
      return guidewireError(404, 'The requested resource was not found', `No resource exists at path ${path}`);
    }
    const at = now();
    const denied = authorize(apiAuth, req.headers.authorization, at);
    return denied ?? handleApiRequest(settings, method, path.slice(restRoot.length), query, at);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    requests.set(path, (requests.get(path) ?? 0) + 1);
    lastQuery.set(path, q < 0 ? '' : url.slice(q + 1));
    const fault = faults.take(path);
    if (fault !== undefined) {
      if ('destroy' in fault) {
        req.socket.destroy();
        return;
      }
      if ('status' in fault) {
        req.resume();
        writeResponse(res, faultResponse(fault));
        return;
      }
      if (!(await delay(fault.delayMs, res))) return;
    }
    writeResponse(res, await respond(req, path, query));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      writeResponse(res, guidewireError(500, 'Internal server error', err instanceof Error ? err.message : String(err)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${urlHost(host)}:${port}`;

  return {
    baseUrl: `${origin}${restRoot}`,
    tokenUrl: `${origin}${TOKEN_PATH}`,
    port,
    stats,
    setFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
