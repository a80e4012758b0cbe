import { describe, expect, it } from 'vitest';
import type { ProcessOverride } from '../../../src/config/types.js';
import { compileQuartz } from '../../../src/cron/quartz.js';
import type { RunRecord } from '../../../src/history/run-record.js';
import { CompiledSchedules } from '../../../src/poller/compiled-schedules.js';
import { memoCron } from '../../../src/poller/memo-cron.js';

const override: ProcessOverride = { match: 'Purge*', schedule: ['0 0/15 * * * ?'], completeBy: { text: '06:00', expression: '0 0 6 * * ?' } };

describe('memoCron', () => {
  it('answers exactly as the cron does, across a DST change', () => {
    const cron = compileQuartz('0 30 2 * * ?', 'America/Chicago');
    const memo = memoCron(cron);
    // Around the spring-forward night of 2026 (8 March) and the fall-back one (1 November).
    for (const start of [Date.parse('2026-03-07T00:00:00Z'), Date.parse('2026-10-31T00:00:00Z')]) {
      for (let at = start; at < start + 3 * 86_400_000; at += 1_800_000) {
        for (let twice = 0; twice < 2; twice++) {
          expect(memo.next(at)).toBe(cron.next(at));
          expect(memo.previous(at)).toBe(cron.previous(at));
          expect(memo.twin(at)).toBe(cron.twin(at));
        }
      }
    }
    expect(memo.between(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-03-15T00:00:00Z'), 100)).toEqual(
      cron.between(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-03-15T00:00:00Z'), 100),
    );
  });

  it('asks the cron once per argument', () => {
    let calls = 0;
    const cron = compileQuartz('0 * * * * ?', 'UTC');
    const counting = { ...cron, next: (after: number) => (calls++, cron.next(after)) };
    const memo = memoCron(counting);
    for (let i = 0; i < 5000; i++) memo.next(60_000);
    expect(calls).toBe(1);
    // Bounded: after many distinct questions it starts over, and still answers right.
    for (let i = 0; i < 3000; i++) expect(memo.next(i * 1000)).toBe(cron.next(i * 1000));
  });
});

describe('CompiledSchedules', () => {
  it('shares one compiled schedule and deadline among the processes of one override, per zone', () => {
    const compiled = new CompiledSchedules();
    const a = compiled.schedule({ override, serverZone: 'America/Chicago', graceMs: 60_000 });
    const b = compiled.schedule({ override, serverZone: 'America/Chicago', graceMs: 60_000 });
    expect(a).toBeDefined();
    expect(b).toBe(a);
    expect(a?.timezone).toBe('America/Chicago');
    expect(compiled.schedule({ override, serverZone: 'Europe/Berlin', graceMs: 60_000 })).not.toBe(a);
    expect(compiled.schedule({ override, serverZone: 'America/Chicago', graceMs: 1 })).not.toBe(a);
    expect(compiled.deadline(override, 'America/Chicago')).toBe(compiled.deadline(override, 'America/Chicago'));
    compiled.clear();
    expect(compiled.schedule({ override, serverZone: 'America/Chicago', graceMs: 60_000 })).not.toBe(a);
  });

  it('shares imported entries with the same expressions, and tells them from an override', () => {
    const compiled = new CompiledSchedules();
    const imported = [{ expression: '0 0/15 * * * ?', source: 'scheduler-config.xml:12' }];
    const one = compiled.schedule({ imported, graceMs: 60_000 });
    expect(compiled.schedule({ imported: [{ expression: '0 0/15 * * * ?', source: 'scheduler-config.xml:40' }], graceMs: 60_000 })).toBe(one);
    expect(one?.source).toBe('scheduler_config');
    expect(compiled.schedule({ override, graceMs: 60_000 })?.source).toBe('config');
  });

  it('gives every learned cadence of a zone one clock', () => {
    const compiled = new CompiledSchedules();
    const runs = (offset: number): RunRecord[] =>
      Array.from({ length: 12 }, (_, k) => ({ id: `r${k}`, createdAt: offset + (12 - k) * 1_800_000, startedAt: offset + (12 - k) * 1_800_000 + 10, trigger: 'scheduled' as const }));
    const first = compiled.schedule({ recent: runs(0), targetZone: 'Europe/Berlin', graceMs: 60_000 });
    const second = compiled.schedule({ recent: runs(60_000), targetZone: 'Europe/Berlin', graceMs: 60_000 });
    expect(first?.source).toBe('learned');
    expect(second?.source).toBe('learned');
    expect(second).not.toBe(first);
    expect(second?.clock).toBe(first?.clock);
  });
});
