import type { ConsistencyCheckList } from './consistency-checks.js';
import type { SchemaSource, TenantCapabilities } from './api-schema.js';
import type { RequestPlan } from './request-plan.js';
import type { SystemTimeReading } from './system-time.js';
import type { BatchProcess, BatchProcessList, HistoryPageRequest, ProcessHistoryPage } from './types.js';

/** What the poller needs from Guidewire. Implemented over HTTP by `client.ts`. */
export interface GuidewireApi {
  /** `GET /systemtools/v1/batch-processes`, following every `links.next`. */
  listBatchProcesses(signal?: AbortSignal): Promise<BatchProcessList>;
  /** `GET /systemtools/v1/batch-processes/{code}`. Throws `UpstreamStatusError` (404 for unknown codes). */
  getBatchProcess(code: string, signal?: AbortSignal): Promise<BatchProcess>;
  /** One page of `GET /systemtools/v1/batch-processes/{code}/histories`. */
  getHistoryPage(code: string, request: HistoryPageRequest, signal?: AbortSignal): Promise<ProcessHistoryPage>;
  /**
   * `GET /systemtools/v1/system-time`, with when it was sent and answered on the exporter's clock (for the
   * offset at the request's midpoint). Throws `UpstreamStatusError` (404 on releases without it).
   */
  getSystemTime(signal?: AbortSignal): Promise<SystemTimeReading>;
  /**
   * `GET /systemtools/v1/database-consistency-checks`, following `links.next` until the latest finished run
   * is known (see `enoughChecksRead`). Throws `UpstreamStatusError` (404 on releases without it).
   */
  listConsistencyChecks(signal?: AbortSignal): Promise<ConsistencyCheckList>;
  /**
   * `GET /systemtools/v1/openapi.json` (then `swagger.json`): what the tenant's API declares. From then on
   * the client asks for what it allows (`requestPlan`). A definition that is absent (404, 403) or unusable
   * answers `source: 'none'` with the reason; other failures (network, 5xx) throw, to be tried again.
   */
  readApiSchema(signal?: AbortSignal): Promise<ApiSchemaReading>;
  /** The optional query parameters sent now: from the definition, else defaults narrowed by 400s. */
  requestPlan(): RequestPlan;
  /** Closes every connection; pending requests are aborted. */
  close(): Promise<void>;
}

/** One finished HTTP request to the Guidewire API (not the token endpoint), for self-instrumentation. */
export interface RequestObservation {
  /** The path requested, relative to the origin, without query string. */
  readonly endpoint: string;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  readonly durationSeconds: number;
}

export type RequestObserver = (observation: RequestObservation) => void;

/** What reading the tenant's API definition found. */
export interface ApiSchemaReading {
  readonly source: SchemaSource;
  readonly capabilities?: TenantCapabilities;
  /** Why no definition was used (`source: 'none'`): each path tried and its answer. */
  readonly reason?: string;
}
