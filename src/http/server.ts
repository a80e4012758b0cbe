import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { route, send, type HttpHandlers } from './routes.js';
import type { BasicAuthVerifier } from './basic-auth.js';
import { WebSecurity } from './web-security.js';

export type { HttpHandlers } from './routes.js';

export interface ListeningServer {
  /** The bound address (the real port when 0 was asked for). */
  readonly host: string;
  readonly port: number;
  /** `https` when the web configuration has a `tls_server_config`. */
  readonly scheme: 'http' | 'https';
  close(): Promise<void>;
}

export interface HttpServerOptions {
  readonly host: string | undefined;
  readonly port: number;
  readonly handlers: HttpHandlers;
  readonly logger: Logger;
  /** The exporter-toolkit web configuration (TLS, basic auth); plain HTTP without one. */
  readonly webConfigFile?: string | undefined;
  /** How often at most the web configuration and certificate files are checked for changes (default 1 s). */
  readonly webConfigCheckIntervalMs?: number;
  /** The basic-auth verifier; one with a bcrypt worker pool by default (tests pass one that counts comparisons). */
  readonly verifier?: BasicAuthVerifier;
  /** Told whether each load of the web configuration was applied (true) or refused (false). */
  readonly onWebConfigReload?: (ok: boolean) => void;
}

/**
 * Starts the exporter's HTTP server on `host:port` (port 0 picks a free port); HTTPS, client certificates
 * and basic authentication as the web configuration file says. An invalid file throws `ConfigError`.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<ListeningServer> {
  const log = options.logger.child({ component: 'http' });
  const security =
    options.webConfigFile === undefined
      ? undefined
      : new WebSecurity({
          file: options.webConfigFile,
          logger: log,
          ...(options.webConfigCheckIntervalMs === undefined ? {} : { checkIntervalMs: options.webConfigCheckIntervalMs }),
          ...(options.verifier === undefined ? {} : { verifier: options.verifier }),
          ...(options.onWebConfigReload === undefined ? {} : { onReload: options.onWebConfigReload }),
        });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (security !== undefined && !(await security.admit(req, res))) return;
    await route(req, res, options.handlers, log);
  };
  let closing = false;
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (closing) res.setHeader('connection', 'close');
    // During the shutdown, a connection whose response is done closes at once instead of idling.
    res.once('close', () => closing && server.closeIdleConnections());
    handle(req, res).catch((err: unknown) => {
      log.error({ err, path: req.url }, 'request failed');
      if (!res.headersSent) send(req, res, 500, 'text/plain; charset=utf-8', 'Internal Server Error\n');
      else res.destroy();
    });
  };
  const server: Server = security?.scheme === 'https' ? createHttpsServer(security.httpsOptions(), listener) : createServer(listener);
  security?.attach(server);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  if (security !== undefined) log.info({ address: `${address.address}:${address.port}`, ...security.describe() }, `serving ${security.scheme}`);
  return {
    host: address.address,
    port: address.port,
    scheme: security?.scheme ?? 'http',
    // In-flight responses finish (each connection closes when its response is out); idle keep-alive
    // connections close now; whatever is still open after the grace period is cut off.
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        const timer = setTimeout(() => server.closeAllConnections(), 3_000);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          void (security?.close() ?? Promise.resolve()).then(resolve, resolve);
        });
        server.closeIdleConnections();
      }),
  };
}
