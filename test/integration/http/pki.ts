/**
 * Test PKI made with the `openssl` command: a CA, two server certificates (for rotation), a client
 * certificate signed by the CA, one signed by a stranger CA and an expired one signed by the CA. Plus an HTTPS GET that reports the
 * server certificate and protocol of its (always new) connection.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Why the TLS tests are skipped, or `undefined` when `openssl` is there. */
export const opensslMissing: string | undefined = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'the openssl command is not installed; it generates the test certificates';
  }
})();

export interface KeyPair {
  readonly cert: string;
  readonly key: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export interface Pki {
  readonly dir: string;
  readonly caFile: string;
  readonly ca: string;
  readonly serverA: KeyPair;
  readonly serverB: KeyPair;
  readonly client: KeyPair;
  /** Signed by another CA: must not pass verification. */
  readonly strangerClient: KeyPair;
  /** Signed by the CA, expired (valid until a second before it was made). */
  readonly expiredClient: KeyPair;
}

const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

async function selfSignedCa(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  await run('openssl', ['req', '-x509', ...ec, '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return { cert, key };
}

async function issue(dir: string, ca: { cert: string; key: string }, name: string, extensions: string, days = 2): Promise<KeyPair> {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, extensions);
  await run('openssl', ['req', ...ec, '-keyout', keyFile, '-out', csr, '-subj', `/CN=${name}`]);
  await run('openssl', ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-set_serial', String(Date.now() + Math.floor(Math.random() * 1e6)),
    '-out', certFile, '-days', String(days), '-extfile', ext]);
  return { cert: await readFile(certFile, 'utf8'), key: await readFile(keyFile, 'utf8'), certFile, keyFile };
}

/** Generates the whole PKI in a fresh temporary directory. */
export async function makePki(): Promise<Pki> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-pki-'));
  const ca = await selfSignedCa(dir, 'test-ca');
  const stranger = await selfSignedCa(dir, 'stranger-ca');
  const server = 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n';
  const client = 'subjectAltName=DNS:prometheus.example\nextendedKeyUsage=clientAuth\n';
  const [serverA, serverB, clientPair, strangerClient, expiredClient] = await Promise.all([
    issue(dir, ca, 'server-a', server),
    issue(dir, ca, 'server-b', server),
    issue(dir, ca, 'client', client),
    issue(dir, stranger, 'stranger-client', client),
    // -days -1: notAfter a day before notBefore (now), so the certificate has expired.
    issue(dir, ca, 'expired-client', client, -1),
  ]);
  return { dir, caFile: ca.cert, ca: await readFile(ca.cert, 'utf8'), serverA, serverB, client: clientPair, strangerClient, expiredClient };
}

export interface TlsResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** Common name of the server certificate of this connection. */
  readonly serverName: string | undefined;
  readonly protocol: string | null;
}

/** One HTTPS request on a new connection. */
export function tlsRequest(url: string, options: RequestOptions & { body?: string } = {}): Promise<TlsResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, ...options }, (res) => {
      const socket = res.socket as TLSSocket;
      const serverName = socket.getPeerCertificate().subject?.CN;
      const protocol = socket.getProtocol();
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, serverName: typeof serverName === 'string' ? serverName : undefined, protocol }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** `Authorization` header value for basic authentication. */
export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
