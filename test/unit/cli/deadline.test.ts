import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import { boundedLoader } from '../../../src/deadline.js';

const errors = { onTimeout: () => new Error('timeout'), onAbort: () => new Error('stopping'), onBusy: () => new Error('busy') };

describe('boundedLoader', () => {
  it('passes a result through, and gives up after the deadline, aborting the work', async () => {
    let seen: AbortSignal | undefined;
    const load = boundedLoader((signal) => ((seen = signal), new Promise<string>(() => {})), { ms: 20, clock: systemClock, signal: new AbortController().signal, ...errors });
    await expect(load()).rejects.toThrow('timeout');
    expect(seen?.aborted).toBe(true);
    const quick = boundedLoader(() => Promise.resolve('ok'), { ms: 20, clock: systemClock, signal: new AbortController().signal, ...errors });
    await expect(quick()).resolves.toBe('ok');
  });

  it('starts no second read while one that cannot be cancelled is still stuck, and reads again once it returns', async () => {
    let release: (value: string) => void = () => {};
    let calls = 0;
    const load = boundedLoader(
      () => {
        calls++;
        return calls === 1 ? new Promise<string>((resolve) => (release = resolve)) : Promise.resolve('second');
      },
      { ms: 20, clock: systemClock, signal: new AbortController().signal, ...errors },
    );
    await expect(load()).rejects.toThrow('timeout');
    await expect(load()).rejects.toThrow('busy');
    expect(calls).toBe(1);
    release('late');
    await new Promise((resolve) => setImmediate(resolve));
    await expect(load()).resolves.toBe('second');
  });

  it('gives up at once when the shutdown signal aborts', async () => {
    const stopping = new AbortController();
    const load = boundedLoader(() => new Promise<string>(() => {}), { ms: 60_000, clock: systemClock, signal: stopping.signal, ...errors });
    const pending = load();
    stopping.abort();
    await expect(pending).rejects.toThrow('stopping');
    await expect(load()).rejects.toThrow('stopping');
  });
});
