import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ExpositionFormats, negotiateFormat, type ExpositionFormat } from '../metrics/exposition.js';
import type { Logger } from '../logger.js';

const gzipAsync = promisify(gzip);

export interface HttpHandlers {
  readonly telemetryPath: string;
  /** The exposition text; never calls Guidewire. */
  metrics(format: ExpositionFormat): Promise<string>;
  /** True once every target has finished its first poll. */
  ready(): boolean;
  /** The landing page's HTML. */
  landing(): string;
}

export interface ListeningServer {
  /** The bound address (the real port when 0 was asked for). */
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function serveMetrics(req: IncomingMessage, res: ServerResponse, handlers: HttpHandlers): Promise<void> {
  const format = negotiateFormat(req.headers.accept);
  const text = await handlers.metrics(format);
  const acceptsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  if (!acceptsGzip) return send(req, res, 200, ExpositionFormats[format], text, { vary: 'Accept, Accept-Encoding' });
  const body = await gzipAsync(text);
  send(req, res, 200, ExpositionFormats[format], body, { 'content-encoding': 'gzip', vary: 'Accept, Accept-Encoding' });
}

/** Routes one request. Only GET and HEAD are served; unknown paths are 404. */
async function route(req: IncomingMessage, res: ServerResponse, handlers: HttpHandlers): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://exporter').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(req, res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', { allow: 'GET, HEAD' });
  }
  if (path === handlers.telemetryPath) return serveMetrics(req, res, handlers);
  if (path === '/-/healthy') return send(req, res, 200, 'text/plain; charset=utf-8', 'Healthy\n');
  if (path === '/-/ready') {
    return handlers.ready()
      ? send(req, res, 200, 'text/plain; charset=utf-8', 'Ready\n')
      : send(req, res, 503, 'text/plain; charset=utf-8', 'Not ready: waiting for the first poll of every target\n');
  }
  if (path === '/') return send(req, res, 200, 'text/html; charset=utf-8', handlers.landing());
  send(req, res, 404, 'text/plain; charset=utf-8', 'Not Found\n');
}

/** Starts the exporter's HTTP server on `host:port` (port 0 picks a free port). */
export async function startHttpServer(options: { host: string | undefined; port: number; handlers: HttpHandlers; logger: Logger }): Promise<ListeningServer> {
  const log = options.logger.child({ component: 'http' });
  const server: Server = createServer((req, res) => {
    route(req, res, options.handlers).catch((err: unknown) => {
      log.error({ err, path: req.url }, 'request failed');
      if (!res.headersSent) send(req, res, 500, 'text/plain; charset=utf-8', 'Internal Server Error\n');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    host: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
