/** What `guidewire-batch-exporter probe` is asked to do; the CLI parses it (src/cli/probe-args.ts). */
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
  /** `--schema`: also print what was learned from each target's API definition. */
  readonly schema?: true;
}
