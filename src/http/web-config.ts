/**
 * Loads the web configuration file (`--web.config.file`, the exporter-toolkit format shared with
 * node_exporter) into settings plus checked TLS material, or throws one `ConfigError` listing every
 * problem with file, line, column and key, like the main configuration loader.
 *
 * Synchronous, like the TLS material it reads (see tls-material.ts): the server re-checks the file
 * between a connection's arrival and its handshake.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { valueAt } from '../config/issues.js';
import { createLocator, formatPath, type Finding } from '../config/locate.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { loadTlsMaterial, type TlsMaterial } from './tls-material.js';
import { validateWebConfig, type WebSettings } from './web-config-validate.js';

export type { WebSettings } from './web-config-validate.js';

export interface WebConfig {
  /** The file it was read from, as given. */
  readonly file: string;
  readonly settings: WebSettings;
  /** The certificate, key and CA as read; present exactly when `settings.tls` is. */
  readonly material: TlsMaterial | undefined;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read file (${code ?? 'unknown error'})`;
    throw new ConfigError([{ file, path: '', message: reason }], { cause: err });
  }
}

/** `*_file` keys of `tls_server_config` naming files that do not exist. */
function missingFiles(data: unknown, baseDir: string): Finding[] {
  const tls = valueAt(data, ['tls_server_config']);
  if (typeof tls !== 'object' || tls === null) return [];
  return ['cert_file', 'key_file', 'client_ca_file'].flatMap((key): Finding[] => {
    const name = (tls as Record<string, unknown>)[key];
    if (typeof name !== 'string' || name === '') return [];
    const resolved = path.resolve(baseDir, name);
    return existsSync(resolved) ? [] : [{ path: ['tls_server_config', key], at: 'value', message: `file "${resolved}" does not exist` }];
  });
}

/** Parses and validates web configuration `text` read from `file` (relative paths resolve against its directory). */
export function parseWebConfigText(text: string, file: string): WebConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { file, line, column: col, path: '', message: e.message };
      }),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const locator = createLocator(doc, lineCounter);
  const located = (findings: readonly Finding[]): ConfigProblem[] =>
    findings
      .map((f) => ({ file, ...locator.position(f.path, f.at), path: formatPath(f.path), message: f.message }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));

  // An empty file is valid for exporter-toolkit: plain HTTP, no authentication.
  const baseDir = path.dirname(path.resolve(file));
  const result = validateWebConfig(data ?? {}, baseDir);
  // Missing files are otherwise found when the certificates are read, which needs valid settings.
  if (!result.ok) throw new ConfigError(located([...result.findings, ...missingFiles(data, baseDir)]));
  const { settings } = result;
  if (settings.tls === undefined) return { file, settings, material: undefined };
  const material = loadTlsMaterial(settings.tls);
  if (!material.ok) {
    throw new ConfigError(located(material.problems.map((p) => ({ path: ['tls_server_config', p.key], at: 'value', message: p.message }))));
  }
  return { file, settings, material: material.material };
}

/** Reads and validates the web configuration file, including its certificate, key and CA files. */
export function loadWebConfigFile(file: string): WebConfig {
  return parseWebConfigText(readText(file), file);
}
