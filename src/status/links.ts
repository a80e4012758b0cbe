import { repositoryUrl } from '../version.js';

/** The exporter's own endpoints the status page links to, as paths below the route prefix. */
interface EndpointLink {
  readonly key: 'metrics' | 'config' | 'healthy' | 'ready' | 'api';
  readonly label: string;
  readonly path: string;
}

/**
 * Where the project's documentation lives: the `repository` of package.json, as `runbook_url` in
 * monitoring/alerts.yml (test/unit/deploy/repository-url.test.ts keeps the two equal).
 */
export const docsBase = `${repositoryUrl()}/blob/main`;

/** The status page's JSON twin, below the route prefix. */
export const statusApiPath = '/api/v1/status';

/** The batch-window timeline, below the route prefix (linked from the status page). */
export const batchWindowPath = '/batch-window';

/** Every endpoint the page links to. */
export function endpointLinks(telemetryPath: string): readonly EndpointLink[] {
  return [
    { key: 'metrics', label: 'Metrics', path: telemetryPath },
    { key: 'config', label: 'Configuration', path: '/config' },
    { key: 'healthy', label: 'Health', path: '/-/healthy' },
    { key: 'ready', label: 'Readiness', path: '/-/ready' },
    { key: 'api', label: 'Status JSON', path: statusApiPath },
  ];
}

/**
 * A link from the status page (served at `<prefix>/`) to `path` below the prefix. Relative, so it resolves
 * behind a proxy that keeps the prefix and behind one that strips it alike; `./` keeps a first segment
 * with a colon from reading as a URL scheme.
 */
export function relativeHref(path: string): string {
  return `./${path.replace(/^\/+/, '')}`;
}
