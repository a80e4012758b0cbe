import { batchWindowSteps } from './batch-window.js';
import { batchWindowPageParts } from './html/batch-window-page.js';
import { joinParts, runStepsAsync } from './steps.js';
import { statusPageParts } from './html/page.js';
import { statusJsonParts } from './json.js';
import { parseStatusQuery } from './query.js';
import type { StatusView } from './types.js';
import { statusViewSteps, type StatusInput } from './view-model.js';

export interface StatusEndpointOptions {
  /** Metrics path below the route prefix. */
  readonly telemetryPath: string;
  /** What the JSON's links start with: the external URL, else the route prefix (`""` at the root). */
  readonly linkBase: string;
  /** The exporter's state right now. */
  readonly input: () => StatusInput;
  /**
   * Awaited between steps of a render (a target's rows, a group of table rows): at 20 × 250 processes
   * a page is ~4 MB of HTML and ~0.2 s of work, which must not hold the event loop (and scrapes) at once.
   */
  readonly pause: () => Promise<void>;
}

/** The status page and its JSON twin, as the HTTP routes call them with the request's query string. */
export function statusEndpoints(options: StatusEndpointOptions): {
  statusPage(query: URLSearchParams): Promise<string>;
  statusApi(query: URLSearchParams): Promise<string>;
  batchWindowPage(query: URLSearchParams): Promise<string>;
} {
  const render = async (query: URLSearchParams, parts: (view: StatusView) => Iterable<string>): Promise<string> => {
    const view = await runStepsAsync(statusViewSteps(options.input(), parseStatusQuery(query)), options.pause);
    return runStepsAsync(joinParts(parts(view)), options.pause);
  };
  return {
    statusPage: (query) => render(query, (built) => statusPageParts(built, { telemetryPath: options.telemetryPath })),
    statusApi: (query) => render(query, (built) => statusJsonParts(built, { base: options.linkBase, telemetryPath: options.telemetryPath })),
    batchWindowPage: async (query) => {
      const view = await runStepsAsync(batchWindowSteps(options.input(), parseStatusQuery(query)), options.pause);
      return runStepsAsync(joinParts(batchWindowPageParts(view)), options.pause);
    },
  };
}
