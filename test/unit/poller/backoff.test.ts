import { defaultPlan } from '../../../src/guidewire/request-plan.js';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import { UpstreamStatusError } from '../../../src/errors.js';
import type { GuidewireApi } from '../../../src/guidewire/api.js';
import { backoffDelay, maxBackoffMs, maxRetryAfterMs, retryNotBefore } from '../../../src/poller/backoff.js';
import { DeferredRequestError, withRetryGate } from '../../../src/poller/retry-gate.js';

describe('backoffDelay', () => {
  it('doubles per consecutive failure up to the cap, with ±20 % jitter, and is the interval without failures', () => {
    expect(backoffDelay(60_000, 0, 0.5)).toBe(60_000);
    expect(backoffDelay(60_000, 1, 0.5)).toBe(120_000);
    expect(backoffDelay(60_000, 2, 0.5)).toBe(240_000);
    expect(backoffDelay(60_000, 3, 0.5)).toBe(maxBackoffMs);
    expect(backoffDelay(60_000, 50, 0.5)).toBe(maxBackoffMs);
    expect(backoffDelay(60_000, 1, 0)).toBe(96_000);
    expect(backoffDelay(60_000, 1, 1)).toBe(144_000);
  });

  it('never backs off below the interval of a slow-polling target', () => {
    expect(backoffDelay(3_600_000, 5, 0.5)).toBe(3_600_000);
  });

  it('caps absurd Retry-After values', () => {
    expect(retryNotBefore(1_000, 30)).toBe(31_000);
    expect(retryNotBefore(0, 10 * 86_400)).toBe(maxRetryAfterMs);
    expect(retryNotBefore(5, -3)).toBe(5);
  });
});

describe('withRetryGate', () => {
  it('sends nothing until the Retry-After time once Guidewire asked to wait', async () => {
    let now = 0;
    let calls = 0;
    const api: GuidewireApi = {
      listBatchProcesses: async () => {
        calls++;
        if (calls === 1) throw new UpstreamStatusError(429, '/rest/systemtools/v1/batch-processes', { retryAfterSeconds: 30 });
        return { items: [], invalid: [] };
      },
      getBatchProcess: async () => {
        throw new Error('unused');
      },
      getHistoryPage: async () => ({ items: [], invalid: [] }),
      getSystemTime: async () => Promise.reject(new Error('unused')),
      listConsistencyChecks: async () => Promise.reject(new Error('unused')),
      readApiSchema: async () => ({ source: 'none' as const }),
      requestPlan: () => defaultPlan(100),
      close: async () => undefined,
    };
    const gate = withRetryGate(api, { ...systemClock, now: () => now });
    await expect(gate.listBatchProcesses()).rejects.toBeInstanceOf(UpstreamStatusError);
    expect(gate.notBefore()).toBe(30_000);
    now = 29_999;
    await expect(gate.getHistoryPage('X', {})).rejects.toBeInstanceOf(DeferredRequestError);
    await expect(gate.listBatchProcesses()).rejects.toBeInstanceOf(DeferredRequestError);
    expect(calls).toBe(1);
    now = 30_000;
    await expect(gate.listBatchProcesses()).resolves.toEqual({ items: [], invalid: [] });
    expect(gate.notBefore()).toBe(0);
  });
});
