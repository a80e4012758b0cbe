/**
 * The Guidewire side of a benchmark: one simulator per target (so requests and connections can be told
 * apart per target), all serving one shared model of `processes` batch processes, each behind a
 * connection-counting proxy. Optionally slowed down (`delayMs` on every request) and churning.
 */
import { createStaticModel, startSimulator, type RunningSimulator, type StaticModel } from '../src/simulator/index.js';
import { startCountingProxy, type CountingProxy } from './counting-proxy.js';
import { churn, populate, processCode } from './fleet-model.js';

export interface FleetOptions {
  readonly targets: number;
  readonly processes: number;
  /** Whether list items carry their status (one request per page) or not (one more per process). */
  readonly listIncludesStatus?: boolean | 'when-asked';
  /** Latency added to every API request, in ms. */
  readonly delayMs?: number;
  /** Changes the model every second (runs start, progress and finish; processes come and go). */
  readonly churn?: boolean;
  /** Called as each API request is answered (after `delayMs`), with its kind. */
  readonly onAnswer?: (kind: RequestKind) => void;
}

export type RequestKind = 'list' | 'get' | 'history';

/** API requests one target received, by kind. */
export interface UpstreamCounts {
  readonly list: number;
  readonly get: number;
  readonly history: number;
  readonly connections: number;
}

export interface FleetTarget {
  readonly name: string;
  /** The proxy's URL: what the exporter's `base_url` is. */
  readonly baseUrl: string;
  readonly simulator: RunningSimulator;
  readonly proxy: CountingProxy;
}

export interface Fleet {
  readonly model: StaticModel;
  readonly targets: readonly FleetTarget[];
  /** Page size of the list as the exporter reads it: its `list_page_size`, the simulators' maximum. */
  readonly pageSize: number;
  counts(target: FleetTarget): UpstreamCounts;
  close(): Promise<void>;
}

/** Guidewire's typical default and maximum page sizes; the exporter asks for the maximum (`list_page_size`). */
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const LIST_PATH = '/rest/systemtools/v1/batch-processes';

/** Adds up a simulator's requests by kind: the list, single processes, histories. */
export function countRequests(requests: ReadonlyMap<string, number>): Omit<UpstreamCounts, 'connections'> {
  let list = 0;
  let get = 0;
  let history = 0;
  for (const [path, n] of requests) {
    if (path === LIST_PATH) list += n;
    else if (path.includes('/histories')) history += n;
    else if (path.startsWith(`${LIST_PATH}/`)) get += n;
  }
  return { list, get, history };
}

/** Starts the simulators and proxies; `close()` stops them and the churn. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const base = createStaticModel();
  const now = Date.now();
  populate(base, options.processes, now);
  const onAnswer = options.onAnswer;
  const model: StaticModel =
    onAnswer === undefined
      ? base
      : {
          ...base,
          list: (at) => (onAnswer('list'), base.list(at)),
          get: (code, at) => (onAnswer('get'), base.get(code, at)),
          histories: (code, at) => (onAnswer('history'), base.histories(code, at)),
        };
  const targets: FleetTarget[] = [];
  for (let i = 0; i < options.targets; i++) {
    const simulator = await startSimulator({ model, listIncludesStatus: options.listIncludesStatus ?? true, pageSize: DEFAULT_PAGE_SIZE, maxPageSize: MAX_PAGE_SIZE });
    if (options.delayMs !== undefined) simulator.setFault({ path: /.*/, delayMs: options.delayMs });
    const proxy = await startCountingProxy(simulator.port);
    targets.push({ name: `gw${String(i + 1).padStart(2, '0')}`, baseUrl: `http://127.0.0.1:${proxy.port}/rest`, simulator, proxy });
  }
  const codes = Array.from({ length: options.processes }, (_, i) => processCode(i));
  let tick = 0;
  const timer = options.churn === true ? setInterval(() => churn(base, codes, ++tick, Date.now()), 1_000) : undefined;
  return {
    model: base,
    targets,
    pageSize: MAX_PAGE_SIZE,
    counts: (target) => ({ ...countRequests(target.simulator.stats.requests), connections: target.proxy.connections }),
    async close() {
      clearInterval(timer);
      await Promise.all(targets.flatMap((t) => [t.proxy.close(), t.simulator.close()]));
    },
  };
}
