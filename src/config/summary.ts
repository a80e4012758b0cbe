/**
 * A short, human-readable summary of a loaded configuration, printed by `--config.check`. It shows where
 * secrets come from, never what they are.
 */
import { formatDuration } from './duration.js';
import type { AuthConfig, ExporterConfig, SecretRef, TargetConfig } from './types.js';

const source = (ref: SecretRef): string => (ref.kind === 'inline' ? 'inline' : `from file ${ref.path}`);

function describeAuth(auth: AuthConfig): string {
  switch (auth.kind) {
    case 'none':
      return 'none';
    case 'basic':
      return `basic (username ${auth.username}, password ${source(auth.password)})`;
    case 'authorization':
      return `authorization (type ${auth.type}, credentials ${source(auth.credentials)})`;
    case 'oauth2': {
      const scopes = auth.scopes.length === 0 ? '' : `, scopes ${auth.scopes.join(' ')}`;
      return `oauth2 (token_url ${auth.tokenUrl}, client_id ${auth.clientId}, client secret ${source(auth.clientSecret)}${scopes})`;
    }
  }
}

const list = (patterns: readonly string[]): string => (patterns.length === 0 ? '(none)' : patterns.join(', '));

function describeTarget(target: TargetConfig): string {
  const rows: [string, string][] = [
    ['base_url', target.baseUrl],
    ['auth', describeAuth(target.auth)],
    ...(target.tls.insecureSkipVerify ? [['tls', 'certificate verification DISABLED (insecure_skip_verify)'] as [string, string]] : []),
    ['include', list(target.include)],
    ['exclude', list(target.exclude)],
    ['poll_interval', formatDuration(target.pollIntervalMs)],
    ['request_timeout', formatDuration(target.requestTimeoutMs)],
    ['concurrency', String(target.concurrency)],
    ['stall_after', formatDuration(target.stallAfterMs)],
    ['max_staleness', formatDuration(target.maxStalenessMs)],
    ['overrides', String(target.overrides.length)],
  ];
  return [`target ${target.name}`, ...rows.map(([key, value]) => `  ${`${key}:`.padEnd(17)}${value}`)].join('\n');
}

/** One block per target: name, base URL, auth kind and secret sources, process filters and timings. */
export function summarizeConfig(config: ExporterConfig): string {
  const count = config.targets.length === 1 ? '1 target' : `${config.targets.length} targets`;
  return `${[`configuration OK: ${count}`, ...config.targets.map(describeTarget)].join('\n\n')}\n`;
}
