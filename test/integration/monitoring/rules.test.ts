import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const monitoring = fileURLToPath(new URL('../../../monitoring/', import.meta.url));

/** Runs promtool and returns its combined output; a non-zero exit fails the test with that output. */
async function promtool(...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('promtool', args, { cwd: monitoring });
    return stdout + stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
  }
}

describe('shipped Prometheus rules', () => {
  it('pass promtool check rules', async () => {
    const output = await promtool('check', 'rules', 'alerts.yml', 'recording-rules.yml');
    // 10 alerts, Late and Missed twice (warning, and info for learned cadences), the two deadline alerts,
    // the three baseline alerts and ConsistencyCheckErrors.
    expect(output).toContain('SUCCESS: 20 rules found');
    expect(output).toContain('SUCCESS: 7 rules found');
  });

  it('load in the example Prometheus configuration', async () => {
    expect(await promtool('check', 'config', 'prometheus.example.yml')).toContain('SUCCESS');
  });

  it('pass their promtool unit tests (each alert on both sides of its threshold, absent series, restarts, DST nights, maintenance, baselines, owner labels)', async () => {
    const tests = readdirSync(`${monitoring}tests`).filter((f) => f.endsWith('.test.yml')).map((f) => `tests/${f}`);
    expect(tests).toContain('tests/schedules.test.yml');
    expect(tests).toContain('tests/baselines.test.yml');
    expect(tests.length).toBeGreaterThanOrEqual(4);
    const output = await promtool('test', 'rules', ...tests);
    expect(output).not.toContain('FAILED');
  });
});
