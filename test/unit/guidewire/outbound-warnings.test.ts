import { expect, test } from 'vitest';
import type { AuthConfig } from '../../../src/config/types.js';
import { outboundWarnings } from '../../../src/guidewire/outbound-warnings.js';
import { targetConfig } from '../../support/harness.js';

const basic: AuthConfig = { kind: 'basic', username: 'svc', password: { kind: 'inline', value: 'pw-value' } };
const oauth2 = (tokenUrl: string): AuthConfig => ({
  kind: 'oauth2',
  tokenUrl,
  clientId: 'id',
  clientSecret: { kind: 'inline', value: 'secret-value' },
  scopes: [],
  endpointParams: {},
});

test('nothing to say about https with verification on', () => {
  expect(outboundWarnings(targetConfig({ name: 'pc', baseUrl: 'https://pc.example.com/rest', auth: basic }))).toEqual([]);
});

test('insecure_skip_verify', () => {
  const target = targetConfig({ name: 'pc', baseUrl: 'https://pc.example.com/rest', tls: { insecureSkipVerify: true } });
  expect(outboundWarnings(target)).toEqual(["target pc: insecure_skip_verify is on: the Guidewire server's certificate is not verified"]);
});

test('credentials over plain http to another host', () => {
  expect(outboundWarnings(targetConfig({ name: 'cc', baseUrl: 'http://cc.example.com/cc/rest', auth: basic }))).toEqual([
    'target cc: base_url uses plain http: credentials travel unencrypted',
  ]);
  expect(outboundWarnings(targetConfig({ name: 'pc', baseUrl: 'http://pc.example.com/rest', auth: oauth2('http://hub.example.com/token') }))).toEqual([
    'target pc: base_url uses plain http: credentials travel unencrypted',
    'target pc: oauth2.token_url uses plain http: the client secret travels unencrypted',
  ]);
});

test('plain http without credentials, or to the local machine, is fine', () => {
  expect(outboundWarnings(targetConfig({ name: 'a', baseUrl: 'http://pc.example.com/rest' }))).toEqual([]);
  for (const baseUrl of ['http://localhost:8180/pc/rest', 'http://127.0.0.1:8180/pc/rest', 'http://[::1]:8180/pc/rest']) {
    expect(outboundWarnings(targetConfig({ name: 'dev', baseUrl, auth: oauth2('http://localhost:9000/token') }))).toEqual([]);
  }
});

test('never contains a secret', () => {
  const target = targetConfig({ name: 'pc', baseUrl: 'http://pc.example.com/rest', auth: oauth2('http://hub.example.com/token'), tls: { insecureSkipVerify: true } });
  expect(outboundWarnings(target).join('\n')).not.toMatch(/secret-value|pw-value/);
});
