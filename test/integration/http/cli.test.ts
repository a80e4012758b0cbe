import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

async function files(web: string): Promise<{ config: string; web: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-web-cli-'));
  const config = join(dir, 'gw.yml');
  await writeFile(config, 'targets:\n  - name: pc\n    base_url: http://127.0.0.1:9/rest\n');
  await writeFile(join(dir, 'web.yml'), web);
  return { config, web: join(dir, 'web.yml') };
}

const badWeb = `tls_server_config:
  cert_file: missing.crt
  key_file: missing.key
  client_auth_type: RequireAndVerifyClientCertificate
basic_auth_users:
  alice: hunter2
`;

describe('--web.config.file on the command line', () => {
  it('refuses to start with an invalid file: every problem with its position, exit 2', async () => {
    const { config, web } = await files(badWeb);
    const result = await runCli([`--config.file=${config}`, `--web.config.file=${web}`, '--web.listen-address=127.0.0.1:0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/web\.yml:2:14: tls_server_config\.cert_file: file ".*missing\.crt" does not exist/);
    expect(result.stderr).toMatch(/web\.yml:3:13: tls_server_config\.key_file: file ".*missing\.key" does not exist/);
    expect(result.stderr).toContain(`${web}:4:21: tls_server_config.client_auth_type: expected one of NoClientCert`);
    expect(result.stderr).toContain(`${web}:6:10: basic_auth_users.alice: expected a bcrypt hash`);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('names the certificate file that is missing', async () => {
    const { config, web } = await files('tls_server_config:\n  cert_file: missing.crt\n  key_file: missing.key\n');
    const result = await runCli([`--config.file=${config}`, `--web.config.file=${web}`, '--web.listen-address=127.0.0.1:0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/web\.yml:2:14: tls_server_config\.cert_file: file ".*missing\.crt" does not exist/);
  });

  it('is validated by --config.check too', async () => {
    const { config, web } = await files(badWeb);
    expect((await runCli(['--config.check', `--config.file=${config}`, `--web.config.file=${web}`])).code).toBe(2);
    const good = await files('basic_auth_users: {}\n');
    const result = await runCli(['--config.check', `--config.file=${good.config}`, `--web.config.file=${good.web}`]);
    expect(result.stdout).toContain('web configuration is valid');
    expect(result.code).toBe(0);
  });
});
