import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PathProxy {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A minimal reverse proxy on loopback: forwards each request to `upstream` with its path rewritten by
 * `rewrite` (404 when it returns undefined), and passes the answer back untouched, `Location` included,
 * as a proxy without redirect rewriting does.
 */
export async function startPathProxy(upstream: string, rewrite: (path: string) => string | undefined): Promise<PathProxy> {
  const server = createServer((req, res) => {
    const path = rewrite(req.url ?? '/');
    if (path === undefined) return void res.writeHead(404).end('proxy: no route\n');
    const forward = request(new URL(path, upstream), { method: req.method, headers: { ...req.headers, host: new URL(upstream).host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
