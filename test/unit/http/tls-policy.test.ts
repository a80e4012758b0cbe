import { describe, expect, it } from 'vitest';
import { clientCertPolicy, ClientAuthTypes, handshakeFailure, peerRejection, sanAllowed, subjectAltNames } from '../../../src/http/tls-policy.js';

const none = { presented: false, authorized: false, subjectAltName: undefined };
const trusted = { presented: true, authorized: true, subjectAltName: 'DNS:prometheus.example' };
const untrusted = { presented: true, authorized: false, subjectAltName: 'DNS:prometheus.example' };

describe('client_auth_type', () => {
  it.each([
    // type, requestCert, rejectUnauthorized, no cert, untrusted cert, trusted cert
    ['NoClientCert', false, false, 'ok', 'ok', 'ok'],
    ['RequestClientCert', true, false, 'ok', 'ok', 'ok'],
    ['RequireAnyClientCert', true, false, 'refused', 'ok', 'ok'],
    ['VerifyClientCertIfGiven', true, false, 'ok', 'refused', 'ok'],
    ['RequireAndVerifyClientCert', true, true, 'refused', 'refused', 'ok'],
  ] as const)('%s', (type, request, reject, noCert, badCert, goodCert) => {
    const policy = clientCertPolicy(type);
    expect({ request: policy.request, reject: policy.rejectInHandshake }).toEqual({ request, reject });
    const outcome = (peer: typeof none | typeof trusted) => (peerRejection(policy, undefined, peer) === undefined ? 'ok' : 'refused');
    expect([outcome(none), outcome(untrusted), outcome(trusted)]).toEqual([noCert, badCert, goodCert]);
  });

  it('covers every type', () => {
    expect(ClientAuthTypes.map((t) => clientCertPolicy(t).request)).toEqual([false, true, true, true, true]);
  });

  it('refuses a certificate without an allowed SAN', () => {
    const policy = clientCertPolicy('RequireAndVerifyClientCert');
    expect(peerRejection(policy, ['grafana.example'], trusted)).toBe('client certificate has none of client_allowed_sans');
    expect(peerRejection(policy, ['grafana.example', 'prometheus.example'], trusted)).toBeUndefined();
  });
});

describe('subject alternative names', () => {
  it("splits Node's subjectaltname, unquoting and normalising IPv6", () => {
    expect(subjectAltNames('DNS:a.example, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1, email:x@example.com, URI:"spiffe://a/b,c"')).toEqual([
      'a.example',
      '10.0.0.1',
      '::1',
      'x@example.com',
      'spiffe://a/b,c',
    ]);
    expect(subjectAltNames(undefined)).toEqual([]);
  });

  it('matches exactly, not by suffix or case', () => {
    expect(sanAllowed('DNS:prometheus.example', ['prometheus.example'])).toBe(true);
    expect(sanAllowed('DNS:evil-prometheus.example', ['prometheus.example'])).toBe(false);
    expect(sanAllowed('IP Address:0:0:0:0:0:0:0:1', ['::1'])).toBe(true);
    expect(sanAllowed(undefined, ['prometheus.example'])).toBe(false);
  });
});

describe('handshakeFailure', () => {
  it("prefers OpenSSL's verification code to the closed-socket error node:tls reports", () => {
    const hangUp = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(handshakeFailure(hangUp, 'CERT_HAS_EXPIRED')).toEqual({ reason: 'client certificate has expired', code: 'CERT_HAS_EXPIRED' });
    expect(handshakeFailure(hangUp, 'CERT_UNTRUSTED')).toEqual({ reason: 'client certificate refused (CERT_UNTRUSTED)', code: 'CERT_UNTRUSTED' });
    const none = Object.assign(new Error('...'), { code: 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE', reason: 'peer did not return a certificate' });
    expect(handshakeFailure(none, null)).toEqual({ reason: 'no client certificate', code: 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE' });
    const version = Object.assign(new Error('...'), { code: 'ERR_SSL_UNSUPPORTED_PROTOCOL', reason: 'unsupported protocol' });
    expect(handshakeFailure(version, null)).toEqual({ reason: 'unsupported protocol', code: 'ERR_SSL_UNSUPPORTED_PROTOCOL' });
  });
});
