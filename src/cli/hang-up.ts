/**
 * SIGHUP requests, from the moment the CLI entry runs until the exporter stops. Before the exporter has
 * started, a SIGHUP is remembered and one reload runs as soon as it has (the configuration may have
 * changed after it was read); once the shutdown has begun, SIGHUP is ignored. No `process` here: the
 * entry installs the signal handler and calls `signal()`.
 */
export class HangUps {
  #reload: (() => void) | undefined;
  #pending = false;
  #stopped = false;

  /** A SIGHUP arrived. */
  signal(): void {
    if (this.#stopped) return;
    if (this.#reload === undefined) this.#pending = true;
    else this.#reload();
  }

  /**
   * The exporter has started: every later SIGHUP calls `reload`, and so does one that arrived before.
   * Returns whether one had.
   */
  started(reload: () => void): boolean {
    this.#reload = reload;
    if (!this.#pending) return false;
    this.#pending = false;
    reload();
    return true;
  }

  /** The shutdown has begun: SIGHUPs are ignored from now on (still caught, so they cannot kill). */
  stopping(): void {
    this.#stopped = true;
  }
}
