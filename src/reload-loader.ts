import type { Clock } from './clock.js';
import { formatDuration } from './config/duration.js';
import type { ExporterConfig } from './config/types.js';
import { boundedLoader } from './deadline.js';

/**
 * A reload gives up on reading the configuration after this long: a local file reads in milliseconds,
 * and a hung network mount or a FIFO without a writer must not hold `/-/reload`, SIGHUP and shutdown.
 */
export const defaultReloadTimeoutMs = 5_000;

/**
 * The app's configuration read for reloads: bounded by `ms`, given up when `signal` aborts (shutdown),
 * and refused while an earlier read is still stuck (see `boundedLoader`). Errors say which.
 */
export function reloadLoader(load: (signal: AbortSignal) => Promise<ExporterConfig>, options: { readonly ms: number; readonly clock: Clock; readonly signal: AbortSignal }): () => Promise<ExporterConfig> {
  return boundedLoader(load, {
    ...options,
    onTimeout: () => new Error(`reading the configuration did not finish within ${formatDuration(options.ms)} (--config.reload-timeout)`),
    onAbort: () => new Error('the exporter is shutting down'),
    onBusy: () => new Error('the previous read of the configuration has not returned yet (a hung file system, or a FIFO without a writer?)'),
  });
}
