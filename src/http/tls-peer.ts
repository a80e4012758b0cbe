/**
 * The I/O side of client certificates: after each handshake the peer is checked against the running
 * `tls_server_config` (tls-policy.ts decides), and refused clients and failed handshakes are logged at
 * debug level with OpenSSL's real reason (expired, unknown CA, no certificate, ...).
 */
import type { Server as HttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Logger } from '../logger.js';
import { clientCertPolicy, handshakeFailure, peerRejection } from './tls-policy.js';
import type { TlsServerSettings } from './web-settings.js';

/** Hooks the checks into `server`; `settings()` gives the TLS settings in force for each connection. */
export function attachPeerChecks(server: HttpsServer, settings: () => TlsServerSettings | undefined, log: Logger): void {
  server.on('secureConnection', (socket: TLSSocket) => checkPeer(socket, settings(), log));
  server.on('tlsClientError', (err: Error, socket: TLSSocket) => {
    log.debug({ remoteAddress: socket.remoteAddress, ...handshakeFailure(err, socket.authorizationError) }, 'TLS handshake failed');
  });
}

function checkPeer(socket: TLSSocket, tls: TlsServerSettings | undefined, log: Logger): void {
  if (tls === undefined) return;
  const cert = socket.getPeerCertificate();
  const presented = cert !== null && Object.keys(cert).length > 0;
  // A string code at runtime (https://nodejs.org/api/tls.html#tlssocketauthorizationerror), typed as Error.
  const verifyError: unknown = socket.authorizationError;
  const code = !socket.authorized && presented && typeof verifyError === 'string' ? verifyError : undefined;
  const reason = peerRejection(clientCertPolicy(tls.clientAuthType), tls.clientAllowedSans, {
    presented,
    authorized: socket.authorized,
    subjectAltName: presented ? cert.subjectaltname : undefined,
    authorizationError: code,
  });
  if (reason === undefined) return;
  log.debug({ remoteAddress: socket.remoteAddress, reason, ...(code === undefined ? {} : { code }) }, 'TLS client refused');
  socket.destroy();
}
