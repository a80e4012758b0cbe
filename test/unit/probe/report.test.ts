import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/cli/flags.js';
import { displayUrl, humanDuration } from '../../../src/probe/format.js';
import { probeExitCode, useColor } from '../../../src/probe/report.js';

describe('probeExitCode', () => {
  it('is 0 only when every target is up', () => {
    expect(probeExitCode([{ up: true }, { up: true }])).toBe(0);
    expect(probeExitCode([{ up: true }, { up: false }])).toBe(1);
    expect(probeExitCode([{ up: false }])).toBe(1);
  });
});

describe('useColor', () => {
  it('colours a terminal unless NO_COLOR (non-empty) or --no-color says otherwise', () => {
    expect(useColor({ isTTY: true, noColorFlag: false, env: {} })).toBe(true);
    expect(useColor({ isTTY: true, noColorFlag: false, env: { NO_COLOR: '' } })).toBe(true);
    expect(useColor({ isTTY: true, noColorFlag: false, env: { NO_COLOR: '1' } })).toBe(false);
    expect(useColor({ isTTY: true, noColorFlag: true, env: {} })).toBe(false);
    expect(useColor({ isTTY: false, noColorFlag: false, env: {} })).toBe(false);
  });
});

describe('format', () => {
  it('never shows the credentials of a URL', () => {
    expect(displayUrl('https://user:hunter2@gw.example.com/pc/rest')).toBe('https://<secret>@gw.example.com/pc/rest');
    expect(displayUrl('https://gw.example.com/pc/rest')).toBe('https://gw.example.com/pc/rest');
    expect(displayUrl('not a url with user:pw@host')).not.toContain('pw');
  });

  it('writes durations for reading', () => {
    expect([850, 5_549, 42_000, 725_000, 11_520_000, 190_800_000, 3_600_000].map(humanDuration)).toEqual(['850ms', '5.5s', '42s', '12m5s', '3h12m', '2d5h', '1h']);
  });
});

describe('probe arguments', () => {
  it('parses the probe flags', () => {
    expect(parseArgs(['probe', '--config.file=gw.yml'])).toEqual({ kind: 'probe', configFile: 'gw.yml', output: 'table', noColor: false });
    expect(parseArgs(['probe', '--config.file', 'gw.yml', '--target', 'pc', '--output=metrics', '--no-color'])).toEqual({
      kind: 'probe',
      configFile: 'gw.yml',
      target: 'pc',
      output: 'metrics',
      noColor: true,
    });
    expect(parseArgs(['probe', '--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['probe'], /--config\.file is required/],
    [['probe', '--config.file=gw.yml', '--output=json'], /--output: expected one of table, metrics, got "json"/],
    [['probe', '--config.file=gw.yml', '--web.listen-address=:1'], /unknown flag or argument "--web.listen-address=:1"/],
    [['probe', '--config.file=gw.yml', '--target'], /--target needs a value/],
    [['probe', '--config.file=gw.yml', '--target=a', '--target=b'], /--target may be given once/],
    [['probe', '--config.file=gw.yml', '--no-color=false'], /unknown flag/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
