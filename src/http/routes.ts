import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExpositionFormats, negotiateFormat, type ExpositionFormat } from '../metrics/exposition.js';

const text = 'text/plain; charset=utf-8';

export interface HttpHandlers {
  readonly telemetryPath: string;
  /** The exposition as byte chunks to write in order, plain or gzip-compressed; never calls Guidewire. */
  metrics(format: ExpositionFormat, encoding: 'identity' | 'gzip'): Promise<readonly Buffer[]>;
  /** True once every target has finished its first poll. */
  ready(): boolean;
  /** The landing page's HTML. */
  landing(): string;
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
  res.end(chunks[chunks.length - 1]);
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

/** Routes one request. Only GET and HEAD are served, except `/-/reload`; unknown paths are 404. */
export async function route(req: IncomingMessage, res: ServerResponse, handlers: HttpHandlers): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://exporter').pathname;
  if (path === '/-/reload') return serveReload(req, res, handlers);
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(req, res, 405, text, 'Method Not Allowed\n', { allow: 'GET, HEAD' });
  if (path === handlers.telemetryPath) return serveMetrics(req, res, handlers);
  if (path === '/-/healthy') return send(req, res, 200, text, 'Healthy\n');
  if (path === '/-/ready') {
    return handlers.ready() ? send(req, res, 200, text, 'Ready\n') : send(req, res, 503, text, 'Not ready: waiting for the first poll of every target\n');
  }
  if (path === '/config') return send(req, res, 200, 'text/yaml; charset=utf-8', handlers.config());
  if (path === '/') return send(req, res, 200, 'text/html; charset=utf-8', handlers.landing());
  send(req, res, 404, text, 'Not Found\n');
}
