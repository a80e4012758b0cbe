import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One request the fake received. */
export interface RecordedRequest {
  readonly method: string;
  /** Path with query string, as sent. */
  readonly url: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * What to answer: a status with a JSON (`json`) or raw (`body`) body, never answer (`hang`),
 * or write the response yourself (`raw`, e.g. headers and then a stalled body).
 */
export type FakeReply =
  | { status?: number; headers?: Record<string, string>; json?: unknown; body?: string }
  | { raw: (res: ServerResponse) => void }
  | 'hang';

export type FakeHandler = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  /** `http://127.0.0.1:<port>` (or https). */
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Routes `METHOD pathname` (query ignored) to a handler; a later registration replaces an earlier one. */
  on(method: string, pathname: string, handler: FakeHandler): void;
  /** Requests to `pathname` received so far. */
  requestsTo(pathname: string): RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a programmable fake on 127.0.0.1, port 0 (HTTPS when `tls` is given). Unrouted requests get a
 * Guidewire-shaped 404.
 */
export async function startFakeServer(options: { tls?: HttpsServerOptions } = {}): Promise<FakeServer> {
  const routes = new Map<string, FakeHandler>();
  const requests: RecordedRequest[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    void handle(req, res);
  };
  const server: Server = options.tls === undefined ? createHttpServer(listener) : createHttpsServer(options.tls, listener);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      pathname: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    const handler = routes.get(`${recorded.method} ${recorded.pathname}`) ?? notFound;
    const reply = await handler(recorded);
    if (reply === 'hang') return;
    if ('raw' in reply) return reply.raw(res);
    const body = reply.body ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    const headers: Record<string, string> = { ...(reply.json === undefined ? {} : { 'content-type': 'application/json' }), ...reply.headers };
    res.writeHead(reply.status ?? 200, headers).end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    port,
    requests,
    on(method, pathname, handler) {
      routes.set(`${method.toUpperCase()} ${pathname}`, handler);
    },
    requestsTo: (pathname) => requests.filter((r) => r.pathname === pathname),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err === undefined ? resolve() : reject(err)));
        // Hanging handlers and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

const notFound: FakeHandler = (req) => ({
  status: 404,
  json: { status: 404, errorCode: 'gw.api.rest.exceptions.NotFoundException', userMessage: `No resource at ${req.pathname}` },
});

/** A loopback port with nothing listening (bound, then released). */
export async function unusedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
