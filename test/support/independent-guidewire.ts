/**
 * An independent implementation of the documented System Tools API (../shared/guidewire-api.md), written
 * for tests only and sharing no code with src/simulator or src/guidewire: if both the simulator and the
 * exporter misread the docs the same way, comparisons against this one still catch it.
 *
 * Deliberate differences from the simulator: a different page size, hrefs carrying the query in a different
 * parameter order, an arbitrary context root, and Bearer-token auth.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IndependentProcess {
  code: string;
  name: string;
  distributed: boolean;
  status: Record<string, unknown>;
  workQueueStatus?: Record<string, unknown>;
  /** ProcessHistory rows, oldest first. */
  histories?: Record<string, unknown>[];
}

export interface IndependentApi {
  readonly baseUrl: string;
  readonly token: string;
  processes: IndependentProcess[];
  listCarriesStatus: boolean;
  /** How `/histories` is ordered; the docs leave it open. */
  historiesNewestFirst: boolean;
  close(): Promise<void>;
}

function attributes(p: IndependentProcess, withStatus: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { type: { code: p.code, name: p.name }, distributed: p.distributed };
  if (withStatus) out['status'] = p.status;
  if (withStatus && p.workQueueStatus !== undefined) out['workQueueStatus'] = p.workQueueStatus;
  return out;
}

/** Starts the independent API under `/gwapp/rest` with a fixed bearer token and page size 7. */
export async function startIndependentApi(processes: IndependentProcess[], listCarriesStatus: boolean): Promise<IndependentApi> {
  const token = 'independent-token-0123456789';
  const api = { processes, listCarriesStatus, historiesNewestFirst: true };
  const root = '/gwapp/rest';
  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { status: 401, errorCode: 'gw.api.rest.exceptions.AuthenticationException', userMessage: 'no' });
    const url = new URL(req.url ?? '/', 'http://x');
    const prefix = `${root}/systemtools/v1/batch-processes`;
    if (url.pathname === prefix) {
      const size = Number(url.searchParams.get('pageSize') ?? '7');
      const offset = Number(url.searchParams.get('pageOffset') ?? '0');
      const page = api.processes.slice(offset, offset + size);
      const links: Record<string, unknown> = { self: { href: `/systemtools/v1/batch-processes?pageOffset=${offset}` } };
      if (offset + size < api.processes.length) {
        links['next'] = { href: `/systemtools/v1/batch-processes?pageSize=${size}&pageOffset=${offset + size}` };
      }
      return reply(200, {
        count: page.length,
        data: page.map((p) => ({ attributes: attributes(p, api.listCarriesStatus), checksum: 'x', links: { self: { href: `/systemtools/v1/batch-processes/${p.code}` } } })),
        links,
      });
    }
    const [rawCode = '', sub] = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length + 1).split('/') : [];
    const code = decodeURIComponent(rawCode);
    const found = api.processes.find((p) => p.code === code);
    if (found !== undefined && sub === 'histories') {
      const rows = api.historiesNewestFirst ? [...(found.histories ?? [])].reverse() : (found.histories ?? []);
      const offset = Number(url.searchParams.get('pageOffset') ?? '0');
      const page = rows.slice(offset, offset + 7);
      const links: Record<string, unknown> = {};
      if (offset + 7 < rows.length) links['next'] = { href: `/systemtools/v1/batch-processes/${code}/histories?pageOffset=${offset + 7}` };
      const body: Record<string, unknown> = { count: page.length, data: page.map((attributes) => ({ attributes, links: {} })), links };
      if (url.searchParams.get('includeTotal') === 'true') body['total'] = rows.length;
      return reply(200, body);
    }
    if (sub !== undefined) return reply(404, { status: 404, errorCode: 'gw.api.rest.exceptions.NotFoundException', userMessage: 'not found' });
    if (found === undefined) return reply(404, { status: 404, errorCode: 'gw.api.rest.exceptions.NotFoundException', userMessage: 'not found' });
    reply(200, { data: { attributes: attributes(found, true), checksum: 'y', links: {} } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(api, {
    baseUrl: `http://127.0.0.1:${port}${root}`,
    token,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  });
}

/** A small seeded generator for the tests' random data, independent of the simulator's. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
