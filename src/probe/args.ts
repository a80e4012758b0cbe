/** Flags of `guidewire-batch-exporter probe`. Pure; `parseArgs` dispatches here when argv[0] is `probe`. */
import { UsageError } from '../args.js';

export const ProbeOutputs = ['table', 'metrics'] as const;
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

const valueFlags = new Set(['--config.file', '--target', '--output']);

/** Turns the arguments after `probe` into a command, or `help`. Throws `UsageError` on bad input. */
export function parseProbeArgs(argv: readonly string[]): ProbeCommand | { readonly kind: 'help' } {
  const values = new Map<string, string>();
  let noColor = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (name === '--help' || name === '-h') return { kind: 'help' };
    if (name === '--no-color' && eq === -1) {
      noColor = true;
    } else if (valueFlags.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`probe: ${name} needs a value`);
      if (values.has(name)) throw new UsageError(`probe: ${name} may be given once`);
      values.set(name, value);
    } else {
      throw new UsageError(`probe: unknown flag or argument "${arg}"`);
    }
  }
  const configFile = values.get('--config.file');
  if (configFile === undefined) throw new UsageError('probe: --config.file is required');
  const output = values.get('--output') ?? 'table';
  if (!(ProbeOutputs as readonly string[]).includes(output)) {
    throw new UsageError(`probe: --output: expected one of ${ProbeOutputs.join(', ')}, got "${output}"`);
  }
  const target = values.get('--target');
  return { kind: 'probe', configFile, output: output as ProbeOutput, noColor, ...(target === undefined ? {} : { target }) };
}
