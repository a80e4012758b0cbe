import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { summarizeConfig } from '../../../src/config/summary.js';
import { yaml } from './helpers.js';

const text = yaml(
  'global: {poll_interval: 90s, max_duration: 2h, run_duration_buckets: [30, 300, 3600, 0.5e5]}',
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
  '    expect_every: 1h',
  '  - name: cc-onprem',
  '    base_url: https://claims.example.com/cc/rest',
  '    basic_auth: {username: monitor, password: hunter2-pw}',
  '    stall_after: 1h30m',
  '    tls_config: {insecure_skip_verify: true}',
  '    history: false',
  '  - name: bc',
  '    base_url: https://bc.example.com/bc/rest',
  '    authorization: {credentials_file: /run/secrets/bc-token}',
  '    history_interval: 1m',
);

describe('summarizeConfig', () => {
  test('the buckets once, then one block per target, durations formatted, secrets shown only by source', async () => {
    const config = await parseConfigText(text, '/etc/gwe/config.yml', {
      env: { GW_CLIENT_ID: 'client-1', GW_CLIENT_SECRET: 'oauth-s3cr3t' },
      checkReadable: async () => true,
    });
    const summary = summarizeConfig(config);
    expect(summary).toBe(
      [
        'configuration OK: 3 targets',
        'run_duration_buckets: 30, 300, 3600, 50000 (seconds)',
        '',
        'target pc-prod',
        '  base_url:        https://pc-prod.example.com/rest',
        '  auth:            oauth2 (token_url https://hub.example.com/oauth2/abc/v1/token, client_id client-1, client secret inline, scopes tenant.acme pc.service, endpoint_params audience=<secret>)',
        '  include:         *',
        '  exclude:         Purge*',
        '  poll_interval:   1m30s',
        '  request_timeout: 10s',
        '  concurrency:     4',
        '  list_page_size:  100',
        '  stall_after:     30m',
        '  max_staleness:   5m',
        '  history:         every 5m',
        '  expect_every:    1h',
        '  max_duration:    2h',
        '  overrides:       1',
        '  timezone:        the server zone (/system-time), else UTC',
        '  grace:           5m',
        '  limits:          code 256, name 1024, text 4096 chars, 5000 processes, 1000 items per page, 100 kept runs',
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
        '  list_page_size:  100',
        '  stall_after:     1h30m',
        '  max_staleness:   5m',
        '  history:         off',
        '  max_duration:    2h',
        '  overrides:       0',
        '  timezone:        the server zone (/system-time), else UTC',
        '  grace:           5m',
        '  limits:          code 256, name 1024, text 4096 chars, 5000 processes, 1000 items per page, 100 kept runs',
        '',
        'target bc',
        '  base_url:        https://bc.example.com/bc/rest',
        '  auth:            authorization (type Bearer, credentials from file /run/secrets/bc-token)',
        '  include:         *',
        '  exclude:         (none)',
        '  poll_interval:   1m30s',
        '  request_timeout: 10s',
        '  concurrency:     4',
        '  list_page_size:  100',
        '  stall_after:     30m',
        '  max_staleness:   5m',
        '  history:         every 1m',
        '  max_duration:    2h',
        '  overrides:       0',
        '  timezone:        the server zone (/system-time), else UTC',
        '  grace:           5m',
        '  limits:          code 256, name 1024, text 4096 chars, 5000 processes, 1000 items per page, 100 kept runs',
        '',
      ].join('\n'),
    );
    for (const secret of ['oauth-s3cr3t', 'hunter2-pw', 'hidden-audience']) expect(summary).not.toContain(secret);
  });
});

test('without expect_every and max_duration their rows are left out; the default buckets are listed', async () => {
  const config = await parseConfigText(yaml('targets:', '  - name: pc', '    base_url: https://pc.example.com/rest'), '<inline>', { env: {} });
  const summary = summarizeConfig(config);
  expect(summary.split('\n').slice(0, 2)).toEqual([
    'configuration OK: 1 target',
    'run_duration_buckets: 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 43200 (seconds)',
  ]);
  expect(summary).toContain('\n  max_staleness:   5m\n  history:         every 5m\n  overrides:       0\n');
  expect(summary).not.toMatch(/expect_every|max_duration/);
});
