/**
 * Loads the YAML configuration file into the frozen, typed `ExporterConfig`, or throws one `ConfigError`
 * listing every problem found, each with file, line, column and key path.
 *
 * Pipeline: parse (positions kept) → expand `${VAR}` in string values → schema (zod) → cross-field rules →
 * `*_file` readability → build. The environment and the readability check are passed in.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { buildConfig } from './build.js';
import { findingsFromIssues } from './issues.js';
import { createLocator, formatPath } from './locate.js';
import { readConfigText } from './read-text.js';
import type { Finding, Locator, Path } from './locate.js';
import { crossFieldFindings, duplicateNameFindings, fileReferences, proxyFindings } from './rules.js';
import { configSchema, isSecretPath } from './schema.js';
import { parseSource } from './source.js';
import type { ExporterConfig } from './types.js';

export interface LoadOptions {
  /** Variables for `${VAR}` expansion and the proxy fallback (`HTTPS_PROXY`, …); the CLI passes `process.env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether a `*_file` can be read; defaults to `fs.promises.access(path, R_OK)` on a regular file. */
  readonly checkReadable?: (path: string) => Promise<boolean>;
  /** Gives up on reading the file (a reload that took too long, or a shutdown): see `readConfigText`. */
  readonly signal?: AbortSignal;
}

const defaultCheckReadable = async (file: string): Promise<boolean> => {
  try {
    await access(file, constants.R_OK);
    // A directory passes the access check but cannot be read as a secret or certificate.
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
};

/**
 * Reads and validates the configuration file at `file`. An unreadable file is a `ConfigError` too; an
 * aborted read rejects with the signal's reason.
 */
export async function loadConfigFile(file: string, options: LoadOptions): Promise<ExporterConfig> {
  let text: string;
  try {
    text = await readConfigText(file, options.signal);
  } catch (err) {
    if (options.signal?.aborted === true) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read file (${code ?? 'unknown error'})`;
    throw new ConfigError([{ file, path: '', message: reason }], { cause: err });
  }
  return parseConfigText(text, file, options);
}

async function unreadableFiles(
  data: unknown,
  baseDir: string,
  checkReadable: (path: string) => Promise<boolean>,
): Promise<Finding[]> {
  const checks = fileReferences(data).map(async ({ path: keyPath, file }): Promise<Finding[]> => {
    const resolved = path.resolve(baseDir, file);
    if (await checkReadable(resolved)) return [];
    const shown = resolved === file ? `"${file}"` : `"${file}" (resolved to "${resolved}")`;
    return [{ path: keyPath, at: 'value', message: `file ${shown} does not exist or is not a readable file` }];
  });
  return (await Promise.all(checks)).flat();
}

function toProblem(file: string, locator: Locator, finding: Finding): ConfigProblem {
  const position = finding.offset === undefined ? locator.position(finding.path, finding.at) : locator.offset(finding.offset);
  return { file, ...position, path: formatPath(finding.path), message: finding.message };
}

const byPosition = (a: ConfigProblem, b: ConfigProblem): number =>
  (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

/**
 * Validates configuration `text` read from `file` (used in messages and to resolve relative paths; use
 * `<inline>` when there is no file). Throws a `ConfigError` with every problem found.
 */
export async function parseConfigText(text: string, file: string, options: LoadOptions): Promise<ExporterConfig> {
  const source = parseSource(text, options.env);
  if (!source.ok) {
    throw new ConfigError(source.errors.map((e) => ({ file, ...e, path: '' })));
  }
  if (source.data === null || source.data === undefined) {
    throw new ConfigError([{ file, path: '', message: 'the file is empty; expected a map with "targets"' }]);
  }
  const baseDir = path.dirname(path.resolve(file));
  const locator = createLocator(source.doc, source.lineCounter);
  const mayShow = (p: Path): boolean => !isSecretPath(p) && !source.fromEnv(locator.nodeAt(p));
  const where = (p: Path): string => {
    const position = locator.position(p, 'value');
    return position === undefined ? 'an earlier target' : `line ${position.line}, column ${position.column}`;
  };

  const parsed = configSchema.safeParse(source.data);
  const later: Finding[] = [
    ...(parsed.success ? [] : findingsFromIssues(parsed.error.issues, source.data, mayShow)),
    ...crossFieldFindings(source.data),
    ...proxyFindings(source.data, options.env),
    ...duplicateNameFindings(source.data, where, mayShow),
    ...(await unreadableFiles(source.data, baseDir, options.checkReadable ?? defaultCheckReadable)),
  ];
  // A value already reported while parsing (e.g. an unset variable, now "") is not reported again.
  const reported = new Set(source.findings.map((f) => formatPath(f.path)));
  const all = [...source.findings, ...later.filter((f) => !reported.has(formatPath(f.path)))];

  if (!parsed.success || all.length > 0) {
    throw new ConfigError(all.map((f) => toProblem(file, locator, f)).sort(byPosition));
  }
  return buildConfig(parsed.data, baseDir, options.env);
}
