/**
 * Reading a command's flags from argv with `node:util` `parseArgs`, shared by the exporter's command
 * line (args.ts) and the probe's (probe-args.ts). Pure.
 */
import { parseArgs } from 'node:util';

/** Bad command-line input: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/** A command's flags, named without the dashes (`config.file`); `short: 'h'` makes `-h` one. */
export interface FlagSpec {
  readonly options: Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>;
  /** Starts every message, e.g. `probe: `. */
  readonly prefix?: string;
}

/** The flags that were given, by name. */
export interface Flags {
  /** The yes/no flags. */
  readonly switches: ReadonlySet<string>;
  /** Each value flag's value, never empty. */
  readonly values: ReadonlyMap<string, string>;
}

/**
 * Reads `--flag=value` and `--flag value` pairs and bare yes/no flags. Rejects, naming the argument as
 * typed, the first of: an unknown flag or any other argument (positionals, `--`, `-hx`), a value given
 * to a yes/no flag (`--demo=false` must not mean demo), a missing or empty value, a flag given twice.
 */
export function readFlags(argv: readonly string[], spec: FlagSpec): Flags {
  // parseArgs' strict mode would reject all of this but a repeat and an empty value, yet its messages
  // drop what was typed after `=`, and it refuses a separate value that starts with a dash
  // (`--simulator.seed -5`), which this command line has always taken. So it only tokenizes here, and
  // every token is checked, in order, below.
  const { tokens } = parseArgs({ args: [...argv], options: spec.options, strict: false, allowPositionals: true, tokens: true });
  const reject = (message: string): UsageError => new UsageError(`${spec.prefix ?? ''}${message}`);
  const switches = new Set<string>();
  const values = new Map<string, string>();
  const seen = new Set<string>();
  for (const token of tokens) {
    const arg = argv[token.index] as string;
    if (token.kind !== 'option') throw reject(`unknown flag or argument "${arg}"`);
    const option = Object.hasOwn(spec.options, token.name) ? spec.options[token.name] : undefined;
    // `-h=1` reaches parseArgs as the group -h -= -1, so the argument as typed is compared too.
    if (option?.type === 'boolean' && arg.startsWith(`${token.rawName}=`)) throw reject(`unknown flag or argument "${arg}": ${token.rawName} takes no value`);
    const spelled = token.inlineValue === true ? `${token.rawName}=${token.value}` : token.rawName;
    if (option === undefined || arg !== spelled) throw reject(`unknown flag or argument "${arg}"`);
    if (option.type === 'string' && (token.value === undefined || token.value === '')) throw reject(`${token.rawName} needs a value`);
    // `-h` and `--help` are two flags, as they always were here: each may be given once.
    if (seen.has(token.rawName)) throw reject(`${token.rawName} may be given once`);
    seen.add(token.rawName);
    if (token.value === undefined) switches.add(token.name);
    else values.set(token.name, token.value);
  }
  return { switches, values };
}
