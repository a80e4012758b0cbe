/** Flags of `guidewire-batch-exporter probe`. Pure; `parseArgs` dispatches here when argv[0] is `probe`. */
import { ProbeOutputs, type ProbeCommand, type ProbeOutput } from '../probe/command.js';
import { readFlags, UsageError, type FlagSpec } from './flags.js';

const flagSpec: FlagSpec = {
  options: { 'config.file': { type: 'string' }, target: { type: 'string' }, output: { type: 'string' }, 'no-color': { type: 'boolean' }, schema: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  prefix: 'probe: ',
};

/** Turns the arguments after `probe` into a command, or `help`. Throws `UsageError` on bad input. */
export function parseProbeArgs(argv: readonly string[]): ProbeCommand | { readonly kind: 'help' } {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const { switches, values } = readFlags(argv, flagSpec);
  const noColor = switches.has('no-color');
  const configFile = values.get('config.file');
  if (configFile === undefined) throw new UsageError('probe: --config.file is required');
  const output = values.get('output') ?? 'table';
  if (!(ProbeOutputs as readonly string[]).includes(output)) {
    throw new UsageError(`probe: --output: expected one of ${ProbeOutputs.join(', ')}, got "${output}"`);
  }
  const target = values.get('target');
  return {
    kind: 'probe',
    configFile,
    output: output as ProbeOutput,
    noColor,
    ...(target === undefined ? {} : { target }),
    ...(switches.has('schema') ? { schema: true as const } : {}),
  };
}
