import { describe, expect, test } from 'vitest';
import { dumpConfig } from '../../../src/config/dump.js';
import { parse, problems, target } from './helpers.js';

describe('baseline, duration_factor, failure_threshold, labels: values and inheritance', () => {
  test('overrides carry only what they give; duration_factor is inherited target ← global', async () => {
    const config = await parse(
      'global:',
      '  duration_factor: 4',
      'targets:',
      '  - name: inherits',
      '    base_url: https://a.example.com/rest',
      '  - name: own',
      '    base_url: https://b.example.com/rest',
      '    duration_factor: "2.5"',
      '    overrides:',
      '      - match: Invoice',
      '        baseline_runs: 30',
      '        baseline_min_runs: 10',
      '        duration_factor: 1.5',
      '        failure_threshold: 3',
      '        labels: {team: billing, severity: critical, tier: 1}',
      '      - {match: "Purge*", baseline: false}',
      '      - {match: "Workflow*", stall_after: 1h}',
    );
    const [inherits, own] = config.targets;
    expect(inherits?.durationFactor).toBe(4);
    expect(own?.durationFactor).toBe(2.5);
    expect(own?.overrides[0]).toEqual({
      match: 'Invoice',
      baselineRuns: 30,
      baselineMinRuns: 10,
      durationFactor: 1.5,
      failureThreshold: 3,
      labels: { team: 'billing', severity: 'critical', tier: '1' },
    });
    expect(own?.overrides[1]).toEqual({ match: 'Purge*', baseline: false });
    expect(own?.overrides[2]).toEqual({ match: 'Workflow*', stallAfterMs: 3_600_000 });
    expect(Object.isFrozen(own?.overrides[0]?.labels)).toBe(true);
    const dumped = dumpConfig(config);
    expect(dumped).toContain('failure_threshold: 3');
    expect(dumped).toContain('team: billing');
    expect(dumped).toContain('duration_factor: 2.5');
  });

  test('without the keys: no durationFactor on the target, nothing on an override', async () => {
    const config = await parse(...target, '    overrides:', '      - {match: X, max_duration: 1h}');
    const [t] = config.targets;
    expect(t !== undefined && 'durationFactor' in t).toBe(false);
    expect(t?.overrides[0]).toEqual({ match: 'X', maxDurationMs: 3_600_000 });
  });
});

describe('baseline keys: errors at their file position', () => {
  test('bounds of the numbers, and baseline_min_runs above baseline_runs (given or the default)', async () => {
    expect(
      await problems(
        parse(
          ...target,
          '    duration_factor: 1',
          '    overrides:',
          '      - match: A',
          '        baseline_runs: 0',
          '        failure_threshold: 1001',
          '        duration_factor: x',
          '      - {match: B, baseline_min_runs: 21}',
          '      - {match: C, baseline_runs: 10, baseline_min_runs: 11, baseline: "no"}',
        ),
      ),
    ).toEqual([
      '4:22 targets[0].duration_factor: expected a number greater than 1 and at most 1000, like 3 or 2.5, got 1',
      '7:24 targets[0].overrides[0].baseline_runs: expected an integer from 1 to 1000, got 0',
      '8:28 targets[0].overrides[0].failure_threshold: expected an integer from 1 to 1000, got 1001',
      '9:26 targets[0].overrides[0].duration_factor: expected a number greater than 1 and at most 1000, like 3 or 2.5, got "x"',
      '10:39 targets[0].overrides[1].baseline_min_runs: "baseline_min_runs" (21) must not exceed "baseline_runs" (20, the default)',
      '11:58 targets[0].overrides[2].baseline_min_runs: "baseline_min_runs" (11) must not exceed "baseline_runs" (10)',
      '11:72 targets[0].overrides[2].baseline: expected true or false, got "no"',
    ]);
  });

  test('label names: Prometheus syntax, no "__" prefix, none the exporter or Prometheus uses; values and count bounded', async () => {
    const many = Array.from({ length: 17 }, (_, i) => `l${i}: v`).join(', ');
    expect(
      await problems(
        parse(
          ...target,
          '    overrides:',
          '      - match: A',
          '        labels:',
          '          team-name: billing',
          '          __owner: me',
          '          target: x',
          '          batch_process: x',
          '          name: x',
          '          distributed: x',
          '          team: ""',
          `          long: ${'v'.repeat(257)}`,
          '          nested: {a: b}',
          `      - {match: B, labels: {${many}}}`,
        ),
      ),
    ).toEqual([
      '7:22 targets[0].overrides[0].labels.team-name: a label name must match [a-zA-Z_][a-zA-Z0-9_]*',
      '8:20 targets[0].overrides[0].labels.__owner: label names starting with "__" are reserved by Prometheus',
      '9:19 targets[0].overrides[0].labels.target: "target" is a label the exporter or Prometheus already uses',
      '10:26 targets[0].overrides[0].labels.batch_process: "batch_process" is a label the exporter or Prometheus already uses',
      '11:17 targets[0].overrides[0].labels.name: "name" is a label the exporter or Prometheus already uses',
      '12:24 targets[0].overrides[0].labels.distributed: "distributed" is a label the exporter or Prometheus already uses',
      '13:17 targets[0].overrides[0].labels.team: expected a non-empty value (an empty label is no label)',
      '14:17 targets[0].overrides[0].labels.long: a label value may have at most 256 characters (found 257)',
      '15:19 targets[0].overrides[0].labels.nested: expected a string value',
      '16:28 targets[0].overrides[1].labels: at most 16 labels (found 17)',
    ]);
  });
});
