import { describe, expect, it } from 'vitest';
import { parseArgs, parseListenAddress, resolveShard } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/cli/flags.js';
import { usage } from '../../../src/cli/usage.js';

describe('parseArgs', () => {
  it('reads Prometheus-style flags with = or a separate value', () => {
    expect(parseArgs(['--config.file=gw.yml', '--web.listen-address', '127.0.0.1:0', '--log.level=debug'])).toEqual({
      kind: 'run',
      configFile: 'gw.yml',
      demo: false,
      web: { host: '127.0.0.1', port: 0, telemetryPath: '/metrics', routePrefix: '/' },
      log: { level: 'debug', format: 'json', maxValueLength: 1024 },
    });
  });

  it('reads --log.max-value-length, an integer of at least 16', () => {
    expect(parseArgs(['--demo', '--log.max-value-length=200'])).toMatchObject({ log: { maxValueLength: 200 } });
    expect(parseArgs(['simulate', '--log.max-value-length', '16'])).toMatchObject({ log: { maxValueLength: 16 } });
    for (const bad of ['15', '0', '-1', '1e3', '12.5', 'many']) expect(() => parseArgs(['--demo', `--log.max-value-length=${bad}`])).toThrow(UsageError);
    expect(usage).toContain('--log.max-value-length=N');
  });

  it('passes --web.config.file on to the server, and to --config.check', () => {
    expect(parseArgs(['--config.file=gw.yml', '--web.config.file', 'web.yml'])).toMatchObject({
      kind: 'run',
      web: { port: 7723, telemetryPath: '/metrics', configFile: 'web.yml' },
    });
    expect(parseArgs(['--config.check', '--config.file=gw.yml', '--web.config.file=web.yml'])).toMatchObject({ kind: 'check', webConfigFile: 'web.yml' });
    expect(parseArgs(['--demo'])).not.toHaveProperty('web.configFile');
    expect(() => parseArgs(['simulate', '--web.config.file=web.yml'])).toThrow(UsageError);
    expect(usage).toContain('--web.config.file=PATH');
  });

  it('reads --config.reload-timeout as a duration', () => {
    expect(parseArgs(['--config.file=gw.yml', '--config.reload-timeout=1m30s'])).toMatchObject({ kind: 'run', reloadTimeoutMs: 90_000 });
    expect(parseArgs(['--config.file=gw.yml'])).not.toHaveProperty('reloadTimeoutMs');
    for (const bad of ['0s', 'soon', '-1s']) expect(() => parseArgs(['--config.file=gw.yml', `--config.reload-timeout=${bad}`])).toThrow(UsageError);
    expect(usage).toContain('--config.reload-timeout=D');
  });

  it('defaults to :7723 and runs the demo without a config file', () => {
    expect(parseArgs(['--demo'])).toMatchObject({ kind: 'run', demo: true, web: { host: undefined, port: 7723 } });
  });

  it('knows --config.check, --version, --help and simulate', () => {
    expect(parseArgs(['--config.check', '--config.file=x.yml'])).toMatchObject({ kind: 'check', configFile: 'x.yml' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['simulate', '--web.listen-address=:0', '--simulator.list-status=false', '--simulator.context-root=/pc'])).toMatchObject({
      kind: 'simulate',
      web: { port: 0 },
      simulator: { seed: 1, listIncludesStatus: false, contextRoot: '/pc', historyOrder: 'newest-first' },
    });
    expect(parseArgs(['simulate', '--simulator.history-order=oldest-first'])).toMatchObject({ simulator: { historyOrder: 'oldest-first', apiSchema: 'openapi' } });
    expect(parseArgs(['simulate', '--simulator.list-status=when-asked', '--simulator.api-schema=swagger'])).toMatchObject({ simulator: { listIncludesStatus: 'when-asked', apiSchema: 'swagger' } });
    expect(() => parseArgs(['simulate', '--simulator.api-schema=yaml'])).toThrow(UsageError);
    expect(() => parseArgs(['simulate', '--simulator.history-order=random'])).toThrow(UsageError);
  });

  it.each([
    [['--config.file']],
    [['--bogus']],
    [[]],
    [['--demo', '--config.file=x']],
    [['--config.check']],
    [['--demo', '--log.level=trace']],
    [['--demo', '--web.telemetry-path=metrics']],
    [['--demo', '--web.config.file']],
    // A yes/no flag takes no value: `--demo=false` must not start the demo.
    [['--demo=false']],
    [['--config.file=x', '--config.check=no']],
    [['--demo', '--log.level=info', '--log.level=debug']],
    [['--config.file=']],
    [['simulate', '--simulator.list-status', '--simulator.seed=3']],
  ])('rejects %j with a usage error', (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });
});

describe('parseListenAddress', () => {
  it.each([
    [':7723', { host: undefined, port: 7723 }],
    ['0.0.0.0:80', { host: '0.0.0.0', port: 80 }],
    ['[::1]:9000', { host: '::1', port: 9000 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
  ])('%s', (text, expected) => expect(parseListenAddress(text)).toEqual(expected));

  it('rejects missing or out-of-range ports', () => {
    expect(() => parseListenAddress('7723')).toThrow(UsageError);
    expect(() => parseListenAddress(':70000')).toThrow(UsageError);
  });
});

describe('sharding flags', () => {
  it('reads --shard and --total-shards, 0 <= N < M, and leaves them out by default', () => {
    expect(parseArgs(['--config.file=gw.yml', '--shard=2', '--total-shards', '3'])).toMatchObject({ kind: 'run', shard: { index: 2, total: 3 } });
    expect(parseArgs(['--config.file=gw.yml', '--total-shards=4'])).toMatchObject({ shard: { index: 0, total: 4 } });
    expect(parseArgs(['--config.file=gw.yml'])).not.toHaveProperty('shard');
    for (const bad of [['--shard=3', '--total-shards=3'], ['--shard=1'], ['--total-shards=0'], ['--shard=-1', '--total-shards=2'], ['--shard=1.5', '--total-shards=2'], ['--total-shards=x']]) {
      expect(() => parseArgs(['--config.file=gw.yml', ...bad])).toThrow(UsageError);
    }
    expect(() => parseArgs(['simulate', '--total-shards=2'])).toThrow(UsageError);
    expect(usage).toContain('--total-shards=M');
  });

  it('takes the shard from the StatefulSet pod name with --shard.from-pod-name', () => {
    const flags = parseArgs(['--config.file=gw.yml', '--shard.from-pod-name', '--total-shards=3']);
    expect(flags).toMatchObject({ shard: { index: 'pod-name', total: 3 } });
    const shard = flags.kind === 'run' ? flags.shard : undefined;
    expect(resolveShard(shard, { POD_NAME: 'guidewire-batch-exporter-2', HOSTNAME: 'other-0' })).toEqual({ index: 2, total: 3 });
    expect(resolveShard(shard, { HOSTNAME: 'guidewire-batch-exporter-1' })).toEqual({ index: 1, total: 3 });
    expect(() => resolveShard(shard, { HOSTNAME: 'guidewire-batch-exporter-3' })).toThrow(/below --total-shards=3/);
    expect(() => resolveShard(shard, { HOSTNAME: 'gwe-7d9f8c-x2k4q' })).toThrow(UsageError);
    expect(() => parseArgs(['--config.file=gw.yml', '--shard.from-pod-name'])).toThrow(/needs --total-shards/);
    expect(() => parseArgs(['--config.file=gw.yml', '--shard.from-pod-name', '--shard=0', '--total-shards=3'])).toThrow(UsageError);
    expect(resolveShard(undefined, {})).toBeUndefined();
  });
});
