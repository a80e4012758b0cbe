import { batchProcessDashboard } from './batch-process.js';
import { exporterDashboard } from './exporter.js';
import { overviewDashboard } from './overview.js';

/**
 * Every dashboard as Grafana JSON, keyed by its file name under `grafana/dashboards/`. Pure: the same
 * code gives the same objects, which the generator writes and the tests compare with the committed files.
 */
export function buildDashboards(): Record<string, object> {
  return {
    'overview.json': overviewDashboard(),
    'batch-process.json': batchProcessDashboard(),
    'exporter.json': exporterDashboard(),
  };
}
