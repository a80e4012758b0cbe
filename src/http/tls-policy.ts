/**
 * The TLS vocabulary of the exporter-toolkit web configuration (Go's crypto/tls names) mapped onto
 * node:tls, and the client-certificate policy each `client_auth_type` stands for. Pure.
 * https://pkg.go.dev/crypto/tls#ClientAuthType
 */
import { isIP } from 'node:net';
import type { SecureVersion } from 'node:tls';

export const ClientAuthTypes = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
] as const;
export type ClientAuthType = (typeof ClientAuthTypes)[number];

/** exporter-toolkit still accepts this old spelling of `RequireAnyClientCert`. */
export const clientAuthAliases: Readonly<Record<string, ClientAuthType>> = { RequireClientCert: 'RequireAnyClientCert' };

export const TlsVersions = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' } as const satisfies Record<string, SecureVersion>;
export type TlsVersionName = keyof typeof TlsVersions;

/** Go's curve names → OpenSSL's, for `ecdhCurve`. */
export const Curves = { CurveP256: 'P-256', CurveP384: 'P-384', CurveP521: 'P-521', X25519: 'X25519' } as const;
export type CurveName = keyof typeof Curves;

/** What a `client_auth_type` asks of the TLS layer and what is checked once the handshake is done. */
export interface ClientCertPolicy {
  /** Ask the client for a certificate (`requestCert`). */
  readonly request: boolean;
  /** Let OpenSSL fail the handshake for a missing or unverifiable certificate (`rejectUnauthorized`). */
  readonly rejectInHandshake: boolean;
  /** A connection without a certificate is closed. */
  readonly requireCert: boolean;
  /** A certificate that was given must chain to the client CA. */
  readonly verifyGiven: boolean;
}

/** The policy of each `client_auth_type`, following Go's semantics. */
export function clientCertPolicy(type: ClientAuthType): ClientCertPolicy {
  switch (type) {
    case 'NoClientCert':
      return { request: false, rejectInHandshake: false, requireCert: false, verifyGiven: false };
    case 'RequestClientCert':
      return { request: true, rejectInHandshake: false, requireCert: false, verifyGiven: false };
    case 'RequireAnyClientCert':
      return { request: true, rejectInHandshake: false, requireCert: true, verifyGiven: false };
    case 'VerifyClientCertIfGiven':
      return { request: true, rejectInHandshake: false, requireCert: false, verifyGiven: true };
    case 'RequireAndVerifyClientCert':
      return { request: true, rejectInHandshake: true, requireCert: true, verifyGiven: true };
  }
}

/** What the TLS layer reports about a connection's client certificate. */
export interface PeerFacts {
  readonly presented: boolean;
  /** True when the certificate chains to the configured CA. */
  readonly authorized: boolean;
  /** Node's `subjectaltname` string, e.g. `DNS:a.example, IP Address:10.0.0.1`. */
  readonly subjectAltName: string | undefined;
  /** OpenSSL's verification code when the certificate did not verify (`CERT_HAS_EXPIRED`, ...). */
  readonly authorizationError?: string | undefined;
}

// OpenSSL's verification codes (https://docs.openssl.org/3.0/man1/openssl-verify/#diagnostics) that a
// rejected client certificate most often gets, in words.
const verifyReasons: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'client certificate has expired',
  CERT_NOT_YET_VALID: 'client certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'client certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'client certificate chains to a self-signed certificate that is not the client CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'client certificate is not signed by the client CA (unknown issuer)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'client certificate is not signed by the client CA (unknown issuer)',
  CERT_SIGNATURE_FAILURE: 'client certificate signature is invalid',
  CERT_REVOKED: 'client certificate is revoked',
  INVALID_PURPOSE: 'client certificate is not for client authentication',
};

/** Why a finished handshake must be refused, or `undefined` when the client may proceed. */
export function peerRejection(policy: ClientCertPolicy, allowedSans: readonly string[] | undefined, peer: PeerFacts): string | undefined {
  if (!peer.presented) return policy.requireCert ? 'no client certificate' : undefined;
  if (policy.verifyGiven && !peer.authorized) {
    const code = peer.authorizationError;
    return code === undefined ? 'client certificate not signed by the client CA' : (verifyReasons[code] ?? `client certificate refused (${code})`);
  }
  if (allowedSans !== undefined && !sanAllowed(peer.subjectAltName, allowedSans)) return 'client certificate has none of client_allowed_sans';
  return undefined;
}

/** Canonical text of an IP address (so `::1` matches `0:0:0:0:0:0:0:1`); other values unchanged. */
function canonical(value: string): string {
  if (isIP(value) !== 6) return value;
  return new URL(`http://[${value}]/`).hostname.slice(1, -1);
}

/**
 * Splits Node's `subjectaltname` into values. Node quotes values that contain separators as JSON
 * strings (https://nodejs.org/api/tls.html#certificate-object).
 */
export function subjectAltNames(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  const entries = text.match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
  return entries.flatMap((entry) => {
    const match = /^\s*(DNS|IP Address|email|URI):(.*)$/.exec(entry);
    if (match === null) return [];
    const raw = (match[2] ?? '').trim();
    return [canonical(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw)];
  });
}

/** True when one of the certificate's DNS, IP, e-mail or URI SANs is exactly one of `allowed`. */
export function sanAllowed(subjectAltName: string | undefined, allowed: readonly string[]): boolean {
  const wanted = new Set(allowed.map(canonical));
  return subjectAltNames(subjectAltName).some((value) => wanted.has(value));
}

/**
 * Why a TLS handshake failed, for the debug log: OpenSSL's verification code when the client certificate
 * was refused (node:tls keeps it in `authorizationError`; the error itself then only says the socket
 * closed), otherwise OpenSSL's reason for the failure.
 */
export function handshakeFailure(err: { readonly code?: unknown; readonly reason?: unknown; readonly message: string }, authorizationError: unknown): { reason: string; code: string } {
  if (typeof authorizationError === 'string' && authorizationError !== '') {
    return { reason: verifyReasons[authorizationError] ?? `client certificate refused (${authorizationError})`, code: authorizationError };
  }
  const code = typeof err.code === 'string' ? err.code : 'unknown';
  if (code === 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE') return { reason: 'no client certificate', code };
  return { reason: typeof err.reason === 'string' ? err.reason : err.message, code };
}
