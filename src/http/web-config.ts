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
import { valueAt } from '../config/issues.js';
import type { Finding } from '../config/locate.js';
import { unreadableFileError } from '../config/read-text.js';
import { readYamlDocument, validateWithSchema } from '../config/yaml-document.js';
import { ConfigError } from '../errors.js';
import { loadTlsMaterial, type TlsMaterial } from './tls-material.js';
import { mayShowWebValue } from './web-config-leaves.js';
import { tlsRuleFindings } from './web-config-rules.js';
import { webConfigSchema, webKnownKeys } from './web-config-schema.js';
import { buildWebSettings, type WebSettings } from './web-settings.js';

export type { WebSettings } from './web-settings.js';

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
    throw unreadableFileError(file, err);
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

/**
 * Parses and validates web configuration `text` read from `file` (relative paths resolve against its
 * directory), through the same YAML → schema → located problems pipeline as the main configuration.
 * Values are taken literally: no `${VAR}` expansion, as in exporter-toolkit.
 */
export function parseWebConfigText(text: string, file: string): WebConfig {
  const doc = readYamlDocument(text, file);
  // An empty file is valid for exporter-toolkit: plain HTTP, no authentication.
  const data = doc.data ?? {};
  const baseDir = path.dirname(path.resolve(file));
  const parsed = validateWithSchema(webConfigSchema, data, { knownKeys: webKnownKeys, mayShow: mayShowWebValue });
  const findings = [...parsed.findings, ...tlsRuleFindings(data)];
  if (!parsed.ok || doc.problems(findings).length > 0) {
    // Missing files are otherwise found when the certificates are read, which needs valid settings.
    throw new ConfigError(doc.problems([...findings, ...missingFiles(data, baseDir)]));
  }
  const settings = buildWebSettings(parsed.value, baseDir);
  if (settings.tls === undefined) return { file, settings, material: undefined };
  const material = loadTlsMaterial(settings.tls);
  if (!material.ok) {
    throw new ConfigError(doc.problems(material.problems.map((p) => ({ path: ['tls_server_config', p.key], at: 'value', message: p.message }))));
  }
  return { file, settings, material: material.material };
}

/** Reads and validates the web configuration file, including its certificate, key and CA files. */
export function loadWebConfigFile(file: string): WebConfig {
  return parseWebConfigText(readText(file), file);
}
