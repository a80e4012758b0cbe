import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Whether `openssl` is on PATH to make self-signed certificates. */
export const opensslAvailable = spawnSync('openssl', ['version']).status === 0;

/** Writes a self-signed certificate for 127.0.0.1 and `gw.test` into `dir`. */
export function selfSigned(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:gw.test',
    '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { cert, key };
}
