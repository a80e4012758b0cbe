import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExpositionFormats, negotiateFormat, type ExpositionFormat } from '../metrics/exposition.js';
import { batchWindowPath, statusApiPath } from '../status/links.js';
import type { Logger } from '../logger.js';
import { truncateString } from '../log-bounds.js';
import { resolvePrefix } from './prefix.js';
import { parseRequestTarget } from './request-target.js';

const text = 'text/plain; charset=utf-8';
// The status changes with every poll; browsers and proxies must not serve an old copy.
const noStore = { 'cache-control': 'no-store' };

export interface HttpHandlers {
  /** Every endpoint is served below it: `/` (the default) or `/a/b` (no trailing slash). */
  readonly routePrefix?: string;
  /** Path of the metrics endpoint below the route prefix. */
  readonly telemetryPath: string;
  /** The exposition as byte chunks to write in order, plain or gzip-compressed; never calls Guidewire. */
  metrics(format: ExpositionFormat, encoding: 'identity' | 'gzip'): Promise<readonly Buffer[]>;
  /** True once every target has finished its first poll. */
  ready(): boolean;
  /** The status page's HTML for the query string's filter and order (`?state=&q=&sort=&dir=&refresh=`). */
  statusPage(query: URLSearchParams): Promise<string>;
  /** The status as JSON (`/api/v1/status`), with the same query parameters. */
  statusApi(query: URLSearchParams): Promise<string>;
  /** The batch-window timeline (`/batch-window`, same query parameters); absent: 404. */
  batchWindowPage?(query: URLSearchParams): Promise<string>;
  /** The effective configuration as YAML, every secret shown as `<secret>`. */
  config(): string;
  /** Re-reads the configuration; absent when there is no file to re-read (demo mode). */
  reload?(): Promise<{ readonly ok: boolean; readonly message: string }>;
}

export function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer | readonly Buffer[], extra: Record<string, string> = {}): void {
  const chunks = typeof body === 'string' || Buffer.isBuffer(body) ? [body] : body;
  const length = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
  res.writeHead(status, { 'content-type': type, 'content-length': length, ...extra });
  if (req.method === 'HEAD') return void res.end();
  // Many small cached buffers: cork so they leave in as few writes as the socket allows.
  res.cork();
  for (const chunk of chunks.slice(0, -1)) res.write(chunk);
  // A response counts as finished once end() is called, and server.close() destroys the connections of
  // finished responses at once, unsent bytes and all: end only when the body is out (the last write's
  // callback), so that a slow reader's response survives a shutdown (see ListeningServer.close).
  res.write(chunks[chunks.length - 1] ?? '', () => res.end());
  res.uncork();
}

async function serveMetrics(req: IncomingMessage, res: ServerResponse, handlers: HttpHandlers): Promise<void> {
  const format = negotiateFormat(req.headers.accept);
  const acceptsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = await handlers.metrics(format, acceptsGzip ? 'gzip' : 'identity');
  const headers: Record<string, string> = { vary: 'Accept, Accept-Encoding' };
  if (acceptsGzip) headers['content-encoding'] = 'gzip';
  send(req, res, 200, ExpositionFormats[format], body, headers);
}

async function serveReload(req: IncomingMessage, res: ServerResponse, handlers: HttpHandlers): Promise<void> {
  if (req.method !== 'POST' && req.method !== 'PUT') return send(req, res, 405, text, 'Only POST or PUT requests allowed\n', { allow: 'POST, PUT' });
  if (handlers.reload === undefined) return send(req, res, 400, text, 'Nothing to reload: the exporter runs without a configuration file\n');
  const result = await handlers.reload();
  send(req, res, result.ok ? 200 : 500, text, `${result.message}\n`);
}

/** A refused request target in a log line: attacker-controlled, so cut short. */
const logged = (target: string): string => truncateString(target, 200);

/**
 * Routes one request under the route prefix, on the raw path as the client sent it (see
 * `parseRequestTarget`): a target that is not a plain absolute path is 400, logged at debug only. Only
 * GET and HEAD are served, except `/-/reload`; paths outside the prefix and unknown paths are 404.
 */
export async function route(req: IncomingMessage, res: ServerResponse, handlers: HttpHandlers, log?: Logger): Promise<void> {
  const target = parseRequestTarget(req.url ?? '/');
  if (!target.ok) {
    log?.debug({ target: logged(req.url ?? ''), reason: target.reason, remoteAddress: req.socket.remoteAddress }, 'refused request target');
    return send(req, res, 400, text, `Bad Request: the request target must be a plain absolute path (${target.reason})\n`);
  }
  const search = target.query === '' ? '' : `?${target.query}`;
  const resolved = resolvePrefix(target.path, handlers.routePrefix ?? '/');
  if (resolved.kind === 'outside') return send(req, res, 404, text, 'Not Found\n');
  if (resolved.kind === 'redirect') return send(req, res, 302, text, `Found: ${resolved.location}\n`, { location: `${resolved.location}${search}` });
  const path = resolved.path;
  if (path === '/-/reload') return serveReload(req, res, handlers);
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(req, res, 405, text, 'Method Not Allowed\n', { allow: 'GET, HEAD' });
  if (path === handlers.telemetryPath) return serveMetrics(req, res, handlers);
  if (path === '/-/healthy') return send(req, res, 200, text, 'Healthy\n');
  if (path === '/-/ready') {
    return handlers.ready() ? send(req, res, 200, text, 'Ready\n') : send(req, res, 503, text, 'Not ready: waiting for the first poll of every target\n');
  }
  if (path === '/config') return send(req, res, 200, 'text/yaml; charset=utf-8', handlers.config());
  if (path === '/') return send(req, res, 200, 'text/html; charset=utf-8', await handlers.statusPage(new URLSearchParams(target.query)), noStore);
  if (path === batchWindowPath && handlers.batchWindowPage !== undefined) {
    return send(req, res, 200, 'text/html; charset=utf-8', await handlers.batchWindowPage(new URLSearchParams(target.query)), noStore);
  }
  if (path === statusApiPath) return send(req, res, 200, 'application/json; charset=utf-8', await handlers.statusApi(new URLSearchParams(target.query)), noStore);
  send(req, res, 404, text, 'Not Found\n');
}
