import { afterEach, describe, expect, it, vi } from 'vitest';
import { LineWriter } from '../../../src/metrics/line-writer.js';
import { createStaticModel, startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { capturingLogger, completedProcess, exporterConfig, startExporter, targetConfig } from '../../support/harness.js';
import { eventually, get, parseExposition, valueOf } from '../../support/scrape.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

async function simulator(code: string): Promise<RunningSimulator> {
  const sim = await startSimulator({ model: createStaticModel([completedProcess(code)]) });
  cleanups.push(() => sim.close());
  return sim;
}

describe("one target's render failing", () => {
  it.each([['identity'], ['gzip']])(
    'costs only its own series (%s): the scrape answers 200 with the other target and the exporter metrics, counted and logged once',
    async (encoding) => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      cleanups.push(async () => void process.off('unhandledRejection', onUnhandled));
      // What a multi-megabyte label value does to LineWriter's join, for the target named "bad" only.
      const chunks = LineWriter.prototype.chunks;
      vi.spyOn(LineWriter.prototype, 'chunks').mockImplementation(function (this: LineWriter) {
        const out = chunks.call(this);
        if ([...out.values()].some((text) => text.includes('target="bad"'))) throw new RangeError('Invalid string length');
        return out;
      });
      const bad = await simulator('BadOne');
      const good = await simulator('GoodOne');
      const log = capturingLogger();
      const exporter = await startExporter({
        config: exporterConfig(targetConfig({ name: 'bad', baseUrl: bad.baseUrl, pollIntervalMs: 100 }), targetConfig({ name: 'good', baseUrl: good.baseUrl, pollIntervalMs: 100 })),
        logger: log.logger,
      });
      cleanups.push(() => exporter.stop());
      const headers = encoding === 'gzip' ? { 'accept-encoding': 'gzip' } : {};
      const scrape = await eventually(async () => {
        const res = await get(`${exporter.url}/metrics`, headers);
        expect(res.status).toBe(200);
        const s = parseExposition(res.text);
        return (valueOf(s, 'guidewire_exporter_render_errors_total', { target: 'bad' }) ?? 0) >= 3 && valueOf(s, 'guidewire_up', { target: 'good' }) === 1 ? s : undefined;
      }, 10_000);
      expect(valueOf(scrape, 'guidewire_batch_process_info', { target: 'good', batch_process: 'GoodOne' })).toBe(1);
      expect(valueOf(scrape, 'guidewire_batch_process_info', { target: 'bad', batch_process: 'BadOne' })).toBeUndefined();
      expect(valueOf(scrape, 'guidewire_exporter_render_errors_total', { target: 'good' })).toBe(0);
      expect(valueOf(scrape, 'guidewire_exporter_build_info')).toBe(1);
      const failures = log.lines.filter((line) => String(line['msg']).startsWith("rendering a target's metrics failed"));
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ level: 50, target: 'bad', err: { type: 'RangeError', message: 'Invalid string length' } });
      expect(unhandled).toEqual([]);
      // Fixed: the next poll's render brings the target back.
      vi.restoreAllMocks();
      await eventually(async () => {
        const s = parseExposition((await get(`${exporter.url}/metrics`, headers)).text);
        return valueOf(s, 'guidewire_batch_process_info', { target: 'bad', batch_process: 'BadOne' }) === 1 ? s : undefined;
      }, 10_000);
      expect(log.lines.filter((line) => line['msg'] === "a target's metrics render again")).toHaveLength(1);
    },
  );
});
