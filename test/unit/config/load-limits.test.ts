import { describe, expect, test } from 'vitest';
import { dumpConfig } from '../../../src/config/dump.js';
import { summarizeConfig } from '../../../src/config/summary.js';
import { defaults } from '../../../src/config/types.js';
import { configError, parse, problems, target } from './helpers.js';

describe('limits', () => {
  test('every target gets the documented defaults', async () => {
    const config = await parse(...target);
    expect(config.targets[0]?.limits).toStrictEqual({
      maxCodeLength: 256,
      maxNameLength: 1024,
      maxTextLength: 4096,
      maxProcesses: 5000,
      maxPageItems: 1000,
      maxKeptRuns: 100,
    });
    expect(config.targets[0]?.limits).toStrictEqual(defaults.limits);
  });

  test('global limits apply to every target; a target overrides key by key', async () => {
    const config = await parse(
      'global:',
      '  limits:',
      '    max_processes: 300',
      '    max_code_length: 64',
      'targets:',
      '  - name: a',
      '    base_url: https://a.example.com/rest',
      '  - name: b',
      '    base_url: https://b.example.com/rest',
      '    limits: {max_processes: "20000", max_page_items: 50}',
    );
    expect(config.targets.map((t) => [t.name, t.limits.maxProcesses, t.limits.maxCodeLength, t.limits.maxPageItems])).toEqual([
      ['a', 300, 64, 1000],
      ['b', 20_000, 64, 50],
    ]);
  });

  test('a bad limit names the file, line, column and key, and quotes the value', async () => {
    const err = await configError(parse(...target, '    limits:', '      max_code_length: 0', '      max_processes: lots'));
    expect(err.problems.map((p) => [p.file, p.line, p.path])).toEqual([
      ['/etc/gwe/config.yml', 5, 'targets[0].limits.max_code_length'],
      ['/etc/gwe/config.yml', 6, 'targets[0].limits.max_processes'],
    ]);
    expect(err.message).toContain('/etc/gwe/config.yml:5:24: targets[0].limits.max_code_length: expected an integer >= 1, got 0');
  });

  test('an unknown limit suggests the known one', async () => {
    expect(await problems(parse('global:', '  limits:', '    max_proceses: 10', ...target))).toEqual([
      '3:5 global.limits.max_proceses: unknown key "max_proceses" (did you mean "max_processes"?)',
    ]);
  });

  test('the effective limits show in the config dump and the --config.check summary', async () => {
    const config = await parse(...target, '    limits: {max_processes: 42}');
    expect(dumpConfig(config)).toContain('limits:\n      max_code_length: 256\n      max_name_length: 1024\n      max_text_length: 4096\n      max_processes: 42\n      max_page_items: 1000\n');
    expect(summarizeConfig(config)).toContain('\n  limits:          code 256, name 1024, text 4096 chars, 42 processes, 1000 items per page');
  });
});
