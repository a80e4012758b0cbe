/**
 * Shared setups of the HTTP integration tests: stub handlers for the bare server, and the real exporter
 * polling a one-process simulator behind a web configuration file.
 */
import type { HttpHandlers } from '../../../src/http/server.js';
import { createStaticModel, startSimulator } from '../../../src/simulator/index.js';
import { capturingLogger, completedProcess, exporterConfig, startExporter, targetConfig } from '../../support/harness.js';

/** Handlers that answer at once with fixed bodies, for tests of the server's own behaviour. */
export const stubHandlers: HttpHandlers = {
  telemetryPath: '/metrics',
  metrics: () => Promise.resolve([Buffer.from('up 1\n')]),
  ready: () => true,
  statusPage: async () => '<html></html>',
  statusApi: async () => '{}',
  config: () => 'targets: []\n',
};

/** The real exporter, polling the simulator, serving behind the web configuration `file`; `cleanups` get its stops. */
export async function exporterWithWebConfig(file: string, cleanups: (() => Promise<void>)[]) {
  const sim = await startSimulator({ model: createStaticModel([completedProcess('ActivityEsc')]) });
  cleanups.push(() => sim.close());
  const config = exporterConfig(targetConfig({ name: 'cc', baseUrl: sim.baseUrl }));
  const log = capturingLogger();
  const exporter = await startExporter({ config, logger: log.logger, webConfigFile: file, loadConfig: () => Promise.resolve(config) });
  cleanups.push(() => exporter.stop());
  return { exporter, log };
}
