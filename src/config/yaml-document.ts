/**
 * The one pipeline from YAML text to located problems, shared by the configuration file (load.ts) and
 * the web configuration file (http/web-config.ts): parse keeping positions → validate with a zod schema →
 * turn issues into findings → locate each at file:line:column with its dotted key path → one
 * `ConfigError`. What differs between the two files (environment expansion, cross-field rules, what
 * may be quoted) is passed in. Synchronous: the web configuration is read on the handshake path.
 */
import type * as z from 'zod';
import { ConfigError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { findingsFromIssues } from './issues.js';
import type { KnownKeys } from './issues.js';
import { createLocator, formatPath } from './locate.js';
import type { Finding, Locator, Path } from './locate.js';
import { parseSource } from './source.js';

export interface YamlDocument {
  /** The document as plain data (expanded when an environment was given); `null` for an empty file. */
  readonly data: unknown;
  readonly locator: Locator;
  /** True when the value at `path` came (partly) from the environment, and so must not be quoted. */
  fromEnv(path: Path): boolean;
  /**
   * The document's own findings (duplicate keys, `${VAR}` problems) plus the `later` ones, located and
   * sorted by position. A later finding on a key the document already reported is left out (an unset
   * variable, now `""`, is not also reported as empty). Empty when there is no problem.
   */
  problems(later: readonly Finding[]): ConfigProblem[];
}

export interface ReadYamlOptions {
  /** Variables for `${VAR}` expansion in string values; without it values are taken literally. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

const byPosition = (a: ConfigProblem, b: ConfigProblem): number =>
  (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

/** Locates `finding` in `file`: at its explicit offset when it has one, else at its path. */
export function locateFinding(file: string, locator: Locator, finding: Finding): ConfigProblem {
  const position = finding.offset === undefined ? locator.position(finding.path, finding.at) : locator.offset(finding.offset);
  return { file, ...position, path: formatPath(finding.path), message: finding.message };
}

/**
 * Parses YAML `text` read from `file` (the name used in messages). A document that does not parse is a
 * `ConfigError` with every syntax error at once: it cannot be meaningfully validated.
 */
export function readYamlDocument(text: string, file: string, options: ReadYamlOptions = {}): YamlDocument {
  const source = parseSource(text, options.env);
  if (!source.ok) throw new ConfigError(source.errors.map((e) => ({ file, ...e, path: '' })));
  const locator = createLocator(source.doc, source.lineCounter);
  return {
    data: source.data,
    locator,
    fromEnv: (path) => source.fromEnv(locator.nodeAt(path)),
    problems(later) {
      const reported = new Set(source.findings.map((f) => formatPath(f.path)));
      const all = [...source.findings, ...later.filter((f) => !reported.has(formatPath(f.path)))];
      return all.map((f) => locateFinding(file, locator, f)).sort(byPosition);
    },
  };
}

export type Validated<T> =
  | { readonly ok: true; readonly value: T; readonly findings: readonly [] }
  | { readonly ok: false; readonly findings: readonly Finding[] };

export interface ValidateOptions {
  /** The keys each map may have, for the "did you mean" hint on an unknown key. */
  readonly knownKeys: KnownKeys;
  /** Whether the value at a path may be quoted in a message: never a secret, never a value from the environment. */
  readonly mayShow: (path: Path) => boolean;
}

/** Runs `schema` over `data`: the typed value, or findings written for people editing YAML (see issues.ts). */
export function validateWithSchema<S extends z.ZodType>(schema: S, data: unknown, options: ValidateOptions): Validated<z.output<S>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data, findings: [] };
  return { ok: false, findings: findingsFromIssues(parsed.error.issues, data, options.mayShow, options.knownKeys) };
}
