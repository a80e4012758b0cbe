import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfigFile, parseConfigText } from '../../../src/config/load.js';
import { defaults, type ExporterConfig } from '../../../src/config/types.js';
import { ErrorCodes } from '../../../src/errors.js';
import { configError, fixtures, problems, tempDir, writeFiles, yaml } from './helpers.js';

/** full.yml copied into a temp dir next to the files it names, so relative paths resolve there. */
async function fullFixture(): Promise<{ dir: string; file: string }> {
  const dir = await tempDir();
  const file = path.join(dir, 'exporter.yml');
  await copyFile(path.join(fixtures, 'full.yml'), file);
  await writeFiles(dir, {
    'secrets/pc-client-secret': 'pc-secret\n',
    'secrets/cc-password': 'cc-password\n',
    'certs/ca.pem': 'ca',
    'certs/client.pem': 'cert',
    'certs/client-key.pem': 'key',
  });
  return { dir, file };
}

describe('loadConfigFile', () => {
  test('maps the documented full example onto ExporterConfig, with defaults and resolved paths', async () => {
    const { dir, file } = await fullFixture();
    const checked: string[] = [];
    const config = await loadConfigFile(file, {
      env: { GW_CLIENT_ID: 'client-123' },
      // /run/secrets/bc-token does not exist here; everything else is a real file.
      checkReadable: async (p) => {
        checked.push(p);
        return p === '/run/secrets/bc-token' || (await readFile(p).then(() => true, () => false));
      },
    });
    const sundayPatch = { kind: 'recurring', name: 'sunday-patch', expression: '0 0 1 ? * SUN', timezone: 'America/Chicago', durationMs: 7_200_000 } as const;
    const expected: ExporterConfig = {
      targets: [
        {
          name: 'pc-prod',
          baseUrl: 'https://pc-prod.example.com/rest',
          auth: {
            kind: 'oauth2',
            tokenUrl: 'https://hub.example.com/oauth2/abc/v1/token',
            clientId: 'client-123',
            clientSecret: { kind: 'file', path: path.join(dir, 'secrets/pc-client-secret') },
            scopes: ['tenant.acme', 'pc.service'],
            endpointParams: { audience: 'https://pc-prod.example.com' },
          },
          tls: { caFile: path.join(dir, 'certs/ca.pem'), insecureSkipVerify: false },
          pollIntervalMs: 30_000,
          requestTimeoutMs: 10_000,
          concurrency: 4,
          listPageSize: 100,
          stallAfterMs: 1_800_000,
          maxStalenessMs: 300_000,
          historyIntervalMs: 120_000,
          history: true,
          maxDurationMs: 14_400_000,
          include: ['*'],
          exclude: ['Purge*', 'Archive?'],
          overrides: [
            {
              match: 'ActivityEsc',
              stallAfterMs: 600_000,
              historyIntervalMs: 60_000,
              expectEveryMs: 1_800_000,
              maxDurationMs: 900_000,
              schedule: ['0 0/30 * * * ?'],
            },
            {
              match: 'Nightly*',
              schedule: ['0 0 2 ? * MON-FRI', '0 0 4 ? * SAT,SUN'],
              timezone: 'Europe/Zurich',
              graceMs: 1_200_000,
              completeBy: { text: '06:00', expression: '0 0 6 * * ?' },
            },
            { match: 'Workflow*', history: false },
          ],
          limits: defaults.limits,
          timezone: 'America/Chicago',
          graceMs: 600_000,
          maintenance: [sundayPatch],
        },
        {
          name: 'cc-onprem',
          baseUrl: 'https://claims.internal.example.com/cc/rest',
          auth: { kind: 'basic', username: 'svc-monitoring', password: { kind: 'file', path: path.join(dir, 'secrets/cc-password') } },
          tls: {
            caFile: path.join(dir, 'certs/ca.pem'),
            certFile: path.join(dir, 'certs/client.pem'),
            keyFile: path.join(dir, 'certs/client-key.pem'),
            serverName: 'claims.internal.example.com',
            insecureSkipVerify: false,
          },
          pollIntervalMs: 60_000,
          requestTimeoutMs: 20_000,
          concurrency: 2,
          listPageSize: 100,
          stallAfterMs: 1_800_000,
          maxStalenessMs: 300_000,
          historyIntervalMs: 300_000,
          history: true,
          expectEveryMs: 86_400_000,
          maxDurationMs: 14_400_000,
          include: ['*'],
          exclude: [],
          overrides: [],
          limits: defaults.limits,
          timezone: 'America/Chicago',
          graceMs: 600_000,
          maintenance: [sundayPatch, { kind: 'absolute', name: 'xmas-freeze', from: Date.UTC(2026, 11, 24, 18), until: Date.UTC(2026, 11, 26, 6) }],
        },
        {
          name: 'bc-dev',
          baseUrl: 'http://localhost:8580/bc/rest',
          auth: { kind: 'authorization', type: 'Bearer', credentials: { kind: 'file', path: '/run/secrets/bc-token' } },
          tls: { insecureSkipVerify: false },
          pollIntervalMs: 60_000,
          requestTimeoutMs: 10_000,
          concurrency: 4,
          listPageSize: 100,
          stallAfterMs: 1_800_000,
          maxStalenessMs: 900_000,
          historyIntervalMs: 300_000,
          history: false,
          maxDurationMs: 14_400_000,
          include: ['*'],
          exclude: [],
          overrides: [],
          limits: defaults.limits,
          timezone: 'America/Chicago',
          graceMs: 600_000,
          maintenance: [sundayPatch],
        },
      ],
      runDurationBuckets: [10, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400],
      events: { sink: 'none' },
    };
    expect(config).toStrictEqual(expected);
    expect(checked).toContain(path.join(dir, 'certs/client-key.pem'));
  });

  test('deep-freezes the result', async () => {
    const { file } = await fullFixture();
    const config = await loadConfigFile(file, { env: { GW_CLIENT_ID: 'x' }, checkReadable: async () => true });
    const [target] = config.targets;
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.targets)).toBe(true);
    expect(Object.isFrozen(target)).toBe(true);
    expect(Object.isFrozen(target?.auth)).toBe(true);
    expect(Object.isFrozen(target?.include)).toBe(true);
    expect(Object.isFrozen(target?.overrides[0])).toBe(true);
    expect(Object.isFrozen(config.runDurationBuckets)).toBe(true);
    expect(() => (target?.include as string[]).push('x')).toThrow(TypeError);
  });

  test('the minimal example gets every default', async () => {
    const config = await loadConfigFile(path.join(fixtures, 'minimal.yml'), { env: {} });
    expect(config.runDurationBuckets).toStrictEqual([1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 43200]);
    expect(config.targets).toStrictEqual([
      {
        name: 'local',
        baseUrl: 'http://localhost:8080/pc/rest',
        auth: { kind: 'none' },
        tls: { insecureSkipVerify: false },
        pollIntervalMs: 60_000,
        requestTimeoutMs: 10_000,
        concurrency: 4,
        listPageSize: 100,
        stallAfterMs: 1_800_000,
        maxStalenessMs: 300_000,
        historyIntervalMs: 300_000,
        history: true,
        include: ['*'],
        exclude: [],
        overrides: [],
        limits: defaults.limits,
        graceMs: defaults.graceMs,
        maintenance: [],
      },
    ]);
  });

  test('a config file that cannot be read is a ConfigError naming the file', async () => {
    const dir = await tempDir();
    const missing = path.join(dir, 'nope.yml');
    const err = await configError(loadConfigFile(missing, { env: {} }));
    expect(err.code).toBe(ErrorCodes.config);
    expect(err.problems).toEqual([{ file: missing, path: '', message: 'file not found' }]);
    expect(err.message).toBe(`invalid configuration:\n  ${missing}: file not found`);
    expect(await problems(loadConfigFile(dir, { env: {} }))).toEqual(['-:- : is a directory']);
  });
});

describe('parseConfigText', () => {
  const check = { env: {}, checkReadable: async () => true };

  test('global settings apply to every target; target settings win; 0-free values merge with ??', async () => {
    const text = yaml(
      'global:',
      '  poll_interval: 2m',
      '  concurrency: 1',
      '  list_page_size: 50',
      'targets:',
      '  - name: a',
      '    base_url: https://a.example.com/rest',
      '  - name: b',
      '    base_url: https://b.example.com/rest',
      '    poll_interval: 15s',
      '    concurrency: 8',
      '    list_page_size: 25',
    );
    const config = await parseConfigText(text, '<inline>', check);
    expect(config.targets.map((t) => [t.name, t.pollIntervalMs, t.concurrency, t.listPageSize])).toEqual([
      ['a', 120_000, 1, 50],
      ['b', 15_000, 8, 25],
    ]);
  });

  test('normalises base_url and accepts the other auth forms', async () => {
    const text = yaml(
      'targets:',
      '  - name: basic',
      '    base_url: https://host.example.com/pc/rest//',
      '    basic_auth: {username: u, password: p}',
      '  - name: bearer',
      '    base_url: HTTP://Host.Example.com:8080/bc/rest',
      '    authorization: {type: Token, credentials: c}',
      '    tls_config: {insecure_skip_verify: true}',
    );
    const config = await parseConfigText(text, '/etc/gwe/config.yml', check);
    expect(config.targets.map((t) => t.baseUrl)).toEqual(['https://host.example.com/pc/rest', 'http://host.example.com:8080/bc/rest']);
    expect(config.targets[0]?.auth).toEqual({ kind: 'basic', username: 'u', password: { kind: 'inline', value: 'p' } });
    expect(config.targets[1]?.auth).toEqual({ kind: 'authorization', type: 'Token', credentials: { kind: 'inline', value: 'c' } });
    expect(config.targets[1]?.tls).toEqual({ insecureSkipVerify: true });
  });

  test('relative *_file paths resolve against the config file directory, absolute ones stay', async () => {
    const text = yaml(
      'targets:',
      '  - name: a',
      '    base_url: https://a.example.com/rest',
      '    basic_auth: {username: u, password_file: ../secrets/pw}',
      '    tls_config: {ca_file: /etc/ssl/ca.pem}',
    );
    const config = await parseConfigText(text, '/etc/gwe/config.yml', check);
    expect(config.targets[0]?.auth).toEqual({ kind: 'basic', username: 'u', password: { kind: 'file', path: '/etc/secrets/pw' } });
    expect(config.targets[0]?.tls.caFile).toBe('/etc/ssl/ca.pem');
  });

  test('expands ${VAR}, ${VAR:-default} and $$ in values, including numbers and booleans given as variables', async () => {
    const text = yaml(
      'targets:',
      '  - name: ${NAME}',
      '    base_url: https://${HOST:-default.example.com}/rest',
      '    concurrency: ${CONCURRENCY}',
      '    basic_auth:',
      '      username: ${USER:-monitor}',
      '      password: pa$$word',
      '    tls_config: {insecure_skip_verify: "${INSECURE:-false}"}',
      '    batch_processes: {include: ["${INCLUDE}"]}',
    );
    const env = { NAME: 'pc', CONCURRENCY: '3', USER: '', INCLUDE: 'Activity*' };
    const [target] = (await parseConfigText(text, '<inline>', { ...check, env })).targets;
    expect(target?.name).toBe('pc');
    expect(target?.baseUrl).toBe('https://default.example.com/rest');
    expect(target?.concurrency).toBe(3);
    expect(target?.auth).toEqual({ kind: 'basic', username: 'monitor', password: { kind: 'inline', value: 'pa$word' } });
    expect(target?.tls.insecureSkipVerify).toBe(false);
    expect(target?.include).toEqual(['Activity*']);
  });

  test('keys are not expanded', async () => {
    const text = yaml('targets:', '  - name: a', '    base_url: https://a.example.com/rest', '    ${KEY}: 1s');
    expect(await problems(parseConfigText(text, 'c.yml', { env: { KEY: 'poll_interval' } }))).toEqual([
      '4:5 targets[0]["${KEY}"]: unknown key "${KEY}"',
    ]);
  });
});
