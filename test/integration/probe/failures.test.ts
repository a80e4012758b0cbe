/**
 * Each setup mistake `probe` is meant to explain, made for real (sockets, TLS, DNS, a proxy): the exact
 * error, the hint naming the key to change, exit code 1, and no secret in the output.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticModel, startSimulator } from '../../../src/simulator/index.js';
import { startFakeServer, unusedPort } from '../../support/fake-http.js';
import { completedProcess } from '../../support/harness.js';
import { startRawServer } from '../../support/raw-server.js';
import { makePki, opensslMissing } from '../http/pki.js';
import { probe, secrets, simulatorAuth, writeConfig } from './support.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(contextRoot = ''): Promise<Awaited<ReturnType<typeof startSimulator>>> {
  const sim = await startSimulator({ contextRoot, model: createStaticModel([completedProcess('ActivityEsc')]), auth: simulatorAuth });
  cleanups.push(() => sim.close());
  return sim;
}

/** A one-target configuration; `extra` is indented under the target. */
const target = (baseUrl: string, extra = ''): string => `targets:
  - name: gw
    base_url: ${baseUrl}
    request_timeout: 3s
${extra.replace(/^/gm, '    ')}
`;
const basicAuth = (password: string): string => `basic_auth: {username: su, password: ${password}}`;

interface Case {
  readonly name: string;
  /** Sets the mistake up; returns the configuration file's text. */
  setup(): Promise<string>;
  readonly problem: string | RegExp;
  /** Texts the exact error line must contain. */
  readonly error?: readonly string[];
  /** Texts the hint must contain: the keys to change. */
  readonly hint: readonly string[];
  readonly skip?: string | undefined;
}

const cases: Case[] = [
  {
    name: 'a wrong password (401): basic_auth, and what Guidewire Cloud wants instead',
    setup: async () => target((await simulator()).baseUrl, basicAuth(secrets.wrongPassword)),
    problem: 'credentials refused (HTTP 401)',
    error: ['GET /rest/systemtools/v1/batch-processes answered 401: Authentication failed'],
    hint: ['basic_auth.username and password / password_file', 'oauth2'],
  },
  {
    name: 'a wrong OAuth2 client secret: client_secret and token_url',
    async setup() {
      const sim = await simulator();
      return target(sim.baseUrl, `oauth2: {token_url: "${sim.tokenUrl}", client_id: probe-client, client_secret: ${secrets.wrongPassword}}`);
    },
    problem: /^token request refused \(HTTP (400|401) invalid_client\)$/,
    hint: ['client_secret / client_secret_file', 'token_url'],
  },
  {
    name: 'a user without the System Tools permission (403)',
    async setup() {
      const sim = await simulator();
      sim.setFault({ path: '/rest/systemtools/v1/batch-processes', status: 403 });
      return target(sim.baseUrl, basicAuth(secrets.password));
    },
    problem: 'permission denied (HTTP 403)',
    hint: ['System Tools permission'],
  },
  {
    name: 'a missing context root (404)',
    setup: async () => target((await simulator('/pc')).baseUrl.replace('/pc/rest', '/rest'), basicAuth(secrets.password)),
    problem: 'no System Tools API at this URL (HTTP 404)',
    error: ['GET /rest/systemtools/v1/batch-processes answered 404'],
    hint: ['context root', '/pc/rest'],
  },
  {
    name: 'a type code in the wrong case (404 of a configured type)',
    setup: async () => target((await simulator()).baseUrl, `${basicAuth(secrets.password)}\nbatch_processes: {include: [activityesc]}`),
    problem: 'batch process type "activityesc" not found (HTTP 404)',
    hint: ['case-sensitive'],
  },
  {
    name: 'a certificate from an unknown CA: tls_config.ca_file',
    setup: async () => target(`${(await tlsServer()).origin}/rest`),
    problem: 'TLS: certificate not trusted (self-signed or unknown CA)',
    hint: ['tls_config.ca_file'],
    skip: opensslMissing,
  },
  {
    name: 'a certificate for another host name: tls_config.server_name',
    async setup() {
      const server = await tlsServer();
      return target(`${server.origin}/rest`, `tls_config: {ca_file: ${server.caFile}, server_name: gw.example.com}`);
    },
    problem: 'TLS: certificate is for another host name',
    hint: ['tls_config.server_name'],
    skip: opensslMissing,
  },
  {
    name: 'a host that does not resolve (DNS)',
    setup: async () => target('https://guidewire.invalid/rest'),
    problem: 'host not found (DNS)',
    error: ['guidewire.invalid'],
    hint: ['The host name of base_url (guidewire.invalid)'],
  },
  {
    name: 'a port nothing listens on (connection refused)',
    setup: async () => target(`http://127.0.0.1:${await unusedPort()}/rest`),
    problem: 'connection refused',
    error: ['ECONNREFUSED'],
    hint: ['check the port of base_url'],
  },
  {
    name: 'an HTML page where the API should be (a login page or a portal)',
    async setup() {
      const raw = await startRawServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Sign in</body></html>'));
      cleanups.push(() => raw.close());
      return target(`${raw.url}/rest`);
    },
    problem: 'not a JSON API (HTTP 200 with a body that is not JSON)',
    hint: ['login or SSO page', 'base_url'],
  },
  {
    name: 'a proxy that cannot be reached, without showing its password',
    setup: async () => target('https://gw.example.com/rest', `proxy_url: http://svc:${secrets.proxyPassword}@127.0.0.1:${await unusedPort()}`),
    problem: 'proxy unreachable',
    error: ['(via proxy 127.0.0.1:'],
    hint: ['no_proxy'],
  },
];

/** An HTTPS server whose certificate is signed by a test CA this machine does not trust. */
async function tlsServer(): Promise<{ origin: string; caFile: string }> {
  const pki = await makePki();
  const server = await startFakeServer({ tls: { cert: pki.serverA.cert, key: pki.serverA.key } });
  cleanups.push(() => server.close());
  return { origin: server.origin, caFile: pki.caFile };
}

describe('probe explains', () => {
  it.for(cases)('$name', async (c, ctx) => {
    if (c.skip !== undefined) ctx.skip(c.skip);
    // The probe helper also fails the test should any secret show in the output.
    const result = await probe(await writeConfig(await c.setup()));
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^gw .* DOWN /m);
    const field = (name: string): string => new RegExp(`^ {2}${name}: +(.*)$`, 'm').exec(result.stdout)?.[1] ?? '';
    if (typeof c.problem === 'string') expect(field('problem')).toBe(c.problem);
    else expect(field('problem')).toMatch(c.problem);
    for (const text of c.error ?? []) expect(field('error')).toContain(text);
    for (const text of c.hint) expect(field('hint')).toContain(text);
  });
});
