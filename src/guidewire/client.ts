import type { TargetConfig } from '../config/types.js';
import { InvalidResponseError, UpstreamStatusError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ApiSchemaReading, GuidewireApi, RequestObservation, RequestObserver } from './api.js';
import { parseApiSchema, schemaBounds } from './api-schema.js';
import { createAuthProvider } from './auth.js';
import { createTransport, InvalidBodyError, type TransportResponse } from './http.js';
import { IssueTally, truncateValue } from './item-issues.js';
import { enoughChecksRead, type ConsistencyCheckRun, maxConsistencyCheckPages, parseConsistencyCheckPage } from './consistency-checks.js';
import { parseBatchProcessPage, parseBatchProcessResource, parseErrorBody } from './parse.js';
import { apiRoot, apiSchemaPaths, batchProcessesPath, consistencyChecksPath, endpointOf, resolveNextHref, systemTimePath } from './paths.js';
import { defaultPlan, narrowPlan, planFromSchema, type RequestPlan, type SentParams } from './request-plan.js';
import { parseRetryAfter } from './retry-after.js';
import { parseHistoryPage } from './parse-history.js';
import { parseSystemTime } from './system-time.js';
import type { BatchProcess, ProcessHistoryPage } from './types.js';

export interface GuidewireClientOptions {
  readonly target: TargetConfig;
  readonly logger: Logger;
  /** Milliseconds since the epoch; for token expiry and `Retry-After` dates. Defaults to `Date.now`. */
  readonly now?: () => number;
  /** Called once per API request (never for the token endpoint). */
  readonly observe?: RequestObserver;
}

/** A loop guard: no real installation has anywhere near this many batch process types. */
const maxPages = 1000;
const maxUpstreamMessageLength = 200;

/**
 * The System Tools API client for one target: one connection pool to its origin, its auth provider,
 * `links.next` pagination, one retry with fresh credentials after a 401, and non-2xx answers turned
 * into `UpstreamStatusError`.
 */
export function createGuidewireClient(options: GuidewireClientOptions): GuidewireApi {
  const { target } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger.child({ component: 'guidewire-client', target: target.name });
  const root = apiRoot(target.baseUrl);
  const transport = createTransport({
    origin: root.origin,
    tls: target.tls,
    proxy: target.proxy,
    requestTimeoutMs: target.requestTimeoutMs,
    connections: target.concurrency,
  });
  const auth = createAuthProvider(target.auth, {
    tls: target.tls,
    proxy: target.proxy,
    requestTimeoutMs: target.requestTimeoutMs,
    now,
    logger,
  });

  function observe(observation: RequestObservation): void {
    try {
      options.observe?.(observation);
    } catch (err) {
      logger.warn({ err }, 'request observer threw');
    }
  }

  /** When the last request sent left and its answer arrived (exporter clock), without the token's fetch. */
  interface Timing {
    sentAt: number;
    answeredAt: number;
  }

  async function send(path: string, signal: AbortSignal | undefined, timing?: Timing, maxBytes?: number): Promise<TransportResponse> {
    const endpoint = endpointOf(path);
    const authorization = await auth.header(signal);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    const started = performance.now();
    const elapsed = (): number => (performance.now() - started) / 1000;
    if (timing !== undefined) timing.sentAt = now();
    try {
      const res = await transport.get(path, headers, signal, maxBytes);
      if (timing !== undefined) timing.answeredAt = now();
      observe({ endpoint, status: res.status, durationSeconds: elapsed() });
      return res;
    } catch (err) {
      if (err instanceof InvalidBodyError) observe({ endpoint, status: err.status, durationSeconds: elapsed() });
      // A request cancelled by the caller (shutdown) is not an upstream event.
      else if (!(signal?.aborted ?? false)) observe({ endpoint, durationSeconds: elapsed() });
      throw err;
    }
  }

  async function getJson(path: string, signal: AbortSignal | undefined, timing?: Timing, maxBytes?: number): Promise<unknown> {
    let res = await send(path, signal, timing, maxBytes);
    if (res.status === 401 && target.auth.kind !== 'none') {
      // The token may have been revoked or rotated before its announced expiry: one fresh try.
      logger.debug({ endpoint: endpointOf(path) }, '401 from Guidewire; retrying once with fresh credentials');
      auth.invalidate();
      res = await send(path, signal, timing, maxBytes);
    }
    if (res.status >= 200 && res.status < 300) return res.json;
    throw statusError(res, endpointOf(path), now());
  }

  // From the API definition when there is one; each parameter a 400 refuses is dropped for the client's life.
  let plan: RequestPlan = defaultPlan(target.listPageSize);

  /** A 400 to a request that carried `sent`: drop what it refused from the plan, and say so once. */
  function refused(err: UpstreamStatusError, sent: SentParams, resource: 'list' | 'histories'): SentParams {
    const before = plan;
    const narrowed = narrowPlan(plan, sent, err.message);
    plan = narrowed.plan;
    for (const name of narrowed.dropped) {
      const value = name === 'pageSize' ? before.list.pageSize : name === 'fields' ? before.list.fields : name === 'includeTotal' ? 'true' : undefined;
      logger.warn({ parameter: name, err }, refusalMessage(name, value, resource));
    }
    return narrowed.dropped;
  }

  /** The first list page, with the plan's `pageSize` and `fields`; a 400 drops what it refused and asks again. */
  async function firstListPage(collection: string, signal: AbortSignal | undefined): Promise<unknown> {
    for (;;) {
      const query = new URLSearchParams();
      const sent: ('pageSize' | 'fields')[] = [];
      if (plan.list.pageSize !== undefined) {
        query.set('pageSize', String(plan.list.pageSize));
        sent.push('pageSize');
      }
      if (plan.list.fields !== undefined) {
        query.set('fields', plan.list.fields);
        sent.push('fields');
      }
      if (sent.length === 0) return getJson(collection, signal);
      try {
        return await getJson(`${collection}?${query.toString()}`, signal);
      } catch (err) {
        // Maximum page sizes differ per resource and release, asking for more is a 400, and so is any
        // parameter the resource does not declare. Each try drops at least one parameter: this ends.
        if (!(err instanceof UpstreamStatusError) || err.status !== 400) throw err;
        refused(err, sent, 'list');
      }
    }
  }

  /** A `links.next` path of the list, with the plan's `fields` added when the link dropped it. */
  function withFields(path: string): string {
    const fields = plan.list.fields;
    if (fields === undefined) return path;
    const q = path.indexOf('?');
    const query = new URLSearchParams(q === -1 ? '' : path.slice(q + 1));
    if (query.has('fields')) return path;
    query.set('fields', fields);
    return `${endpointOf(path)}?${query.toString()}`;
  }

  return {
    async listBatchProcesses(signal) {
      const { maxProcesses } = target.limits;
      const items: BatchProcess[] = [];
      const invalid = new IssueTally();
      const tooMany = `more than max_processes (${maxProcesses}) processes; the rest of the list is dropped`;
      const collection = batchProcessesPath(root);
      const seen = new Set<string>([collection]);
      let path: string | undefined = collection;
      for (let page = 0; path !== undefined; page++) {
        const endpoint = endpointOf(path);
        if (page >= maxPages) throw new InvalidResponseError(endpoint, `more than ${maxPages} pages`);
        if (items.length >= maxProcesses) {
          // The list is full: the pages left are not read (their length is unknown), and count as one.
          invalid.add(tooMany, true, `page ${page + 1} and after not read`);
          break;
        }
        seen.add(path);
        const parsed = parseBatchProcessPage(page === 0 ? await firstListPage(collection, signal) : await getJson(path, signal), endpoint, target.limits);
        // A loop, not push(...items): spreading 130,000 arguments overflows the stack.
        const room = maxProcesses - items.length;
        for (const item of parsed.items.slice(0, room)) items.push(item);
        if (parsed.items.length > room) {
          invalid.add(tooMany, true, `page ${page + 1}: ${parsed.items.length - room} of its ${parsed.items.length} processes`, parsed.items.length - room);
        }
        invalid.addAll(parsed.invalid, page === 0 ? '' : `page ${page + 1}, `);
        path = parsed.nextHref === undefined ? undefined : withFields(resolveNextHref(parsed.nextHref, root, endpoint));
        if (path !== undefined && seen.has(path)) {
          throw new InvalidResponseError(endpoint, `links.next.href repeats an earlier page (${truncateValue(parsed.nextHref ?? '')})`);
        }
      }
      return { items, invalid: invalid.list() };
    },

    async getBatchProcess(code, signal) {
      const path = batchProcessesPath(root, code);
      return parseBatchProcessResource(await getJson(path, signal), path, target.limits);
    },

    async getHistoryPage(code, request, signal) {
      const collection = `${batchProcessesPath(root, code)}/histories`;
      let json: unknown;
      let path = request.path;
      if (path !== undefined) json = await getJson(path, signal);
      for (let tries = 0; json === undefined; tries++) {
        const query = new URLSearchParams();
        const sent: ('pageOffset' | 'includeTotal')[] = [];
        if (request.offset !== undefined && request.offset > 0) {
          // The reader is told (`requestPlan`) not to ask for offsets the resource does not take.
          if (!plan.histories.pageOffset) throw new InvalidResponseError(collection, 'pageOffset is not accepted by this resource; follow links.next');
          query.set('pageOffset', String(request.offset));
          sent.push('pageOffset');
        }
        if (request.includeTotal === true && plan.histories.includeTotal) {
          query.set('includeTotal', 'true');
          sent.push('includeTotal');
        }
        path = query.size === 0 ? collection : `${collection}?${query.toString()}`;
        try {
          json = await getJson(path, signal);
        } catch (err) {
          if (!(err instanceof UpstreamStatusError) || err.status !== 400 || sent.length === 0 || tries > 1) throw err;
          // Without the offset the page would be another one: that read fails, the next ones page by links.
          if (refused(err, sent, 'histories').includes('pageOffset') && sent.includes('pageOffset')) throw err;
        }
      }
      const endpoint = endpointOf(path ?? collection);
      const raw = parseHistoryPage(json, endpoint, target.limits);
      const page: ProcessHistoryPage = {
        items: raw.items,
        invalid: raw.invalid,
        ...(raw.total === undefined ? {} : { total: raw.total }),
        ...(raw.nextHref === undefined ? {} : { nextPath: resolveNextHref(raw.nextHref, root, endpoint) }),
      };
      return page;
    },

    async getSystemTime(signal) {
      const path = systemTimePath(root);
      // Timed around the request alone (the token is fetched before): the offset is taken at its midpoint.
      const timing: Timing = { sentAt: 0, answeredAt: 0 };
      const time = parseSystemTime(await getJson(path, signal, timing), path);
      return { ...time, requestedAt: timing.sentAt, answeredAt: timing.answeredAt };
    },

    async listConsistencyChecks(signal) {
      const items: ConsistencyCheckRun[] = [];
      const invalid = new IssueTally();
      const collection = consistencyChecksPath(root);
      const seen = new Set<string>([collection]);
      // No query parameters: nothing for a release to reject (paging follows links.next as given).
      let path: string | undefined = collection;
      for (let page = 0; path !== undefined; page++) {
        const endpoint = endpointOf(path);
        if (page >= maxConsistencyCheckPages) {
          invalid.add(`more than ${maxConsistencyCheckPages} pages of consistency-check runs; the rest is not read`, true, `page ${page + 1} and after not read`);
          break;
        }
        seen.add(path);
        const parsed = parseConsistencyCheckPage(await getJson(path, signal), endpoint, target.limits);
        for (const item of parsed.items) items.push(item);
        invalid.addAll(parsed.invalid, page === 0 ? '' : `page ${page + 1}, `);
        // Newest first on the first page: the latest finished run is on it, the older pages are not needed.
        if (page === 0 && enoughChecksRead(parsed.items)) break;
        path = parsed.nextHref === undefined ? undefined : resolveNextHref(parsed.nextHref, root, endpoint);
        if (path !== undefined && seen.has(path)) {
          throw new InvalidResponseError(endpoint, `links.next.href repeats an earlier page (${truncateValue(parsed.nextHref ?? '')})`);
        }
      }
      return { items, invalid: invalid.list() };
    },

    async readApiSchema(signal) {
      const tried: string[] = [];
      for (const [source, path] of apiSchemaPaths(root)) {
        let json: unknown;
        try {
          json = await getJson(path, signal, undefined, schemaBounds.maxBytes);
        } catch (err) {
          if (err instanceof UpstreamStatusError && unavailable.has(err.status)) {
            tried.push(`${source}.json: ${err.status}`);
            continue;
          }
          if (!(err instanceof InvalidResponseError)) throw err;
          tried.push(`${source}.json: ${err.message}`);
          continue;
        }
        try {
          const capabilities = parseApiSchema(json, source, path);
          plan = planFromSchema(capabilities, { listPageSize: target.listPageSize, maxPageItems: target.limits.maxPageItems });
          return { source, capabilities } satisfies ApiSchemaReading;
        } catch (err) {
          if (!(err instanceof InvalidResponseError)) throw err;
          tried.push(`${source}.json: ${err.message}`);
        }
      }
      return { source: 'none', reason: tried.join('; ') };
    },

    requestPlan: () => plan,

    async close() {
      await Promise.all([transport.close(), auth.close()]);
    },
  };
}

/** Answers that mean "this release serves no definition here" (or not to this caller): final, not retried. */
const unavailable = new Set([403, 404, 405, 410, 501]);

function refusalMessage(name: string, value: string | number | undefined, resource: 'list' | 'histories'): string {
  if (name === 'pageSize') {
    return `Guidewire rejected pageSize=${value ?? ''} for the batch process list; using its default page size from now on (set list_page_size to its maximum to save requests)`;
  }
  if (name === 'fields') {
    return `Guidewire rejected fields=${value ?? ''} for the batch process list; list items keep their default fields, and processes without a status are read one by one`;
  }
  return `Guidewire rejected ${name} on ${resource === 'histories' ? 'run histories' : 'the batch process list'}; history pages are read by following links.next from now on`;
}

function statusError(res: TransportResponse, endpoint: string, nowMs: number): UpstreamStatusError {
  const body = parseErrorBody(res.json);
  return new UpstreamStatusError(res.status, endpoint, {
    upstreamCode: body.errorCode,
    upstreamMessage: res.status >= 300 && res.status < 400 ? redirectMessage(res.headers['location']) : oneLine(body.userMessage),
    retryAfterSeconds: parseRetryAfter(res.headers['retry-after'], nowMs),
  });
}

/**
 * Redirects are never followed (credentials go to the configured origin only); say so, and where to. Only
 * the target's origin is named: the rest of a `Location` (an SSO login URL, say) may carry tokens.
 */
function redirectMessage(location: string | string[] | undefined): string {
  const value = Array.isArray(location) ? location[0] : location;
  const where = value === undefined || value === '' ? '' : URL.canParse(value) ? ` to ${new URL(value).origin}` : ' to another path on the same server';
  return `redirect${where} not followed; check base_url`;
}

function oneLine(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length <= maxUpstreamMessageLength ? flat : `${flat.slice(0, maxUpstreamMessageLength - 1)}…`;
}
