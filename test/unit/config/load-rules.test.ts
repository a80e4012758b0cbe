import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfigFile, parseConfigText } from '../../../src/config/load.js';
import { formatConfigProblem } from '../../../src/errors.js';
import { configError, fixtures, parse, problems, target, tempDir, writeFiles, yaml } from './helpers.js';

describe('cross-field rules', () => {
  test('at most one auth block, pointing at each extra one', async () => {
    expect(
      await problems(
        parse(
          ...target,
          '    basic_auth: {username: u, password: p}',
          '    authorization: {credentials: c}',
          '    oauth2: {token_url: https://hub.example.com/token, client_id: i, client_secret: s}',
        ),
      ),
    ).toEqual([
      '5:5 targets[0].authorization: "basic_auth" and "authorization" cannot be used together; configure at most one authentication method',
      '6:5 targets[0].oauth2: "basic_auth" and "oauth2" cannot be used together; configure at most one authentication method',
    ]);
  });

  test('a secret inline or from a file, exactly one', async () => {
    expect(
      await problems(
        parse(
          ...target,
          '    basic_auth: {username: u, password: p, password_file: pw}',
          '  - name: b',
          '    base_url: https://b.example.com/rest',
          '    authorization: {type: Bearer}',
        ),
      ),
    ).toEqual([
      '4:44 targets[0].basic_auth.password_file: "password" and "password_file" cannot be used together; give the secret inline or as a file, not both',
      '7:20 targets[1].authorization: missing "credentials" or "credentials_file"',
    ]);
  });

  test('cert_file and key_file go together', async () => {
    expect(await problems(parse(...target, '    tls_config:', '      key_file: k.pem'))).toEqual([
      '5:7 targets[0].tls_config.key_file: "key_file" requires "cert_file"',
    ]);
    expect(await problems(parse(...target, '    tls_config: {cert_file: c.pem}'))).toEqual([
      '4:18 targets[0].tls_config.cert_file: "cert_file" requires "key_file"',
    ]);
  });

  test('duplicate target names point at the second name and say where the first is', async () => {
    expect(await problems(parse(...target, '  - name: pc', '    base_url: https://other.example.com/rest'))).toEqual([
      '4:11 targets[1].name: duplicate target name "pc" (first used at line 2, column 11)',
    ]);
  });
});

describe('files', () => {
  test('*_files that do not exist or are directories are reported at their value, with the resolved path', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'ca.pem': 'ca', 'secrets/pw': 'pw' });
    const file = path.join(dir, 'config.yml');
    await writeFiles(dir, {
      'config.yml': yaml(
        ...target,
        '    basic_auth: {username: u, password_file: secrets/pw}',
        '    tls_config:',
        '      ca_file: ca.pem',
        '      cert_file: missing-cert.pem',
        `      key_file: ${dir}/missing-key.pem`,
        '  - name: b',
        '    base_url: https://b.example.com/rest',
        '    oauth2: {token_url: https://t.example.com, client_id: i, client_secret_file: nope}',
        '  - name: c',
        '    base_url: https://c.example.com/rest',
        '    authorization: {credentials_file: secrets}',
      ),
    });
    const err = await configError(loadConfigFile(file, { env: {} }));
    const missing = (name: string) => `file "${name}" (resolved to "${path.join(dir, name)}") does not exist or is not a readable file`;
    expect(err.problems.map(formatConfigProblem)).toEqual([
      `${file}:7:18: targets[0].tls_config.cert_file: ${missing('missing-cert.pem')}`,
      `${file}:8:17: targets[0].tls_config.key_file: file "${dir}/missing-key.pem" does not exist or is not a readable file`,
      `${file}:11:82: targets[1].oauth2.client_secret_file: ${missing('nope')}`,
      `${file}:14:39: targets[2].authorization.credentials_file: ${missing('secrets')}`,
    ]);
  });

  test('the readability check is injected (e.g. a file without read permission)', async () => {
    const seen: string[] = [];
    const checkReadable = async (p: string) => {
      seen.push(p);
      return false;
    };
    const text = yaml(...target, '    basic_auth: {username: u, password_file: /run/secrets/pw}');
    expect(await problems(parseConfigText(text, '/etc/gwe/config.yml', { env: {}, checkReadable }))).toEqual([
      '4:46 targets[0].basic_auth.password_file: file "/run/secrets/pw" does not exist or is not a readable file',
    ]);
    expect(seen).toEqual(['/run/secrets/pw']);
  });
});

describe('environment variables', () => {
  test('an unset variable without default is reported at its scalar, once', async () => {
    const text = yaml(
      'targets:',
      '  - name: pc',
      '    base_url: https://${HOST}/rest',
      '    oauth2:',
      '      token_url: https://hub.example.com/token',
      '      client_id: ${GW_CLIENT_ID}',
      '      client_secret_file: ${SECRET_FILE}',
    );
    expect(await problems(parseConfigText(text, 'c.yml', { env: { HOST: 'pc.example.com' } }))).toEqual([
      '6:18 targets[0].oauth2.client_id: environment variable "GW_CLIENT_ID" is not set and has no default',
      '7:27 targets[0].oauth2.client_secret_file: environment variable "SECRET_FILE" is not set and has no default',
    ]);
  });

  test('values from the environment are never quoted in messages', async () => {
    const text = yaml('targets:', '  - name: pc', '    base_url: ${URL}', '    poll_interval: ${POLL}');
    const err = await configError(parseConfigText(text, 'c.yml', { env: { URL: 'https://u.example.com/rest?token=tok-123', POLL: 'p-456' } }));
    expect(err.problems.map((p) => p.message)).toEqual(['must not contain a query (?...)', 'expected a duration like 30s or 1h30m']);
    expect(err.message).not.toMatch(/tok-123|p-456/);
  });

  test('malformed references are errors', async () => {
    expect(await problems(parse(...target, '    poll_interval: ${POLL'))).toEqual([
      '4:20 targets[0].poll_interval: unterminated "${" (write "$$" for a literal "$")',
    ]);
  });
});

describe('secrets never appear in messages', () => {
  test('inline secrets of the wrong shape, conflicting, or next to other problems', async () => {
    const secrets = ['hunter2-pw', 's3cr3t-client', 'tok-credential', 'aud-secret'];
    const text = yaml(
      ...target,
      '    basic_auth: {username: u, password: hunter2-pw, password_file: pw}',
      '    oauth2:',
      '      token_url: https://hub.example.com/token',
      '      client_id: i',
      '      client_secret: s3cr3t-client',
      '      client_secret_file: f',
      '      endpoint_params: {audience: aud-secret, n: 5}',
      '    authorization: {type: Bearer, credentials: tok-credential, credentials_file: c}',
      '  - name: b',
      '    base_url: https://b.example.com/rest',
      '    basic_auth: {username: u, password: [hunter2-pw]}',
      '    authorization: {credentials: {v: tok-credential}}',
    );
    const err = await configError(parseConfigText(text, 'c.yml', { env: {}, checkReadable: async () => false }));
    expect(err.problems.length).toBeGreaterThan(8);
    const everything = [err.message, ...err.problems.map((p) => JSON.stringify(p))].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  test('secrets read from files are not in messages either', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { pw: 'file-secret-789\n' });
    const text = yaml(...target, '    basic_auth: {username: u, password_file: pw}', '    poll_interval: nope');
    const err = await configError(parseConfigText(text, path.join(dir, 'c.yml'), { env: {} }));
    expect(err.problems).toHaveLength(1);
    expect(err.message).not.toContain('file-secret-789');
  });
});

describe('several problems at once', () => {
  test('errors.yml: every problem reported, in file order, in the file:line:col: path: message form', async () => {
    const file = path.join(fixtures, 'errors.yml');
    const err = await configError(loadConfigFile(file, { env: {}, checkReadable: async () => true }));
    expect(err.message.split('\n')).toEqual([
      'invalid configuration:',
      `  ${file}:3:3: global.polll_interval: unknown key "polll_interval" (did you mean "poll_interval"?)`,
      `  ${file}:4:16: global.concurrency: expected an integer >= 1, got 0`,
      `  ${file}:11:5: targets[0].oauth2: "basic_auth" and "oauth2" cannot be used together; configure at most one authentication method`,
      `  ${file}:13:18: targets[0].oauth2.client_id: environment variable "GW_CLIENT_ID" is not set and has no default`,
      `  ${file}:15:18: targets[0].stall_after: expected a duration like 30s or 1h30m, got "abc"`,
      `  ${file}:16:11: targets[1].name: duplicate target name "pc-prod" (first used at line 6, column 11)`,
      `  ${file}:17:15: targets[1].base_url: must not contain a query (?...)`,
    ]);
    expect(err.message).not.toMatch(/hunter2|s3cr3t-value/);
  });
});
