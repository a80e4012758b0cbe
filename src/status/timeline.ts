/**
 * The batch window's geometry: where a time falls on the timeline, a run's bar (clipped to the window),
 * and the hour lines in the target's zone. Positions are in timeline units, 0 at the window's start to
 * `timelineWidth` at its end (the SVG's viewBox stretches them to the page's width). Pure.
 */
import type { ZoneClock } from './zone-time.js';

const hour = 3_600_000;

/** The last day, and a few hours ahead so that the next fire times, a deadline and forecasts show. */
export const windowBackMs = 24 * hour;
export const windowAheadMs = 6 * hour;
/** The viewBox width: 0.1 unit is 1/10,000 of the window (~11 s), finer than a screen shows. */
export const timelineWidth = 1000;
/** A bar is never narrower than this (a 3-second run still shows), in timeline units. */
export const minBarWidth = 1.5;

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/** The window around `now` (Guidewire's clock). */
export function batchWindowRange(now: number): TimeWindow {
  return { from: now - windowBackMs, to: now + windowAheadMs };
}

const round = (value: number): number => Math.round(value * 10) / 10;

/** Where `at` falls, clamped to the window's edges. */
export function xOf(at: number, window: TimeWindow): number {
  const ratio = (at - window.from) / (window.to - window.from);
  return round(Math.min(1, Math.max(0, ratio)) * timelineWidth);
}

/** True when `at` is inside the window (edges included). */
export const inWindow = (at: number, window: TimeWindow): boolean => at >= window.from && at <= window.to;

export interface BarGeometry {
  readonly x: number;
  readonly width: number;
  /** The run began before the window: its bar starts at the window's edge. */
  readonly clippedStart: boolean;
  /** The run ends after the window. */
  readonly clippedEnd: boolean;
}

/**
 * The bar of a run from `begin` to `end`, clipped to the window; undefined when it lies wholly outside.
 * At least `minBarWidth` wide, kept inside the window.
 */
export function barGeometry(begin: number, end: number, window: TimeWindow): BarGeometry | undefined {
  const last = Math.max(begin, end);
  if (last < window.from || begin > window.to) return undefined;
  const x = xOf(begin, window);
  const width = Math.max(minBarWidth, round(xOf(last, window) - x));
  return { x: Math.min(x, round(timelineWidth - width)), width, clippedStart: begin < window.from, clippedEnd: last > window.to };
}

export interface HourLine {
  readonly at: number;
  readonly x: number;
  /** The local hour, 0-23. */
  readonly hour: number;
  /** `02:00`, or `Sat 28` at midnight. */
  readonly label: string;
  /** Midnight in the zone: a day's start. */
  readonly midnight: boolean;
}

/** Quarter hours: every zone's offset is a multiple of 15 minutes, so every local hour starts on one. */
const step = 15 * 60_000;

/**
 * The start of every local hour in the window, in the clock's zone: one line per elapsed hour (the
 * window's edges included), labelled with the wall clock, so across a daylight-saving change a skipped
 * hour's label is missing (01:00, 03:00) and a repeated one shows twice.
 */
export function hourLines(window: TimeWindow, clock: ZoneClock): HourLine[] {
  const lines: HourLine[] = [];
  for (let at = Math.ceil(window.from / step) * step; at <= window.to; at += step) {
    const parts = clock.parts(at);
    if (parts.minute !== 0) continue;
    const midnight = parts.hour === 0;
    lines.push({ at, x: xOf(at, window), hour: parts.hour, midnight, label: midnight ? `${parts.weekday} ${parts.day}` : `${String(parts.hour).padStart(2, '0')}:00` });
  }
  return lines;
}
