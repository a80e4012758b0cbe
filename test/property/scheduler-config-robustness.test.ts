import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../../src/config/scheduler-config.js';
import { ConfigError } from '../../src/errors.js';
import { runs } from './support/runs.js';

const fixture = readFileSync(new URL('../fixtures/scheduler/scheduler-config.xml', import.meta.url), 'utf8');
const file = 'scheduler-config.xml';

/** The import's contract for any text: an import whose every entry compiles, or a ConfigError with lines inside the text. */
function expectImportOrProblems(text: string): void {
  try {
    const imported = parseSchedulerConfig(text, file, 'prod');
    for (const entries of imported.processes.values()) {
      for (const entry of entries) expect(entry.source).toMatch(/^scheduler-config\.xml:\d+$/);
    }
  } catch (err) {
    if (!(err instanceof ConfigError)) throw new Error(`not a ConfigError for ${JSON.stringify(text)}: ${String(err)}`, { cause: err });
    const lines = text.split('\n').length;
    expect(err.problems.length).toBeGreaterThan(0);
    for (const p of err.problems) {
      expect(p.file).toBe(file);
      expect(p.message.trim()).not.toBe('');
      if (p.line !== undefined) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.line).toBeLessThanOrEqual(lines);
        expect(p.column).toBeGreaterThanOrEqual(1);
      }
    }
  }
}

const attribute = fc.constantFrom('seconds', 'minutes', 'hours', 'dayofmonth', 'month', 'dayofweek', 'year', 'process', 'env', 'minute');
const value = fc.oneof(fc.constantFrom('*', '?', '0', '61', '0/15', 'L', '15W', '7#1', 'MON-FRI', 'JAN', '2027', '', ' ', '&amp;', '1,2'), fc.string({ maxLength: 8 }));

describe('parseSchedulerConfig never fails with anything but a located ConfigError', () => {
  it('on edits of the realistic file (cut, insert, change an attribute)', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom('<', '>', '"', '/>', '<CronSchedule/>', '<!DOCTYPE x>', '<!--', ']]>', '&'), fc.string({ maxLength: 6 })) }),
      fc.record({ kind: fc.constant('attribute' as const), at: fc.nat(), name: attribute, value }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 4 }), (edits) => {
        const text = edits.reduce((t, e) => {
          const at = e.at % (t.length + 1);
          if (e.kind === 'cut') return t.slice(0, at) + t.slice(at + e.length);
          if (e.kind === 'insert') return t.slice(0, at) + e.text + t.slice(at);
          // Into the next CronSchedule after `at`, if any.
          const tag = t.indexOf('<CronSchedule', at);
          if (tag === -1) return t;
          const end = tag + '<CronSchedule'.length;
          return `${t.slice(0, end)} ${e.name}="${e.value.replace(/["<&]/g, '')}"${t.slice(end)}`;
        }, fixture);
        expectImportOrProblems(text);
      }),
      runs(300),
    );
  });

  it('on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => expectImportOrProblems(text)), runs(300));
  });
});
