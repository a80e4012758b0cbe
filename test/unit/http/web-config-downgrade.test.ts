import { describe, expect, it } from 'vitest';
import { parseWebConfigText } from '../../../src/http/web-config.js';
import { securityDowngrades } from '../../../src/http/web-config-downgrade.js';
import type { WebSettings } from '../../../src/http/web-settings.js';

const hash = '$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG';
const users = (...names: string[]): WebSettings => parseWebConfigText(`basic_auth_users:\n${names.map((n) => `  ${n}: ${hash}\n`).join('')}`, '/x/web.yml').settings;
/** Settings with a TLS section; the PEM paths are never read by securityDowngrades. */
const tls = (auth: string, sans?: string): WebSettings => ({
  ...users(),
  tls: {
    cert: { kind: 'file', path: '/x/c' }, key: { kind: 'file', path: '/x/k' }, clientCa: undefined, clientAuthType: auth as never,
    clientAllowedSans: sans === undefined ? undefined : [sans], minVersion: 'TLS12', maxVersion: 'TLS13', curves: undefined, preferServerCipherSuites: true,
  },
});

describe('securityDowngrades', () => {
  it('names what a change would switch off', () => {
    expect(securityDowngrades(users('a'), users())).toEqual(['basic authentication (no basic_auth_users left)']);
    expect(securityDowngrades(tls('NoClientCert'), users())).toEqual(['TLS (tls_server_config removed)']);
    expect(securityDowngrades(tls('RequireAndVerifyClientCert'), tls('VerifyClientCertIfGiven'))).toEqual([
      'the client certificate requirement (client_auth_type RequireAndVerifyClientCert → VerifyClientCertIfGiven)',
    ]);
    expect(securityDowngrades(tls('RequireAndVerifyClientCert'), tls('RequireAnyClientCert'))).toEqual([
      'client certificate verification (client_auth_type RequireAndVerifyClientCert → RequireAnyClientCert)',
    ]);
    expect(securityDowngrades(tls('RequireAnyClientCert', 'p.example'), tls('RequireAnyClientCert'))).toEqual(['the client_allowed_sans restriction']);
  });

  it('lets changes of users, SANs and stricter settings through', () => {
    expect(securityDowngrades(users('a'), users('b'))).toEqual([]);
    expect(securityDowngrades(users(), users('a'))).toEqual([]);
    expect(securityDowngrades(tls('RequireAnyClientCert', 'a.example'), tls('RequireAndVerifyClientCert', 'b.example'))).toEqual([]);
    expect(securityDowngrades(tls('NoClientCert'), tls('RequireAndVerifyClientCert'))).toEqual([]);
  });
});
