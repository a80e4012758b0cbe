/**
 * Public types (and the one constant list of history orders) of the Guidewire System Tools API simulator.
 * See ../../../shared/guidewire-api.md for the API being simulated.
 */

/** One batch process as Guidewire sends it: JSON-ready, no parsing applied. */
export interface RawBatchProcess {
  readonly type: { readonly code: string; readonly name: string };
  readonly distributed: boolean;
  /** ProcessStatus exactly as it goes on the wire (one of the documented shapes, or anything a test wants). */
  readonly status: Record<string, unknown>;
  /** Worker status of a distributed process; omitted from the wire when absent. */
  readonly workQueueStatus?: Record<string, unknown>;
}

/**
 * One ProcessHistory row (one run of a batch process), exactly the `attributes` sent by `/histories`.
 * Dates are ISO-8601 UTC with milliseconds. A run that has not finished yet has no `dateCompleted` and
 * `ranToCompletion: false`, `internalFailure: false`; one just created has no `startDate` either.
 */
export interface RawProcessHistory {
  /** Opaque, e.g. `ab:Swdab0ToBSDtgSnHcTZZW`; the last segment of the row's href. */
  readonly id: string;
  readonly type: { readonly code: string; readonly name: string };
  readonly description: string;
  readonly dateCreated: string;
  readonly startDate?: string;
  readonly dateCompleted?: string;
  readonly opsCompleted: number;
  readonly failedOps: number;
  readonly ranToCompletion: boolean;
  readonly internalFailure: boolean;
  /** Started by the scheduler rather than on demand. */
  readonly scheduled: boolean;
  readonly serverId: string;
  /** A UUID. */
  readonly leaseId: string;
}

/** Where the simulator's batch processes come from. Implementations must be deterministic for a given `now`. */
export interface SimulatorModel {
  /** Every batch process type, in a stable order. */
  list(now: number): RawBatchProcess[];
  /** One type by its case-sensitive code; `undefined` when unknown. */
  get(code: string, now: number): RawBatchProcess | undefined;
  /**
   * The run history of a type, oldest first; `[]` when it never ran, `undefined` when the type is unknown.
   * The server sorts by `dateCreated` then `id` in `SimulatorOptions.historyOrder` before paging.
   */
  histories(code: string, now: number): RawProcessHistory[] | undefined;
}

/** Orders `/histories` can be served in (Guidewire does not document its order). */
export const HISTORY_ORDERS = ['newest-first', 'oldest-first'] as const;
export type HistoryOrder = (typeof HISTORY_ORDERS)[number];

/** The definitions the simulator can serve (`none`: neither, as a release or gateway that hides them). */
export const API_SCHEMA_FLAVOURS = ['openapi', 'swagger', 'none'] as const;
export type ApiSchemaFlavour = (typeof API_SCHEMA_FLAVOURS)[number];

/** The query parameters a collection may declare. */
export const HISTORY_PARAMS = ['pageSize', 'pageOffset', 'includeTotal', 'fields'] as const;
export type HistoryParam = (typeof HISTORY_PARAMS)[number];

/** `envelope`: `{ data: { attributes, checksum, links } }`; `bare`: the attributes alone; `absent`: 404, as an older release answers. */
export const SYSTEM_TIME_SHAPES = ['envelope', 'bare', 'absent'] as const;
export type SystemTimeShape = (typeof SYSTEM_TIME_SHAPES)[number];

/** How `GET /systemtools/v1/system-time` answers. */
export interface SystemTimeOptions {
  /** Default `envelope`. */
  shape?: SystemTimeShape;
  /** IANA zone of `zoneId` and `zoneOffset`; default `America/Chicago`. */
  zone?: string;
  /** `utc` (default): `dateTime` in UTC like every other date (`…T20:49:15.956Z`); `offset`: the zone's wall clock with its offset (`…T14:49:15.956-06:00`). */
  dateTimeFormat?: 'utc' | 'offset';
}

/** How `GET /systemtools/v1/database-consistency-checks` answers (its runs follow the `DBConsistencyCheck` process's). */
export interface ConsistencyCheckOptions {
  /** Answer 404, as a release (or an API role) without the endpoint does. Default false. */
  absent?: boolean;
  /** Order of the check runs by `startTime`; default `newest-first`. */
  order?: HistoryOrder;
}

export interface SimulatorOptions {
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Port to bind; default 0 (a free port). */
  port?: number;
  /** `''` (default, Guidewire Cloud style) or e.g. `/pc` (self-managed). The API lives under `${contextRoot}/rest`. */
  contextRoot?: string;
  /**
   * Whether list items carry `status` and `workQueueStatus`: always (true, default), never (false: the
   * definition then does not declare them on list items), or `when-asked`: only when `fields` asks for them
   * (`*all`, or naming `status`), as optional fields Guidewire returns only on request.
   */
  listIncludesStatus?: boolean | 'when-asked';
  /** Whether the list declares (and so accepts) `fields`; default true. Undeclared, it is a 400. */
  listFields?: boolean;
  /**
   * Query parameters `/histories` declares, default all four; any other is a 400. Without `pageOffset`, its
   * `links.next` page with an opaque `pageToken` instead (the only way through such a collection).
   */
  historyParams?: readonly HistoryParam[];
  /** Which definition it serves: `openapi` (openapi.json, default), `swagger` (swagger.json only), `none` (both 404). */
  apiSchema?: ApiSchemaFlavour;
  /** Default page size of collections; default 25. */
  pageSize?: number;
  /** Largest accepted `pageSize`; default 100. Larger requests answer 400. */
  maxPageSize?: number;
  /** Order of `/histories` collections by `dateCreated` (then `id`), applied before paging; default `newest-first`. */
  historyOrder?: HistoryOrder;
  /** No auth object: no auth required. With both methods configured, either is accepted. */
  auth?: {
    basic?: { username: string; password: string };
    oauth2?: { clientId: string; clientSecret: string; tokenTtlSeconds?: number };
  };
  model: SimulatorModel;
  /** Milliseconds since the Unix epoch; default `Date.now`. Drives the model and token expiry. */
  now?: () => number;
  /**
   * The simulator's clock runs this far ahead of `now` (negative: behind), as a server whose clock drifts:
   * every date it serves (runs, `/system-time`) and the model's instants are `now() + clockOffsetMs`. Default 0.
   */
  clockOffsetMs?: number;
  /** `/system-time`: its shape (envelope, bare, absent = 404), zone (default `America/Chicago`) and date format. */
  systemTime?: SystemTimeOptions;
  /** `/database-consistency-checks`: absent (404) or not, and its order. */
  consistencyChecks?: ConsistencyCheckOptions;
}

/**
 * What a fault does: answer with `status` (a Guidewire error body when `body` is absent and status >= 400;
 * a string body is sent as-is), delay normal handling by `delayMs`, or destroy the socket.
 */
export type FaultAction =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { delayMs: number }
  | { destroy: true };

/** A fault answers matching requests instead of the normal handler (or delays them). */
export type Fault = {
  /** A string matches the exact request path (no query); a RegExp is tested on it. */
  path: RegExp | string;
  /** How many requests the fault answers; default unlimited. */
  times?: number;
} & FaultAction;

export interface SimulatorStats {
  /** Requests received per path (without query string), faulted ones included. */
  readonly requests: Map<string, number>;
  /** The query string of the latest request per path (`''` without one): which parameters a client sent. */
  readonly lastQuery: Map<string, string>;
  /** Access tokens issued by the token endpoint so far. */
  readonly tokensIssued: number;
}

export interface RunningSimulator {
  /** `http://HOST:PORT${contextRoot}/rest`: what an exporter target's base URL would be. */
  readonly baseUrl: string;
  /** `http://HOST:PORT/oauth2/default/v1/token`. */
  readonly tokenUrl: string;
  readonly port: number;
  readonly stats: SimulatorStats;
  /** Adds a fault; earlier faults take precedence over later ones. */
  setFault(fault: Fault): void;
  clearFaults(): void;
  /** Stops listening and destroys every open socket. */
  close(): Promise<void>;
}
