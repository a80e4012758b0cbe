/**
 * Reading a command's flags from argv, shared by the exporter's command line (args.ts) and the probe's
 * (probe-args.ts). Pure.
 */

/** Bad command-line input: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/** The flags a command accepts; `prefix` starts its error messages (e.g. `probe: `). */
export interface FlagSpec {
  readonly valueFlags: ReadonlySet<string>;
  readonly boolFlags: ReadonlySet<string>;
  readonly prefix?: string;
}

/**
 * Reads `--flag=value` and `--flag value` pairs, and bare yes/no flags (as `''`), into a map. Rejects
 * unknown flags, a value given to a yes/no flag (`--demo=false` must not mean demo), an empty or
 * missing value, and a flag given twice.
 */
export function collectFlags(argv: readonly string[], spec: FlagSpec): Map<string, string> {
  const prefix = spec.prefix ?? '';
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    let value: string | undefined;
    if (spec.boolFlags.has(name)) {
      if (eq !== -1) throw new UsageError(`${prefix}unknown flag or argument "${arg}": ${name} takes no value`);
      value = '';
    } else if (spec.valueFlags.has(name)) {
      value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`${prefix}${name} needs a value`);
    } else {
      throw new UsageError(`${prefix}unknown flag or argument "${arg}"`);
    }
    if (flags.has(name)) throw new UsageError(`${prefix}${name} may be given once`);
    flags.set(name, value);
  }
  return flags;
}

