import type { Logger } from '../logger.js';

/** Where the exposition cache reports how each target's renders go. */
export interface RenderReport {
  /** A render of `target`'s snapshot threw; its section is left out until a render succeeds. */
  failed(target: string, err: unknown): void;
  /** A render of `target`'s snapshot succeeded. */
  rendered(target: string): void;
}

/** Reports nothing: for tests and tools that render without an app. */
export const silentRenderReport: RenderReport = { failed: () => undefined, rendered: () => undefined };

/**
 * Counts every failed render (`count`) and logs each cause once per target while it lasts: again only
 * after that target rendered fine in between, or failed for another reason.
 */
export class RenderFailureLog implements RenderReport {
  readonly #log: Logger;
  readonly #count: (target: string) => void;
  /** The message last logged per failing target. */
  readonly #active = new Map<string, string>();

  constructor(log: Logger, count: (target: string) => void) {
    this.#log = log;
    this.#count = count;
  }

  failed(target: string, err: unknown): void {
    this.#count(target);
    const cause = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (this.#active.get(target) === cause) return;
    this.#active.set(target, cause);
    this.#log.error({ err, target }, "rendering a target's metrics failed; scrapes leave its guidewire_* series out and serve the rest");
  }

  rendered(target: string): void {
    if (this.#active.delete(target)) this.#log.info({ target }, "a target's metrics render again");
  }
}
