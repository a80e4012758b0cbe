import type { RunEvent } from '../history/run-event.js';

/**
 * Longest line a sink writes (bytes, newline included). The strings of a record are cut to
 * `maxRunEventString` characters, which keeps ordinary records under 1 KiB; a record still longer
 * (strings of control characters, each escaped as six bytes) is dropped and counted as an error rather
 * than written in part.
 */
export const maxRunEventLineBytes = 4096;

/**
 * One run event as a JSON line: `time` (when the exporter wrote it, ISO 8601) and then the record's own
 * fields, in a fixed order. Undefined when the line would be longer than `maxRunEventLineBytes`. Pure.
 */
export function runEventLine(event: RunEvent, writtenAt: number): string | undefined {
  const line = `${JSON.stringify({ time: new Date(writtenAt).toISOString(), ...event })}\n`;
  return Buffer.byteLength(line, 'utf8') > maxRunEventLineBytes ? undefined : line;
}

/** The lines of a batch of events, and how many were too long to write. Pure. */
export function runEventLines(events: readonly RunEvent[], writtenAt: number): { text: string; lines: number; dropped: number } {
  let text = '';
  let lines = 0;
  for (const event of events) {
    const line = runEventLine(event, writtenAt);
    if (line === undefined) continue;
    text += line;
    lines += 1;
  }
  return { text, lines, dropped: events.length - lines };
}
