import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snapshotFamilies } from '../../../src/metrics/families.js';

const doc = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');
/** Metric names in the first column of the reference's tables. */
const documented = new Set([...doc.matchAll(/^\| `(guidewire_[a-z_]+)` \|/gm)].map((match) => match[1]));

describe('docs/metrics.md', () => {
  it.each(Object.values(snapshotFamilies).map((family) => family.name))('documents %s in a table', (name) => {
    expect(documented).toContain(name);
  });

  it('documents the exporter\'s schedule error counter', () => {
    expect(documented).toContain('guidewire_exporter_schedule_errors_total');
  });

  it('documents the run-event counters', () => {
    expect(documented).toContain('guidewire_exporter_run_events_total');
    expect(documented).toContain('guidewire_exporter_run_event_errors_total');
  });
});
