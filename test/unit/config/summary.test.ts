import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { summarizeConfig } from '../../../src/config/summary.js';
import { yaml } from './helpers.js';

const text = yaml(
  'global: {poll_interval: 90s}',
  'targets:',
  '  - name: pc-prod',
  '    base_url: https://pc-prod.example.com/rest',
  '    oauth2:',
  '      token_url: https://hub.example.com/oauth2/abc/v1/token',
  '      client_id: ${GW_CLIENT_ID}',
  '      client_secret: ${GW_CLIENT_SECRET}',
  '      scopes: [tenant.acme, pc.service]',
  '      endpoint_params: {audience: hidden-audience}',
  '    batch_processes: {exclude: ["Purge*"]}',
  '    overrides: [{match: ActivityEsc, stall_after: 10m}]',
  '  - name: cc-onprem',
  '    base_url: https://claims.example.com/cc/rest',
  '    basic_auth: {username: monitor, password: hunter2-pw}',
  '    stall_after: 1h30m',
  '    tls_config: {insecure_skip_verify: true}',
  '  - name: bc',
  '    base_url: https://bc.example.com/bc/rest',
  '    authorization: {credentials_file: /run/secrets/bc-token}',
);

describe('summarizeConfig', () => {
  test('one block per target, durations formatted, secrets shown only by source', async () => {
    const config = await parseConfigText(text, '/etc/gwe/config.yml', {
      env: { GW_CLIENT_ID: 'client-1', GW_CLIENT_SECRET: 'oauth-s3cr3t' },
      checkReadable: async () => true,
    });
    const summary = summarizeConfig(config);
    expect(summary).toBe(
      [
        'configuration OK: 3 targets',
        '',
        'target pc-prod',
        '  base_url:        https://pc-prod.example.com/rest',
        '  auth:            oauth2 (token_url https://hub.example.com/oauth2/abc/v1/token, client_id client-1, client secret inline, scopes tenant.acme pc.service)',
        '  include:         *',
        '  exclude:         Purge*',
        '  poll_interval:   1m30s',
        '  request_timeout: 10s',
        '  concurrency:     4',
        '  stall_after:     30m',
        '  max_staleness:   5m',
        '  overrides:       1',
        '',
        'target cc-onprem',
        '  base_url:        https://claims.example.com/cc/rest',
        '  auth:            basic (username monitor, password inline)',
        '  tls:             certificate verification DISABLED (insecure_skip_verify)',
        '  include:         *',
        '  exclude:         (none)',
        '  poll_interval:   1m30s',
        '  request_timeout: 10s',
        '  concurrency:     4',
        '  stall_after:     1h30m',
        '  max_staleness:   5m',
        '  overrides:       0',
        '',
        'target bc',
        '  base_url:        https://bc.example.com/bc/rest',
        '  auth:            authorization (type Bearer, credentials from file /run/secrets/bc-token)',
        '  include:         *',
        '  exclude:         (none)',
        '  poll_interval:   1m30s',
        '  request_timeout: 10s',
        '  concurrency:     4',
        '  stall_after:     30m',
        '  max_staleness:   5m',
        '  overrides:       0',
        '',
      ].join('\n'),
    );
    for (const secret of ['oauth-s3cr3t', 'hunter2-pw', 'hidden-audience']) expect(summary).not.toContain(secret);
  });
});
