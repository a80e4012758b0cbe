import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/cli/flags.js';

/**
 * Every usage message of the command line, word for word: they are what a user reads (after
 * `guidewire-batch-exporter: `, with exit code 2), so a change of flag parser must not change them.
 * Where two things are wrong, the first argument's complaint wins.
 */
describe('usage messages', () => {
  it.each([
    [['--bogus'], 'unknown flag or argument "--bogus"'],
    [['--bogus=1'], 'unknown flag or argument "--bogus=1"'],
    [['x'], 'unknown flag or argument "x"'],
    [['--'], 'unknown flag or argument "--"'],
    [['-'], 'unknown flag or argument "-"'],
    [['-x'], 'unknown flag or argument "-x"'],
    [['-hx'], 'unknown flag or argument "-hx"'],
    [['-hh'], 'unknown flag or argument "-hh"'],
    [['--constructor'], 'unknown flag or argument "--constructor"'],
    [['--demo', '--toString=x'], 'unknown flag or argument "--toString=x"'],
    [['-h=1'], 'unknown flag or argument "-h=1": -h takes no value'],
    [['--help=1'], 'unknown flag or argument "--help=1": --help takes no value'],
    [['--demo=false'], 'unknown flag or argument "--demo=false": --demo takes no value'],
    [['--config.file=x', '--config.check=no'], 'unknown flag or argument "--config.check=no": --config.check takes no value'],
    [['--config.file'], '--config.file needs a value'],
    [['--config.file='], '--config.file needs a value'],
    [['--config.file', ''], '--config.file needs a value'],
    [['--demo', '--demo'], '--demo may be given once'],
    [['--demo', '--log.level=info', '--log.level=debug'], '--log.level may be given once'],
    [['-h', '-h'], '-h may be given once'],
    [['--demo', '--bogus', '--bogus'], 'unknown flag or argument "--bogus"'],
    [['--demo', '--demo', '--bogus'], '--demo may be given once'],
    [['--Demo'], 'unknown flag or argument "--Demo"'],
    [[], '--config.file is required (or --demo)'],
    [['--demo', '--config.file=x'], '--demo and --config.file exclude each other'],
    [['--config.check'], '--config.check needs --config.file'],
    [['--demo', '--log.level=trace'], '--log.level: expected one of debug, info, warn, error, got "trace"'],
    [['--demo', '--log.format=xml'], '--log.format: expected one of json, pretty, got "xml"'],
    [['--demo', '--web.telemetry-path=metrics'], '--web.telemetry-path must start with "/"'],
    [['--demo', '--web.listen-address=7723'], '--web.listen-address: expected HOST:PORT, got "7723"'],
    [['--demo', '--web.external-url=ftp://h/'], '--web.external-url: expected an http or https URL, got "ftp://h/"'],
    [['--demo', '--web.external-url=https://u:p@h/'], '--web.external-url: no query, fragment or credentials allowed'],
    [['--demo', '--web.route-prefix=/a/../b'], '--web.route-prefix: expected a path such as /exporter, got "/a/../b"'],
    [['--config.file=x', '--config.reload-timeout=soon'], '--config.reload-timeout: expected a duration such as 5s, got "soon"'],
    [['--demo', '--log.max-value-length=15'], '--log.max-value-length: expected an integer of at least 16, got "15"'],
    [['simulate', '--simulator.list-status', '--simulator.seed=3'], '--simulator.list-status: expected true or false, got "--simulator.seed=3"'],
    [['simulate', '--simulator.seed=1.5'], '--simulator.seed must be an integer'],
    [['simulate', '--simulator.list-status=yes'], '--simulator.list-status: expected true or false, got "yes"'],
    [['simulate', '--simulator.history-order=random'], '--simulator.history-order: expected one of newest-first, oldest-first, got "random"'],
    [['simulate', '--web.config.file=w.yml'], '--web.config.file applies to the exporter, not to simulate'],
    [['simulate', '--web.route-prefix=/x'], '--web.external-url and --web.route-prefix apply to the exporter, not to simulate'],
    [['simulate', 'probe'], 'unknown flag or argument "probe"'],
    [['simulate', 'simulate'], 'unknown flag or argument "simulate"'],
    [['probe'], 'probe: --config.file is required'],
    [['probe', '--config.file=gw.yml', '--output=json'], 'probe: --output: expected one of table, metrics, got "json"'],
    [['probe', '--config.file=gw.yml', '--web.listen-address=:1'], 'probe: unknown flag or argument "--web.listen-address=:1"'],
    [['probe', '--config.file=gw.yml', '--target'], 'probe: --target needs a value'],
    [['probe', '--config.file=gw.yml', '--target=a', '--target=b'], 'probe: --target may be given once'],
    [['probe', '--config.file=gw.yml', '--no-color=false'], 'probe: unknown flag or argument "--no-color=false": --no-color takes no value'],
    [['probe', '--config.file=gw.yml', 'extra'], 'probe: unknown flag or argument "extra"'],
    [['probe', '--demo'], 'probe: unknown flag or argument "--demo"'],
    [['probe', '-hh'], 'probe: unknown flag or argument "-hh"'],
    [['probe', '--config.file=gw.yml', '--', 'x'], 'probe: unknown flag or argument "--"'],
    [['probe', '--config.file=gw.yml', '--no-color', '--no-color'], 'probe: --no-color may be given once'],
  ])('%j: %s', (argv, message) => {
    let thrown: unknown;
    try {
      parseArgs(argv);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toBe(message);
  });

  it('takes the next argument as a flag\'s value even when it starts with a dash', () => {
    expect(parseArgs(['simulate', '--simulator.seed', '-5'])).toMatchObject({ simulator: { seed: -5 } });
    expect(parseArgs(['--config.file', '--demo'])).toMatchObject({ kind: 'run', configFile: '--demo', demo: false });
    expect(parseArgs(['--config.file=a=b'])).toMatchObject({ configFile: 'a=b' });
  });

  it('knows -h and --help as two spellings of help, and help wins over a probe flag\'s missing value', () => {
    expect(parseArgs(['-h', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['probe', '--config.file', '--help'])).toEqual({ kind: 'help' });
  });
});
