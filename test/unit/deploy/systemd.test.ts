import { describe, expect, it } from 'vitest';
import { usage } from '../../../src/cli/usage.js';
import { readRepoFile } from './kubernetes-manifests.js';
import { envFile, parseUnit, unitText } from './systemd-unit.js';

const service = parseUnit(unitText())['Service'] ?? {};
const one = (key: string): string | undefined => service[key]?.at(-1);
const bin = Object.keys((JSON.parse(readRepoFile('package.json')) as { bin: Record<string, string> }).bin)[0];

describe('deploy/systemd', () => {
  it('hardens the service as documented', () => {
    expect({
      DynamicUser: one('DynamicUser'),
      ProtectSystem: one('ProtectSystem'),
      ProtectHome: one('ProtectHome'),
      PrivateTmp: one('PrivateTmp'),
      NoNewPrivileges: one('NoNewPrivileges'),
      CapabilityBoundingSet: one('CapabilityBoundingSet'),
      RestrictAddressFamilies: one('RestrictAddressFamilies'),
      MemoryDenyWriteExecute: one('MemoryDenyWriteExecute'),
    }).toEqual({
      DynamicUser: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      NoNewPrivileges: 'yes',
      CapabilityBoundingSet: '',
      RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX',
      // V8's JIT needs writable-then-executable memory.
      MemoryDenyWriteExecute: 'no',
    });
    expect(service['SystemCallFilter']).toContain('@system-service');
  });

  it('reloads with SIGHUP and hands the client secret over as a credential', () => {
    expect(one('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(one('LoadCredential')).toMatch(/^gw-client-secret:\/etc\/guidewire-batch-exporter\//);
  });

  it('starts the package binary with flags --help lists, its extra flags from the environment file', () => {
    const [binary = '', ...args] = (one('ExecStart') ?? '').split(/\s+/);
    expect(binary.split('/').pop()).toBe(bin);
    const env = envFile();
    const expanded = args.flatMap((arg) => (arg.startsWith('$') ? (env[arg.slice(1)] ?? `unset ${arg}`).split(/\s+/) : [arg]));
    expect(expanded).toContain('--config.file=/etc/guidewire-batch-exporter/config.yml');
    for (const arg of expanded) {
      expect(arg, `${arg} in ExecStart`).toMatch(/^--[\w.-]+(=|$)/);
      expect(usage, `${arg} is not a flag --help lists`).toContain(`  ${arg.split('=')[0] ?? ''}`);
    }
    expect(service['EnvironmentFile']).toEqual(['-/etc/default/guidewire-batch-exporter']);
  });
});
