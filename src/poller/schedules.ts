import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ProcessOverride, TargetConfig } from '../config/types.js';
import type { HistoryStats } from '../history/stats.js';
import type { RunRecord } from '../history/run-record.js';
import type { Logger } from '../logger.js';
import type { ProcessView } from '../model/snapshot.js';
import { evaluateSchedule, initialScheduleState } from '../schedule/evaluate.js';
import { maintenanceTest, maintenanceView } from '../schedule/maintenance.js';
import type { ScheduleContext } from '../schedule/resolve.js';
import type { MaintenanceTest, MaintenanceView, ResolvedDeadline, ResolvedSchedule, ScheduleState } from '../schedule/types.js';
import { latestRunOf } from './latest-run.js';
import { CompiledSchedules } from './compiled-schedules.js';

/** A process's schedule as resolved, and what it was resolved from (to know when to resolve again). */
interface Resolution {
  readonly schedule: ResolvedSchedule | undefined;
  readonly deadline: ResolvedDeadline | undefined;
  readonly recent: readonly RunRecord[] | undefined;
}

/** What is judged of a process between evaluations: its state, and which schedule it was judged against. */
interface Judged {
  readonly state: ScheduleState;
  /** `source|timezone|label` of the schedule the state belongs to. */
  readonly key: string | undefined;
}

export interface ScheduleTrackerDeps {
  readonly target: TargetConfig;
  readonly log: Logger;
  /** The first override matching a type code. */
  override(code: string): ProcessOverride | undefined;
  /** The engine threw for a process (counted; the process goes without a schedule view). */
  failed(code: string): void;
}

/** Processes evaluated between two yields to the event loop: a poll of 5000 processes never blocks scrapes. */
const sliceSize = 50;

function withoutSchedule(view: ProcessView): ProcessView {
  const { schedule: _dropped, ...bare } = view;
  return bare;
}

const scheduleKey = (schedule: ResolvedSchedule | undefined): string | undefined =>
  schedule === undefined ? undefined : `${schedule.source}|${schedule.timezone}|${schedule.label}`;

/**
 * The schedules of one target's processes: resolved once per process (again when the server's zone
 * changes, or, for a learned cadence or none yet, when the process's recent runs change), judged at each
 * poll and after each history read with a state per process, so each fire time is judged once. Processes
 * first seen start judging then (on Guidewire's clock): nothing before the exporter's start, or before a
 * process appeared, is counted. A schedule that changes (another learned cadence, say) starts judging
 * afresh from the change and keeps its counters. The I/O-free shell around the pure engine.
 */
export class ScheduleTracker {
  readonly #deps: ScheduleTrackerDeps;
  readonly #resolved = new Map<string, Resolution>();
  readonly #judged = new Map<string, Judged>();
  readonly #compiled = new CompiledSchedules();
  /** Codes whose evaluation threw, logged once until it works again. */
  readonly #failing = new Set<string>();
  #inMaintenance: MaintenanceTest | undefined;
  #zone: string | undefined;
  #viewFailed = false;
  /** The UTC fallback is warned about once per target. */
  #warnedUtc = false;

  constructor(deps: ScheduleTrackerDeps) {
    this.#deps = deps;
  }

  /** How many processes have state (tests and diagnostics): at most the processes of the last call. */
  get tracked(): number {
    return this.#judged.size;
  }

  /** The maintenance view of the target at `now` (Guidewire's clock); undefined without windows (or if it throws: logged). */
  maintenance(now: number): MaintenanceView | undefined {
    const windows = this.#deps.target.maintenance;
    if (windows.length === 0) return undefined;
    try {
      return maintenanceView(windows, now);
    } catch (err) {
      if (!this.#viewFailed) this.#deps.log.error({ err }, 'maintenance window view failed');
      this.#viewFailed = true;
      return undefined;
    }
  }

  /**
   * Each view with its evaluated schedule (or none), at `now` on Guidewire's clock. Forgets processes not
   * in `views`. A throw of the engine for one process leaves that one without a schedule view.
   */
  async evaluate(
    views: readonly ProcessView[],
    history: ReadonlyMap<string, HistoryStats> | undefined,
    serverZone: string | undefined,
    now: number,
  ): Promise<ProcessView[]> {
    if (serverZone !== this.#zone) {
      // Schedules without a zone of their own are read in the server's: resolve them all again.
      this.#resolved.clear();
      this.#compiled.clear();
      this.#zone = serverZone;
    }
    this.#prune(views);
    const inMaintenance = this.#maintenanceTest();
    const out: ProcessView[] = [];
    for (let i = 0; i < views.length; i += sliceSize) {
      if (i > 0) await nextTurn();
      for (const view of views.slice(i, i + sliceSize)) out.push(this.#evaluateOne(view, history?.get(view.process.code), inMaintenance, now));
    }
    return out;
  }

  #evaluateOne(view: ProcessView, stats: HistoryStats | undefined, inMaintenance: MaintenanceTest, now: number): ProcessView {
    const code = view.process.code;
    const recent = stats?.recent;
    // The view without a schedule: itself when it has none (most processes), so no copy is made per poll.
    const bare: ProcessView = view.schedule === undefined ? view : withoutSchedule(view);
    try {
      const { schedule, deadline } = this.#resolve(code, recent);
      const key = scheduleKey(schedule);
      const judged = this.#judged.get(code);
      let state = judged?.state ?? initialScheduleState(now);
      if (judged !== undefined && judged.key !== key) {
        // Judged against another schedule until now: its counters go on, its fire times start from now.
        state = { ...initialScheduleState(now), missedTotal: state.missedTotal, skippedTotal: state.skippedTotal };
      }
      if (schedule === undefined) {
        this.#judged.set(code, { state, key });
        this.#recovered(code);
        return bare;
      }
      const latest = latestRunOf(view.process.status);
      const result = evaluateSchedule(state, {
        schedule,
        ...(deadline === undefined ? {} : { deadline }),
        ...(latest === undefined ? {} : { latest }),
        recent: recent ?? [],
        ...(stats?.recentAsOf === undefined ? {} : { recentAsOf: stats.recentAsOf }),
        inMaintenance,
        now,
      });
      this.#judged.set(code, { state: result.state, key });
      this.#recovered(code);
      return { ...bare, schedule: result.view };
    } catch (err) {
      this.#deps.failed(code);
      if (!this.#failing.has(code)) {
        this.#failing.add(code);
        this.#deps.log.warn({ err, batch_process: code }, 'schedule evaluation failed; the process is shown without its schedule until it works again');
      }
      return bare;
    }
  }

  /**
   * The target's windows, compiled once. The configuration validated them; should compiling still throw,
   * that is logged once and no time counts as maintenance (fire times are judged rather than not at all).
   */
  #maintenanceTest(): MaintenanceTest {
    if (this.#inMaintenance === undefined) {
      try {
        this.#inMaintenance = maintenanceTest(this.#deps.target.maintenance);
      } catch (err) {
        this.#deps.log.error({ err }, 'maintenance windows could not be compiled; none applies');
        this.#inMaintenance = () => false;
      }
    }
    return this.#inMaintenance;
  }

  #recovered(code: string): void {
    if (this.#failing.delete(code)) this.#deps.log.info({ batch_process: code }, 'schedule evaluation works again');
  }

  /** The process's schedule and deadline, resolved again only when what they depend on changed. */
  #resolve(code: string, recent: readonly RunRecord[] | undefined): Resolution {
    const cached = this.#resolved.get(code);
    const fixed = cached?.schedule !== undefined && cached.schedule.source !== 'learned';
    if (cached !== undefined && (fixed || cached.recent === recent)) return cached;
    const { target } = this.#deps;
    const override = this.#deps.override(code);
    const imported = target.schedulerImport?.processes.get(code);
    const context: ScheduleContext = {
      ...(override === undefined ? {} : { override }),
      ...(imported === undefined ? {} : { imported }),
      ...(target.timezone === undefined ? {} : { targetZone: target.timezone }),
      ...(this.#zone === undefined ? {} : { serverZone: this.#zone }),
      graceMs: target.graceMs,
      ...(recent === undefined ? {} : { recent }),
    };
    const schedule = this.#compiled.schedule(context);
    if (schedule !== undefined && override?.timezone === undefined && target.timezone === undefined && this.#zone === undefined && !this.#warnedUtc) {
      this.#warnedUtc = true;
      this.#deps.log.warn(
        { batch_process: code },
        'schedules are read in UTC: neither the process, the target nor /system-time gives a time zone (set timezone: on the target)',
      );
    }
    const deadline = schedule === undefined ? undefined : this.#compiled.deadline(override, schedule.timezone);
    const resolution = { schedule, deadline, recent };
    this.#resolved.set(code, resolution);
    return resolution;
  }

  #prune(views: readonly ProcessView[]): void {
    const present = new Set(views.map((view) => view.process.code));
    for (const map of [this.#resolved, this.#judged]) for (const code of map.keys()) if (!present.has(code)) map.delete(code);
    for (const code of this.#failing) if (!present.has(code)) this.#failing.delete(code);
  }
}
