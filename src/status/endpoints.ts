import { renderStatusPage } from './html/page.js';
import { statusJson } from './json.js';
import { parseStatusQuery } from './query.js';
import { buildStatusView, type StatusInput } from './view-model.js';

export interface StatusEndpointOptions {
  /** Metrics path below the route prefix. */
  readonly telemetryPath: string;
  /** What the JSON's links start with: the external URL, else the route prefix (`""` at the root). */
  readonly linkBase: string;
  /** The exporter's state right now. */
  readonly input: () => StatusInput;
}

/** The status page and its JSON twin, as the HTTP routes call them with the request's query string. */
export function statusEndpoints(options: StatusEndpointOptions): {
  statusPage(query: URLSearchParams): string;
  statusApi(query: URLSearchParams): string;
} {
  const view = (query: URLSearchParams) => buildStatusView(options.input(), parseStatusQuery(query));
  return {
    statusPage: (query) => renderStatusPage(view(query), { telemetryPath: options.telemetryPath }),
    statusApi: (query) => statusJson(view(query), { base: options.linkBase, telemetryPath: options.telemetryPath }),
  };
}
