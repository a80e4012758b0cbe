/**
 * bcrypt comparisons on worker threads. bcryptjs is pure JavaScript: a cost-10 comparison keeps the
 * thread it runs on busy for about 70 ms, and its async API only slices that work into chunks on the
 * same thread, so on the main thread a stream of wrong passwords delays every other request. Here the
 * main thread only posts a message and waits.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS evaluated by the worker, so that the same code runs from dist/ and from the sources
// under test; bcryptjs is resolved here and handed over as an absolute path.
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcrypt);
parentPort.on('message', ({ id, password, hash }) => {
  let ok = false;
  try { ok = bcrypt.compareSync(password, hash); } catch { ok = false; }
  parentPort.postMessage({ id, ok });
});
`;

export interface BcryptPool {
  /** True when `password` matches bcrypt `hash`; `$2y$` (htpasswd's) is read as `$2b$`. */
  compare(password: string, hash: string): Promise<boolean>;
  /** How many worker threads may run (at least 1); extra idle ones are stopped. */
  resize(size: number): void;
  /** Stops every worker; comparisons still waiting resolve false. */
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly password: string;
  readonly hash: string;
  readonly resolve: (ok: boolean) => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | undefined;
}

/** A pool of up to `size` worker threads, started on first use. */
export function createBcryptPool(size = 1): BcryptPool {
  const bcryptPath = createRequire(import.meta.url).resolve('bcryptjs');
  let limit = Math.max(1, size);
  let nextId = 0;
  let closed = false;
  const slots: Slot[] = [];
  const queue: Job[] = [];

  const retire = (slot: Slot): void => {
    const at = slots.indexOf(slot);
    if (at !== -1) slots.splice(at, 1);
    slot.job?.resolve(false);
    slot.job = undefined;
  };

  const spawnSlot = (): Slot => {
    const worker = new Worker(workerCode, { eval: true, workerData: { bcrypt: bcryptPath } });
    // A pool never keeps the process alive by itself; the server's close() stops it.
    worker.unref();
    const slot: Slot = { worker, job: undefined };
    worker.on('message', (message: { id: number; ok: boolean }) => {
      const job = slot.job;
      if (job?.id !== message.id) return;
      slot.job = undefined;
      job.resolve(message.ok === true);
      dispatch();
    });
    // A crashed worker fails its comparison (a refusal, never a pass) and is replaced on demand.
    worker.on('error', () => retire(slot));
    worker.on('exit', () => {
      retire(slot);
      dispatch();
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = (): void => {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.job === undefined) ?? (slots.length < limit ? spawnSlot() : undefined);
      if (slot === undefined) return;
      const job = queue.shift() as Job;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, password: job.password, hash: job.hash });
    }
  };

  return {
    compare(password, hash) {
      if (closed) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        queue.push({ id: ++nextId, password, hash: hash.replace(/^\$2y\$/, '$2b$'), resolve });
        dispatch();
      });
    },
    resize(next) {
      limit = Math.max(1, next);
      for (const slot of slots.filter((s) => s.job === undefined).slice(0, Math.max(0, slots.length - limit))) {
        retire(slot);
        void slot.worker.terminate();
      }
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve(false);
      await Promise.all(slots.splice(0).map((slot) => (slot.job?.resolve(false), slot.worker.terminate())));
    },
  };
}
