import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** What passed through the proxy: a CONNECT tunnel or a forwarded absolute-form request. */
export interface ProxiedRequest {
  readonly kind: 'connect' | 'forward';
  /** `host:port` for CONNECT; the absolute URL for a forwarded request. */
  readonly target: string;
  readonly proxyAuthorization: string | undefined;
}

export interface TestProxy {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly seen: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A tiny HTTP proxy on 127.0.0.1, port 0: CONNECT tunnels and absolute-form forwarding. Every host name is
 * reached at 127.0.0.1 (the proxy is the resolver), so a target like `gw.test` is reachable only through
 * it. With `requireAuthorization`, anything without that exact `Proxy-Authorization` gets a 407.
 */
export async function startTestProxy(options: { requireAuthorization?: string } = {}): Promise<TestProxy> {
  const seen: ProxiedRequest[] = [];
  const sockets = new Set<Socket | Duplex>();
  const authorized = (req: IncomingMessage): boolean =>
    options.requireAuthorization === undefined || req.headers['proxy-authorization'] === options.requireAuthorization;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? '';
    seen.push({ kind: 'forward', target, proxyAuthorization: req.headers['proxy-authorization'] });
    if (!authorized(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', 'content-type': 'text/plain' }).end('proxy authentication required');
      return;
    }
    const url = new URL(target);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: '127.0.0.1', port: Number(url.port || 80), method: req.method, path: url.pathname + url.search, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.on('error', () => undefined);
    const target = req.url ?? '';
    seen.push({ kind: 'connect', target, proxyAuthorization: req.headers['proxy-authorization'] });
    if (!authorized(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const port = Number(target.slice(target.lastIndexOf(':') + 1));
    const upstream = netConnect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
  });
  server.on('connection', (socket: Socket) => sockets.add(socket));

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
