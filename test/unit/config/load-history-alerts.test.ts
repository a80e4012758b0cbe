import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { defaults } from '../../../src/config/types.js';
import { parse, problems, target, yaml } from './helpers.js';

const minute = 60_000;

describe('history, expect_every, max_duration: values and inheritance', () => {
  test('defaults: history every 5m, no expect_every or max_duration keys at all, the default buckets', async () => {
    const config = await parse(...target);
    const [t] = config.targets;
    expect(t?.historyIntervalMs).toBe(5 * minute);
    expect(t?.history).toBe(true);
    expect(t !== undefined && 'expectEveryMs' in t).toBe(false);
    expect(t !== undefined && 'maxDurationMs' in t).toBe(false);
    expect(config.runDurationBuckets).toEqual(defaults.runDurationBuckets);
    // The result is frozen, the shared defaults are not (the list is copied before freezing).
    expect(Object.isFrozen(config.runDurationBuckets)).toBe(true);
    expect(Object.isFrozen(defaults.runDurationBuckets)).toBe(false);
  });

  test('a target setting wins over global, global over the default; overrides carry only what they give', async () => {
    const config = await parse(
      'global:',
      '  history_interval: 10m',
      '  history: false',
      '  expect_every: 1d',
      '  max_duration: 2h',
      '  run_duration_buckets: [0.5, 60, 3600]',
      'targets:',
      '  - name: inherits',
      '    base_url: https://a.example.com/rest',
      '  - name: own',
      '    base_url: https://b.example.com/rest',
      '    history_interval: 1m',
      '    history: "true"',
      '    expect_every: 1h',
      '    max_duration: 30m',
      '    overrides:',
      '      - match: ActivityEsc',
      '        history_interval: 30s',
      '        history: false',
      '        expect_every: 15m',
      '        max_duration: 5m',
      '      - {match: "Purge*", max_duration: 12h}',
      '      - {match: "Workflow*", stall_after: 1h}',
    );
    const pick = ({ name, historyIntervalMs, history, expectEveryMs, maxDurationMs }: (typeof config.targets)[number]) => ({
      name,
      historyIntervalMs,
      history,
      expectEveryMs,
      maxDurationMs,
    });
    expect(config.targets.map(pick)).toEqual([
      { name: 'inherits', historyIntervalMs: 10 * minute, history: false, expectEveryMs: 1440 * minute, maxDurationMs: 120 * minute },
      { name: 'own', historyIntervalMs: minute, history: true, expectEveryMs: 60 * minute, maxDurationMs: 30 * minute },
    ]);
    expect(config.targets[1]?.overrides).toStrictEqual([
      { match: 'ActivityEsc', historyIntervalMs: 30_000, history: false, expectEveryMs: 15 * minute, maxDurationMs: 5 * minute },
      { match: 'Purge*', maxDurationMs: 720 * minute },
      { match: 'Workflow*', stallAfterMs: 60 * minute },
    ]);
    expect(config.runDurationBuckets).toEqual([0.5, 60, 3600]);
  });

  test('expect_every and max_duration are independent: one given, the other stays absent', async () => {
    const config = await parse('global: {max_duration: 3h}', ...target, '    expect_every: 2d');
    expect(config.targets[0]).toMatchObject({ expectEveryMs: 2 * 1440 * minute, maxDurationMs: 180 * minute });
    const [only] = (await parse(...target, '    expect_every: 2d')).targets;
    expect(only?.expectEveryMs).toBe(2 * 1440 * minute);
    expect(only !== undefined && 'maxDurationMs' in only).toBe(false);
  });

  test('a history_interval shorter than poll_interval is allowed', async () => {
    const [t] = (await parse(...target, '    poll_interval: 5m', '    history_interval: 30s')).targets;
    expect([t?.pollIntervalMs, t?.historyIntervalMs]).toEqual([5 * minute, 30_000]);
  });

  test('history and history_interval may come from environment variables', async () => {
    const text = yaml(
      'global: {history: "${GW_HISTORY}"}',
      ...target,
      '    history_interval: ${GW_HISTORY_INTERVAL:-2m}',
      '    overrides: [{match: X, history: "${X_HISTORY:-true}"}]',
    );
    const config = await parseConfigText(text, '<inline>', { env: { GW_HISTORY: 'false', GW_HISTORY_INTERVAL: '' } });
    expect(config.targets[0]).toMatchObject({ history: false, historyIntervalMs: 2 * minute, overrides: [{ match: 'X', history: true }] });
  });
});

describe('history, expect_every, max_duration, run_duration_buckets: errors', () => {
  test('bad durations and booleans, wherever they are given', async () => {
    expect(
      await problems(
        parse(
          'global:',
          '  history_interval: 0',
          '  history: 1',
          '  expect_every: 1.5d',
          '  max_duration: -1h',
          ...target,
          '    history_interval: 5',
          '    history: "yes"',
          '    expect_every: daily',
          '    max_duration: 0',
          '    overrides:',
          '      - match: ActivityEsc',
          '        history_interval: 1 m',
          '        history: off',
          '        expect_every: 0',
          '        max_duration: [1h]',
        ),
      ),
    ).toEqual([
      '2:21 global.history_interval: expected a duration greater than 0, like 30s or 1h30m, got 0',
      '3:12 global.history: expected true or false, got 1',
      '4:17 global.expect_every: expected a duration like 30s or 1h30m, got "1.5d"',
      '5:17 global.max_duration: expected a duration like 30s or 1h30m, got "-1h"',
      '9:23 targets[0].history_interval: expected a duration like 30s or 1h30m, got 5',
      '10:14 targets[0].history: expected true or false, got "yes"',
      '11:19 targets[0].expect_every: expected a duration like 30s or 1h30m, got "daily"',
      '12:19 targets[0].max_duration: expected a duration greater than 0, like 30s or 1h30m, got 0',
      '15:27 targets[0].overrides[0].history_interval: expected a duration like 30s or 1h30m, got "1 m"',
      '16:18 targets[0].overrides[0].history: expected true or false, got "off"',
      '17:23 targets[0].overrides[0].expect_every: expected a duration greater than 0, like 30s or 1h30m, got 0',
      '18:23 targets[0].overrides[0].max_duration: expected a duration like 30s or 1h30m, got a list',
    ]);
  });

  test('buckets must be strictly ascending; each offending element is named by its position', async () => {
    expect(await problems(parse('global:', '  run_duration_buckets: [60, 300, 600, 600, 1800, 900]', ...target))).toEqual([
      '2:40 global.run_duration_buckets[3]: buckets must be strictly ascending (600 after 600)',
      '2:51 global.run_duration_buckets[5]: buckets must be strictly ascending (900 after 1800)',
    ]);
  });

  test('buckets must be finite numbers > 0; the ordering of the valid ones is still checked', async () => {
    expect(
      await problems(parse('global:', '  run_duration_buckets:', '    - 1', '    - -5', '    - "30"', '    - 10', '    - 5', '    - .inf', '    - 0', ...target)),
    ).toEqual([
      '4:7 global.run_duration_buckets[1]: expected a finite number greater than 0, got -5',
      '5:7 global.run_duration_buckets[2]: expected a number of seconds, got "30"',
      '7:7 global.run_duration_buckets[4]: buckets must be strictly ascending (5 after 10)',
      '8:7 global.run_duration_buckets[5]: expected a finite number greater than 0, got Infinity',
      '9:7 global.run_duration_buckets[6]: expected a finite number greater than 0, got 0',
    ]);
  });

  test('buckets must be a non-empty list, and only in global', async () => {
    expect(await problems(parse('global: {run_duration_buckets: []}', ...target))).toEqual([
      '1:32 global.run_duration_buckets: must not be an empty list',
    ]);
    expect(await problems(parse('global: {run_duration_buckets: 1 5 15}', ...target))).toEqual([
      '1:32 global.run_duration_buckets: expected a list, got a string',
    ]);
    expect(await problems(parse(...target, '    run_duration_buckets: [1, 5]'))).toEqual([
      '4:5 targets[0].run_duration_buckets: unknown key "run_duration_buckets"',
    ]);
  });

  test('unknown keys in overrides suggest the new keys', async () => {
    expect(
      await problems(
        parse(
          ...target,
          '    overrides:',
          '      - match: ActivityEsc',
          '        history_intervall: 1m',
          '        historyEnabled: false',
          '        expectEvery: 1h',
          '        max_durration: 10m',
        ),
      ),
    ).toEqual([
      '6:9 targets[0].overrides[0].history_intervall: unknown key "history_intervall" (did you mean "history_interval"?)',
      '7:9 targets[0].overrides[0].historyEnabled: unknown key "historyEnabled"',
      '8:9 targets[0].overrides[0].expectEvery: unknown key "expectEvery" (did you mean "expect_every"?)',
      '9:9 targets[0].overrides[0].max_durration: unknown key "max_durration" (did you mean "max_duration"?)',
    ]);
  });
});
