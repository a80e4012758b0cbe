import type { TargetConfig } from '../config/types.js';
import type { ApiSchemaReading, GuidewireApi } from '../guidewire/api.js';
import { unmappedWorkQueueFields } from '../guidewire/parse-work-queue.js';
import { planSummary } from '../guidewire/schema-summary.js';
import type { Logger } from '../logger.js';
import type { FetchProblem } from './fetch-target.js';
import { DeferredRequestError } from './retry-gate.js';

/** After a failed read (network, 5xx), the next try waits this long: a definition is megabytes, not a poll's worth. */
export const schemaRetryMs = 10 * 60 * 1000;

/**
 * Reads a target's API definition once, before its first status poll: the client then sends only what it
 * declares (see `RequestPlan`). An absent or unusable definition is an answer too (the defaults apply, and
 * 400s narrow them); a failed read is tried again after `schemaRetryMs`. `reset()` (a configuration reload
 * that kept the target) reads it again, since a release upgrade may have changed it.
 */
export class ApiSchemaReader {
  readonly #target: TargetConfig;
  readonly #log: Logger;
  #reading: ApiSchemaReading | undefined;
  #failedAt: number | undefined;

  constructor(target: TargetConfig, log: Logger) {
    this.#target = target;
    this.#log = log;
  }

  /** What the last read found; undefined until one answered. */
  get current(): ApiSchemaReading | undefined {
    return this.#reading;
  }

  reset(): void {
    this.#reading = undefined;
    this.#failedAt = undefined;
  }

  /** Reads the definition when due; the problems met, or undefined when no read was due. Never throws. */
  async poll(api: GuidewireApi, now: () => number, signal?: AbortSignal): Promise<FetchProblem[] | undefined> {
    if (this.#reading !== undefined) return undefined;
    if (this.#failedAt !== undefined && now() - this.#failedAt < schemaRetryMs) return undefined;
    try {
      const reading = await api.readApiSchema(signal);
      this.#reading = reading;
      this.#failedAt = undefined;
      const plan = api.requestPlan();
      if (reading.source === 'none') {
        this.#log.info({ reason: reading.reason }, `no usable API definition (${reading.reason ?? 'none'}); ${planSummary(plan)}; a parameter Guidewire refuses with a 400 is dropped once`);
      } else {
        // Field names a release declares that no metric shows: what to look at when a queue's metrics look thin.
        const unmapped = unmappedWorkQueueFields(reading.capabilities?.workQueueStatusFields ?? []);
        this.#log.info(
          { source: reading.source, version: reading.capabilities?.version, ...(unmapped.length === 0 ? {} : { unmappedWorkQueueFields: unmapped }) },
          `learned the API from ${reading.source}.json: ${planSummary(plan)}`,
        );
      }
      return [];
    } catch (error) {
      if (signal?.aborted === true || error instanceof DeferredRequestError) return undefined;
      this.#failedAt = now();
      this.#log.debug({ target: this.#target.name, err: error }, `the API definition could not be read; defaults apply, tried again in ${schemaRetryMs / 60_000} minutes`);
      return [{ error, failedRequest: true }];
    }
  }
}
