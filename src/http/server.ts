import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { route, send, type HttpHandlers } from './routes.js';

export type { HttpHandlers } from './routes.js';

export interface ListeningServer {
  /** The bound address (the real port when 0 was asked for). */
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
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
    // In-flight responses finish; idle keep-alive connections close now, the rest after a grace period.
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), 3_000);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
