import type { Clock } from '../clock.js';
import { ExporterError, ErrorCodes, UpstreamStatusError } from '../errors.js';
import type { GuidewireApi } from '../guidewire/api.js';
import { retryNotBefore } from './backoff.js';

/** A request the exporter did not send because Guidewire asked it to wait (`Retry-After`). */
export class DeferredRequestError extends ExporterError {
  readonly notBefore: number;
  constructor(notBefore: number) {
    super(ErrorCodes.upstreamStatus, `not sent: Guidewire asked to wait until ${new Date(notBefore).toISOString()} (Retry-After)`);
    this.notBefore = notBefore;
  }
}

export interface GatedApi extends GuidewireApi {
  /** Until when (ms since epoch) requests are held back; 0 when they are not. */
  notBefore(): number;
}

/**
 * Wraps a target's API so that once Guidewire answers with `Retry-After` (429, or 503 with the header),
 * no further request leaves before that time: calls fail at once with `DeferredRequestError`.
 */
export function withRetryGate(api: GuidewireApi, clock: Clock): GatedApi {
  let notBefore = 0;
  const gated = async <T>(call: () => Promise<T>): Promise<T> => {
    if (clock.now() < notBefore) throw new DeferredRequestError(notBefore);
    try {
      return await call();
    } catch (err) {
      if (err instanceof UpstreamStatusError && err.retryAfterSeconds !== undefined) {
        notBefore = Math.max(notBefore, retryNotBefore(clock.now(), err.retryAfterSeconds));
      }
      throw err;
    }
  };
  return {
    listBatchProcesses: (signal) => gated(() => api.listBatchProcesses(signal)),
    getBatchProcess: (code, signal) => gated(() => api.getBatchProcess(code, signal)),
    getHistoryPage: (code, request, signal) => gated(() => api.getHistoryPage(code, request, signal)),
    getSystemTime: (signal) => gated(() => api.getSystemTime(signal)),
    listConsistencyChecks: (signal) => gated(() => api.listConsistencyChecks(signal)),
    readApiSchema: (signal) => gated(() => api.readApiSchema(signal)),
    requestPlan: () => api.requestPlan(),
    close: () => api.close(),
    notBefore: () => (clock.now() < notBefore ? notBefore : 0),
  };
}
