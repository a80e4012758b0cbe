/**
 * The upstream fault matrix (docs/reliability.md): for each fault, the target's `guidewire_up` and
 * `guidewire_poll_errors_total{reason}` say what happened, the log says it once (not once per poll),
 * and the next good poll recovers fully. Every fault is real: sockets refused, names that do not
 * resolve, TLS spoken to a plain-HTTP port, servers that stall, trickle or send garbage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TargetConfig } from '../../../src/config/types.js';
import type { PollErrorReason } from '../../../src/errors.js';
import { createStaticModel, startSimulator, TOKEN_PATH, type RunningSimulator } from '../../../src/simulator/index.js';
import { freePort } from '../../e2e/binaries.js';
import { completedProcess, pollerHarness, shiftableClock, targetConfig } from '../../support/harness.js';
import { startRawServer } from '../../support/raw-server.js';
import { seriesOf, valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const list = '/rest/systemtools/v1/batch-processes';
const oauth = { oauth2: { clientId: 'exporter', clientSecret: 'matrix-secret-value', tokenTtlSeconds: 3600 } };

async function simulator(withOAuth = false, port = 0): Promise<RunningSimulator> {
  const sim = await startSimulator({ port, model: createStaticModel([completedProcess('ActivityEsc'), completedProcess('Workflow')]), ...(withOAuth ? { auth: oauth } : {}) });
  cleanups.push(() => sim.close());
  return sim;
}
const oauthTarget = (tokenUrl: string): Partial<TargetConfig> => ({
  auth: { kind: 'oauth2', tokenUrl, clientId: 'exporter', clientSecret: { kind: 'inline', value: 'matrix-secret-value' }, scopes: [], endpointParams: {} },
});

interface Row {
  readonly fault: string;
  readonly reason: PollErrorReason;
  /** Sets the fault up; returns the target settings and how to lift the fault (absent: no recovery to show). */
  setup(): Promise<{ target: Partial<TargetConfig> & Pick<TargetConfig, 'baseUrl'>; recover?: () => Promise<void> | void }>;
}

const rows: Row[] = [
  {
    fault: 'connection refused',
    reason: 'network',
    async setup() {
      const port = await freePort();
      return { target: { baseUrl: `http://127.0.0.1:${port}/rest` }, recover: async () => void (await simulator(false, port)) };
    },
  },
  { fault: 'DNS failure', reason: 'network', setup: async () => ({ target: { baseUrl: 'http://guidewire.invalid/rest' } }) },
  {
    fault: 'TLS handshake failure (TLS spoken to a plain-HTTP port)',
    reason: 'network',
    setup: async () => ({ target: { baseUrl: (await simulator()).baseUrl.replace('http:', 'https:') } }),
  },
  {
    fault: 'a server that accepts and never answers',
    reason: 'timeout',
    async setup() {
      const sim = await simulator();
      sim.setFault({ path: list, delayMs: 60_000 });
      return { target: { baseUrl: sim.baseUrl }, recover: () => sim.clearFaults() };
    },
  },
  {
    fault: 'headers arrive, then the body stops',
    reason: 'timeout',
    async setup() {
      const raw = await startRawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data": [');
      });
      cleanups.push(() => raw.close());
      return { target: { baseUrl: `${raw.url}/rest` } };
    },
  },
  {
    fault: '503 from Guidewire',
    reason: 'server_error',
    async setup() {
      const sim = await simulator();
      sim.setFault({ path: list, status: 503 });
      return { target: { baseUrl: sim.baseUrl }, recover: () => sim.clearFaults() };
    },
  },
  {
    fault: '403 (API role without GET /systemtools/v1/**)',
    reason: 'auth',
    async setup() {
      const sim = await simulator();
      sim.setFault({ path: list, status: 403 });
      return { target: { baseUrl: sim.baseUrl }, recover: () => sim.clearFaults() };
    },
  },
  {
    fault: 'invalid JSON',
    reason: 'invalid_response',
    async setup() {
      const sim = await simulator();
      sim.setFault({ path: list, status: 200, body: 'this is not json' });
      return { target: { baseUrl: sim.baseUrl }, recover: () => sim.clearFaults() };
    },
  },
  {
    fault: 'truncated JSON',
    reason: 'invalid_response',
    async setup() {
      const sim = await simulator();
      sim.setFault({ path: list, status: 200, body: '{"count": 2, "data": [{"attributes": {"type": {"code": "Act' });
      return { target: { baseUrl: sim.baseUrl }, recover: () => sim.clearFaults() };
    },
  },
  {
    fault: 'wrong content type (an HTML login page from a proxy)',
    reason: 'invalid_response',
    async setup() {
      const sim = await simulator();
      sim.setFault({ path: list, status: 200, body: '<html><body>Please log in</body></html>', headers: { 'content-type': 'text/html' } });
      return { target: { baseUrl: sim.baseUrl }, recover: () => sim.clearFaults() };
    },
  },
  {
    fault: 'an oversized body (capped at 32 MiB)',
    reason: 'invalid_response',
    async setup() {
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const raw = await startRawServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        let sent = 0;
        const more = (): void => {
          while (sent < 40 && res.write(chunk)) sent++;
          if (sent < 40) res.once('drain', () => (sent++, more()));
          else res.end();
        };
        res.on('error', () => undefined);
        more();
      });
      cleanups.push(() => raw.close());
      return { target: { baseUrl: `${raw.url}/rest` } };
    },
  },
  {
    fault: 'OAuth2 token endpoint down',
    reason: 'auth',
    async setup() {
      const sim = await simulator(true);
      return { target: { baseUrl: sim.baseUrl, ...oauthTarget(`http://127.0.0.1:${await freePort()}/token`) } };
    },
  },
  {
    fault: 'OAuth2 token endpoint answers garbage',
    reason: 'auth',
    async setup() {
      const sim = await simulator(true);
      sim.setFault({ path: TOKEN_PATH, status: 200, body: '<html>maintenance</html>' });
      return { target: { baseUrl: sim.baseUrl, ...oauthTarget(sim.tokenUrl) }, recover: () => sim.clearFaults() };
    },
  },
];

describe('upstream fault matrix', () => {
  it.each(rows)('$fault → reason $reason, logged once, recovers', async (row) => {
    const { target, recover } = await row.setup();
    const clock = shiftableClock();
    const h = await pollerHarness(targetConfig({ requestTimeoutMs: 400, ...target }), clock);
    cleanups.push(() => h.close());
    for (let i = 0; i < 3; i++) {
      clock.shift(2 * 3_600_000); // past any Retry-After and token lifetime
      await h.poll();
    }
    let scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_up')).toBe(0);
    expect(valueOf(scrape, 'guidewire_poll_errors_total', { reason: row.reason })).toBeGreaterThanOrEqual(3);
    const warnings = h.log.lines.filter((line) => line['level'] === 40 && line['reason'] === row.reason);
    expect(warnings, JSON.stringify(h.log.lines.map((l) => l['msg']))).toHaveLength(1);
    expect(h.log.text()).not.toContain('matrix-secret-value');
    if (recover === undefined) return;
    await recover();
    clock.shift(2 * 3_600_000);
    await h.poll();
    scrape = await h.scrape();
    expect(valueOf(scrape, 'guidewire_up')).toBe(1);
    expect(seriesOf(scrape, 'guidewire_batch_process_info')).toHaveLength(2);
  });
});
