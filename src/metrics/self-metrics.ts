import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { PollErrorReasons, type PollErrorReason } from '../errors.js';
import type { MetricFamily, MetricType, Sample } from './exposition.js';
import type { FamilyDefinition } from './families.js';

/**
 * prom-client's default metrics include three gauges named `*_total`, which `promtool check metrics`
 * rejects ("non-counter metrics should not have _total suffix"). Each has a per-type twin without the
 * suffix (`nodejs_active_handles{type}` …) carrying the same information, so we unregister them.
 */
const droppedDefaultMetrics = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
] as const;

export interface BuildInfo {
  readonly version: string;
  readonly revision: string;
  readonly nodejsVersion: string;
}

/** The exporter's self-instrumentation, one set per app instance (no global registry). */
export interface SelfMetrics {
  readonly registry: Registry;
  /** Pre-initialises every `reason` at 0 for a target, so rate() works from the first error. */
  registerTarget(target: string): void;
  /** Removes every series of a target (after a reload drops it). */
  forgetTarget(target: string): void;
  /** Counts `count` (default 1) errors: failed requests, or items rejected for one cause. */
  pollError(target: string, reason: PollErrorReason, count?: number): void;
  apiRequest(target: string, status: number, durationSeconds: number): void;
  /** A target's snapshot could not be rendered: its `guidewire_batch_process_*` series are left out of scrapes. */
  renderError(target: string): void;
  /** The schedule evaluation of one process threw (see `PollReport.scheduleError`). */
  scheduleError(target: string): void;
  /** Records the outcome of loading the configuration (at start and on each reload). */
  configReloaded(ok: boolean, nowMs: number): void;
  /** Records whether the web configuration's last change was applied; the gauge exists only once called. */
  webConfigReloaded(ok: boolean): void;
  /** `written` run events of `target` reached `sink`, `failed` could not be written (docs/events.md). */
  runEvents(target: string, sink: string, written: number, failed: number): void;
}

/** Creates the registry with default process/Node.js metrics and the exporter's own counters. */
export function createSelfMetrics(build: BuildInfo): SelfMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of droppedDefaultMetrics) registry.removeSingleMetric(name);

  const buildInfo = new Gauge({
    name: 'guidewire_exporter_build_info',
    help: 'A metric with a constant 1 value labelled by the exporter version, git revision and Node.js version.',
    labelNames: ['version', 'revision', 'nodejs_version'] as const,
    registers: [registry],
  });
  buildInfo.set({ version: build.version, revision: build.revision, nodejs_version: build.nodejsVersion }, 1);

  const pollErrors = new Counter({
    name: 'guidewire_poll_errors_total',
    help: 'Errors met while polling a target, by reason (auth, not_found, rate_limited, server_error, client_error, timeout, network, invalid_response, limit_exceeded).',
    labelNames: ['target', 'reason'] as const,
    registers: [registry],
  });
  const requests = new Counter({
    name: 'guidewire_api_requests_total',
    help: 'HTTP requests made to the Guidewire System Tools API that got a response, by status code.',
    labelNames: ['target', 'code'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'guidewire_api_request_duration_seconds',
    help: 'Duration of HTTP requests to the Guidewire System Tools API, until the body was read.',
    labelNames: ['target'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const renderErrors = new Counter({
    name: 'guidewire_exporter_render_errors_total',
    help: 'Snapshots of a target that could not be rendered into the exposition (e.g. RangeError: Invalid string length); until the next good render, scrapes leave that target\'s guidewire_* series out and serve the rest.',
    labelNames: ['target'] as const,
    registers: [registry],
  });

  const scheduleErrors = new Counter({
    name: 'guidewire_exporter_schedule_errors_total',
    help: 'Schedule evaluations of a process that threw; that process is shown without its schedule (no schedule_info, late, missed) until one succeeds. Should stay 0: report a bug.',
    labelNames: ['target'] as const,
    registers: [registry],
  });

  const reloadOk = new Gauge({
    name: 'guidewire_exporter_config_last_reload_successful',
    help: 'Whether the last configuration reload attempt was successful (1) or kept the previous configuration (0).',
    registers: [registry],
  });
  const reloadAt = new Gauge({
    name: 'guidewire_exporter_config_last_reload_success_timestamp_seconds',
    help: 'Timestamp of the last successful configuration load or reload.',
    registers: [registry],
  });

  const runEvents = new Counter({
    name: 'guidewire_exporter_run_events_total',
    help: 'Run events (one per finished run, docs/events.md) written to the events sink, by sink (stdout, file).',
    labelNames: ['target', 'sink'] as const,
    registers: [registry],
  });
  const runEventErrors = new Counter({
    name: 'guidewire_exporter_run_event_errors_total',
    help: 'Run events that could not be written (the file could not be appended to, a record too long, too many waiting) and are lost, by sink.',
    labelNames: ['target', 'sink'] as const,
    registers: [registry],
  });
  // The sinks each target's run-event series exist for, so a dropped target's series can be removed.
  const sinksByTarget = new Map<string, Set<string>>();

  // Created on first use: without --web.config.file the series would be a misleading 0.
  let webReloadOk: Gauge | undefined;

  // Status codes seen per target, so a dropped target's request series can be removed exactly.
  const codesByTarget = new Map<string, Set<string>>();

  return {
    registry,
    registerTarget(target) {
      for (const reason of PollErrorReasons) pollErrors.inc({ target, reason }, 0);
      renderErrors.inc({ target }, 0);
      scheduleErrors.inc({ target }, 0);
    },
    forgetTarget(target) {
      for (const reason of PollErrorReasons) pollErrors.remove({ target, reason });
      for (const code of codesByTarget.get(target) ?? []) requests.remove({ target, code });
      codesByTarget.delete(target);
      durations.remove({ target });
      renderErrors.remove({ target });
      scheduleErrors.remove({ target });
      for (const sink of sinksByTarget.get(target) ?? []) {
        runEvents.remove({ target, sink });
        runEventErrors.remove({ target, sink });
      }
      sinksByTarget.delete(target);
    },
    pollError(target, reason, count = 1) {
      pollErrors.inc({ target, reason }, count);
    },
    renderError(target) {
      renderErrors.inc({ target });
    },
    scheduleError(target) {
      scheduleErrors.inc({ target });
    },
    configReloaded(ok, nowMs) {
      reloadOk.set(ok ? 1 : 0);
      if (ok) reloadAt.set(nowMs / 1000);
    },
    webConfigReloaded(ok) {
      webReloadOk ??= new Gauge({
        name: 'guidewire_exporter_web_config_last_reload_successful',
        help: 'Whether the last change of the web configuration file (--web.config.file) was applied (1), or refused because it was invalid or would switch TLS or authentication off (0).',
        registers: [registry],
      });
      webReloadOk.set(ok ? 1 : 0);
    },
    runEvents(target, sink, written, failed) {
      let sinks = sinksByTarget.get(target);
      if (sinks === undefined) sinksByTarget.set(target, (sinks = new Set()));
      sinks.add(sink);
      // Both series of the pair exist from the first event on, so rate() of either works at once.
      runEvents.inc({ target, sink }, written);
      runEventErrors.inc({ target, sink }, failed);
    },
    apiRequest(target, status, durationSeconds) {
      const code = String(status);
      let codes = codesByTarget.get(target);
      if (codes === undefined) codesByTarget.set(target, (codes = new Set()));
      codes.add(code);
      requests.inc({ target, code });
      durations.observe({ target }, durationSeconds);
    },
  };
}

const knownTypes: ReadonlySet<string> = new Set(['gauge', 'counter', 'histogram', 'summary']);

/** Converts prom-client's JSON view of a registry into plain families for `serialize`. */
export async function registryFamilies(registry: Registry): Promise<MetricFamily[]> {
  const metrics = await registry.getMetricsAsJSON();
  return metrics.map((metric) => {
    const type = String(metric.type);
    const samples: Sample[] = metric.values.map((v) => {
      const withName = v as { metricName?: string };
      const labels: Record<string, string> = {};
      for (const [key, value] of Object.entries(v.labels)) {
        if (value === undefined) continue;
        labels[key] = value === Infinity ? '+Inf' : String(value);
      }
      return { name: withName.metricName ?? metric.name, labels, value: v.value };
    });
    return {
      name: metric.name,
      help: metric.help,
      type: (knownTypes.has(type) ? type : 'untyped') as MetricType,
      samples,
    };
  });
}

/**
 * Every family of the exporter's own registry (its counters and gauges, the process and Node.js
 * defaults it keeps), those created on first use included: what tools and tests check metric names
 * against, next to `snapshotFamilies`.
 */
export function selfFamilyDefinitions(): FamilyDefinition[] {
  const metrics = createSelfMetrics({ version: '', revision: '', nodejsVersion: '' });
  metrics.webConfigReloaded(true);
  return metrics.registry.getMetricsAsArray().map((metric) => ({ name: metric.name, help: metric.help, type: String(metric.type) as MetricType }));
}
