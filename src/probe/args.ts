/** Flags of `guidewire-batch-exporter probe`. Pure; `parseArgs` dispatches here when argv[0] is `probe`. */
import { collectFlags, UsageError } from '../args.js';

const ProbeOutputs = ['table', 'metrics'] as const;
export type ProbeOutput = (typeof ProbeOutputs)[number];

export interface ProbeCommand {
  readonly kind: 'probe';
  readonly configFile: string;
  /** Only this target; every target when absent. */
  readonly target?: string;
  readonly output: ProbeOutput;
  /** `--no-color`: never colour, even on a terminal. */
  readonly noColor: boolean;
}

const flags = { valueFlags: new Set(['--config.file', '--target', '--output']), boolFlags: new Set(['--no-color', '--help', '-h']), prefix: 'probe: ' };

/** Turns the arguments after `probe` into a command, or `help`. Throws `UsageError` on bad input. */
export function parseProbeArgs(argv: readonly string[]): ProbeCommand | { readonly kind: 'help' } {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const values = collectFlags(argv, flags);
  const noColor = values.has('--no-color');
  const configFile = values.get('--config.file');
  if (configFile === undefined) throw new UsageError('probe: --config.file is required');
  const output = values.get('--output') ?? 'table';
  if (!(ProbeOutputs as readonly string[]).includes(output)) {
    throw new UsageError(`probe: --output: expected one of ${ProbeOutputs.join(', ')}, got "${output}"`);
  }
  const target = values.get('--target');
  return { kind: 'probe', configFile, output: output as ProbeOutput, noColor, ...(target === undefined ? {} : { target }) };
}
