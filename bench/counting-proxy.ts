/**
 * A loopback TCP proxy that counts the connections made through it: the simulator does not expose its
 * server, and counting at the TCP level is what "connections kept alive and reused" is about anyway.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  readonly port: number;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Stops listening and destroys every open socket. */
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1:0 forwarding every connection to 127.0.0.1:`upstreamPort`. */
export async function startCountingProxy(upstreamPort: number): Promise<CountingProxy> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    connections++;
    const upstream = connect(upstreamPort, '127.0.0.1');
    track(client);
    track(upstream);
    // Either side failing or closing ends both, as a direct connection would.
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.once('error', end).once('close', end);
    upstream.once('error', end).once('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
