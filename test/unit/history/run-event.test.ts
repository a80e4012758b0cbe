import { describe, expect, it } from 'vitest';
import type { ProcessHistory } from '../../../src/guidewire/types.js';
import { classifyRun } from '../../../src/history/outcome.js';
import { maxRunEventString, runEvent } from '../../../src/history/run-event.js';

const t = Date.parse('2026-11-28T09:00:00.000Z');
const item: ProcessHistory = {
  id: 'ab:Swdab0ToBSDtgSnHcTZZW',
  dateCreated: t,
  startDate: t + 1_500,
  dateCompleted: t + 61_500,
  opsCompleted: 120,
  failedOps: 3,
  ranToCompletion: true,
  internalFailure: false,
  scheduled: false,
};
const eventOf = (run: ProcessHistory, superseded = false) => {
  const classified = classifyRun(run, superseded);
  if (classified === undefined) throw new Error('a running run has no event');
  return runEvent('pc-prod', 'Invoice', run, classified);
};

describe('runEvent', () => {
  it('maps a finished run: outcome, trigger, ops, failed ops, start delay, duration and the three dates', () => {
    expect(eventOf(item)).toStrictEqual({
      event: 'batch_run_finished',
      target: 'pc-prod',
      process: 'Invoice',
      run_id: 'ab:Swdab0ToBSDtgSnHcTZZW',
      outcome: 'failed_ops',
      trigger: 'manual',
      ops_completed: 120,
      failed_ops: 3,
      start_delay_seconds: 1.5,
      duration_seconds: 60,
      created_at: '2026-11-28T09:00:00.000Z',
      started_at: '2026-11-28T09:00:01.500Z',
      ended_at: '2026-11-28T09:01:01.500Z',
    });
  });

  it('leaves out what the item lacks: a run that died without a completion date has no duration or end', () => {
    const { dateCompleted: _, opsCompleted: __, dateCreated: ___, ...died } = item;
    const event = eventOf({ ...died, ranToCompletion: false, failedOps: 0, scheduled: true }, true);
    expect(event).toStrictEqual({
      event: 'batch_run_finished',
      target: 'pc-prod',
      process: 'Invoice',
      run_id: item.id,
      outcome: 'incomplete',
      trigger: 'scheduled',
      failed_ops: 0,
      started_at: '2026-11-28T09:00:01.500Z',
    });
  });

  it('cuts long strings, so that one record stays bounded whatever Guidewire sends', () => {
    const event = runEvent('t'.repeat(1000), 'C'.repeat(1000), { ...item, id: 'i'.repeat(1000) }, { id: 'x', outcome: 'succeeded', trigger: 'scheduled', endedAt: 0, durationSeconds: 1 });
    expect([event.target.length, event.process.length, event.run_id.length]).toEqual([maxRunEventString, maxRunEventString, maxRunEventString]);
  });
});
