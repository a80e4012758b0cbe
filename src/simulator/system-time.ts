import { guidewireError } from './guidewire-errors.js';
import type { SimResponse } from './http-io.js';
import { resourceElement } from './resources.js';
import type { SystemTimeOptions } from './types.js';

/**
 * `GET /systemtools/v1/system-time`: the server's clock and zone. Guidewire documents the fields
 * (`dateTime`, `zoneId`, `zoneOffset`) but not the envelope, and older releases lack the resource, so the
 * simulator serves every variant (SystemTimeOptions).
 */

export const SYSTEM_TIME_PATH = '/systemtools/v1/system-time';

/** The zone a demo server runs in unless told otherwise (Guidewire's own examples use it). */
export const DEFAULT_SERVER_ZONE = 'America/Chicago';

/**
 * The zone's offset from UTC at `ms` as Java's ZoneOffset writes it (what Guidewire serializes): `-06:00`,
 * `+05:45`, and `Z` for zero.
 */
export function zoneOffsetAt(zone: string, ms: number): string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const name = format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-]\d{2}):?(\d{2})(?::?(\d{2}))?$/.exec(name);
  if (match === null) return 'Z';
  const [, hours = '+00', minutes = '00', seconds] = match;
  // ICU writes zero as `GMT` or `GMT+00:00`, depending on its version.
  if (/^[+-]00$/.test(hours) && minutes === '00' && (seconds === undefined || seconds === '00')) return 'Z';
  return `${hours}:${minutes}${seconds === undefined ? '' : `:${seconds}`}`;
}

/** Milliseconds east of UTC of a `zoneOffsetAt` text. */
function offsetMs(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h = 0, m = 0, s = 0] = offset.slice(1).split(':').map(Number);
  return sign * ((h * 60 + m) * 60 + s) * 1000;
}

/** The attributes `/system-time` answers at `ms` (the simulator's clock). */
export function systemTimeAttributes(ms: number, options: SystemTimeOptions = {}): Record<string, string> {
  const zone = options.zone ?? DEFAULT_SERVER_ZONE;
  const zoneOffset = zoneOffsetAt(zone, ms);
  const dateTime =
    options.dateTimeFormat === 'offset'
      ? `${new Date(ms + offsetMs(zoneOffset)).toISOString().slice(0, -1)}${zoneOffset === 'Z' ? 'Z' : zoneOffset}`
      : new Date(ms).toISOString();
  return { dateTime, zoneId: zone, zoneOffset };
}

/** The response to `GET /system-time` at `ms`. */
export function systemTimeResponse(ms: number, options: SystemTimeOptions = {}): SimResponse {
  const shape = options.shape ?? 'envelope';
  if (shape === 'absent') {
    return guidewireError(404, 'The requested resource was not found', `No resource exists at path ${SYSTEM_TIME_PATH}`);
  }
  const attributes = systemTimeAttributes(ms, options);
  return { status: 200, body: shape === 'bare' ? attributes : { data: resourceElement(attributes, SYSTEM_TIME_PATH) } };
}
