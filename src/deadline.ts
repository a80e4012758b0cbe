import type { Clock } from './clock.js';

/**
 * Settles as `work` does, unless `ms` pass first (rejects with `onTimeout()`) or `signal` aborts
 * (rejects with `onAbort()`). The work itself goes on: use it for work that cannot be cancelled, such as
 * a file read stuck in the kernel, and keep track of it yourself.
 */
export function withDeadline<T>(
  work: Promise<T>,
  options: { readonly ms: number; readonly clock: Clock; readonly signal: AbortSignal; onTimeout(): Error; onAbort(): Error },
): Promise<T> {
  if (options.signal.aborted) return Promise.reject(options.onAbort());
  return new Promise<T>((resolve, reject) => {
    const finish = (): void => {
      options.clock.clearTimeout(timer);
      options.signal.removeEventListener('abort', abort);
    };
    const abort = (): void => {
      finish();
      reject(options.onAbort());
    };
    const timer = options.clock.setTimeout(() => {
      finish();
      reject(options.onTimeout());
    }, options.ms);
    options.signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        finish();
        resolve(value);
      },
      (err: unknown) => {
        finish();
        reject(err);
      },
    );
  });
}

/**
 * Wraps `load` so that every call is bounded by `withDeadline` (its signal aborts when the call is given
 * up on) and, while an earlier call has not returned (even though its caller gave up on it), fails at
 * once instead of starting another: a stuck
 * read cannot be cancelled (an `open()` of a FIFO without a writer or of a file on a hung mount holds a
 * libuv thread until it returns), and stuck reads piling up would take every thread zlib and DNS need.
 */
export function boundedLoader<T>(
  load: (signal: AbortSignal) => Promise<T>,
  options: { readonly ms: number; readonly clock: Clock; readonly signal: AbortSignal; onTimeout(): Error; onAbort(): Error; onBusy(): Error },
): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (options.signal.aborted) return Promise.reject(options.onAbort());
    if (pending !== undefined) return Promise.reject(options.onBusy());
    const controller = new AbortController();
    const work = load(controller.signal);
    pending = work;
    const settled = (): void => {
      if (pending === work) pending = undefined;
    };
    work.then(settled, settled);
    // Given up on (timeout, shutdown): tell the work, which stops if it can (a stream read can).
    return withDeadline(work, options).catch((err: unknown) => {
      controller.abort(err);
      throw err;
    });
  };
}
