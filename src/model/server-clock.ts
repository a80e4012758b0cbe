import type { ServerTime } from './snapshot.js';

/**
 * Now on Guidewire's clock: the exporter's clock plus the server time offset `/system-time` measured (0
 * until it has answered, and for good on a release without it). Every comparison of a time Guidewire
 * reports (a run's dates) with "now" goes through this, so a server clock 90 s ahead does not make a run
 * look 90 s younger, or a fire time 90 s later. Pure.
 */
export function guidewireNow(serverTime: ServerTime | undefined, exporterNow: number): number {
  return exporterNow + (serverTime?.offsetMs ?? 0);
}
