/**
 * Loads the YAML configuration file into the frozen, typed `ExporterConfig`, or throws one `ConfigError`
 * listing every problem found, each with file, line, column and key path.
 *
 * Pipeline: parse (positions kept) → expand `${VAR}` in string values → schema (zod) → cross-field rules →
 * `*_file` readability and the scheduler-config.xml imports → build. The YAML → schema → located problems part is yaml-document.ts, shared with
 * the web configuration. The environment and the readability check are passed in.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { baselineFindings } from './baseline-rules.js';
import { buildConfig } from './build.js';
import { readConfigText, unreadableFileError } from './read-text.js';
import type { Finding, Path } from './locate.js';
import { crossFieldFindings, duplicateNameFindings, fileReferences, proxyFindings } from './rules.js';
import { readSchedulerImports } from './scheduler-import.js';
import { scheduleFindings } from './schedule-rules.js';
import { configSchema, isSecretPath, knownKeys } from './schema.js';
import type { ExporterConfig } from './types.js';
import { readYamlDocument, validateWithSchema } from './yaml-document.js';

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
    throw unreadableFileError(file, err);
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

/**
 * Validates configuration `text` read from `file` (used in messages and to resolve relative paths; use
 * `<inline>` when there is no file). Throws a `ConfigError` with every problem found.
 */
export async function parseConfigText(text: string, file: string, options: LoadOptions): Promise<ExporterConfig> {
  const doc = readYamlDocument(text, file, { env: options.env });
  if (doc.data === null || doc.data === undefined) {
    throw new ConfigError([{ file, path: '', message: 'the file is empty; expected a map with "targets"' }]);
  }
  const baseDir = path.dirname(path.resolve(file));
  const mayShow = (p: Path): boolean => !isSecretPath(p) && !doc.fromEnv(p);
  const where = (p: Path): string => {
    const position = doc.locator.position(p, 'value');
    return position === undefined ? 'an earlier target' : `line ${position.line}, column ${position.column}`;
  };

  const parsed = validateWithSchema(configSchema, doc.data, { knownKeys, mayShow });
  const checkReadable = options.checkReadable ?? defaultCheckReadable;
  const [unreadable, scheduler] = await Promise.all([
    unreadableFiles(doc.data, baseDir, checkReadable),
    readSchedulerImports(doc.data, baseDir, checkReadable, options.signal),
  ]);
  const problems = [
    ...doc.problems([
      ...parsed.findings,
      ...crossFieldFindings(doc.data),
      ...scheduleFindings(doc.data),
      ...baselineFindings(doc.data),
      ...proxyFindings(doc.data, options.env),
      ...duplicateNameFindings(doc.data, where, mayShow),
      ...unreadable,
      ...scheduler.findings,
    ]),
    // Located in the XML files, after the YAML's own problems.
    ...scheduler.problems,
  ];
  if (!parsed.ok || problems.length > 0) throw new ConfigError(problems);
  return buildConfig(parsed.value, baseDir, options.env, scheduler.imports);
}
