/**
 * The layers of src/, top first, and the dependency-cruiser rules that keep them apart: a module may
 * import its own layer and the layers below it, never one above; the simulator (a test double) stands
 * beside the exporter; no import cycle, type-only imports included. Used by .dependency-cruiser.cjs
 * (`npm run lint`) and by test/unit/lint/layers.test.ts, which applies the rules to a fixture tree.
 * The README's "Architecture" section draws the same picture.
 */
const layers = {
  order: [
    { name: 'cli', paths: ['cli.ts', 'cli'] },
    { name: 'app, probe', paths: ['app.ts', 'reload-loader.ts', 'deadline.ts', 'probe'] },
    { name: 'poller, http', paths: ['poller', 'http', 'events'] },
    { name: 'metrics, status', paths: ['metrics', 'status'] },
    { name: 'model', paths: ['model'] },
    { name: 'schedule', paths: ['schedule'] },
    { name: 'history', paths: ['history'] },
    { name: 'guidewire', paths: ['guidewire'] },
    // The logger derives its redaction paths from the auth kinds' table, so it sits above config.
    { name: 'logging', paths: ['logger.ts', 'log-bounds.ts'] },
    { name: 'config', paths: ['config'] },
    { name: 'base', paths: ['errors.ts', 'clock.ts', 'version.ts', 'cron'] },
  ],
  simulator: ['simulator'],
};

/** A path regex for the entries of one layer, below `root` (`src`). */
const pathsOf = (root, entries) => `^${root}/(${entries.map((e) => e.replace(/\./g, '\\.')).join('|')})($|/)`;

/** The forbidden rules for the layers of `root`. */
function layerRules(root) {
  const rules = layers.order.flatMap((layer, index) =>
    index === 0
      ? []
      : [
          {
            name: `layer-${layer.name.replace(/\W+/g, '-')}`,
            comment: `${layer.name} may not import a layer above it (README, Architecture)`,
            severity: 'error',
            from: { path: pathsOf(root, layer.paths) },
            to: { path: pathsOf(root, layers.order.slice(0, index).flatMap((above) => above.paths)) },
          },
        ],
  );
  const exporter = layers.order.slice(0, -1).flatMap((layer) => layer.paths);
  const cli = layers.order[0].paths;
  rules.push(
    {
      name: 'simulator-alone',
      comment: 'the simulator is a test double: it shares no code with the exporter but the base layer',
      severity: 'error',
      from: { path: pathsOf(root, layers.simulator) },
      to: { path: pathsOf(root, exporter) },
    },
    {
      name: 'simulator-for-cli-only',
      comment: 'only the CLI (demo mode) may use the simulator',
      severity: 'error',
      from: { path: pathsOf(root, exporter.filter((p) => !cli.includes(p))) },
      to: { path: pathsOf(root, layers.simulator) },
    },
    {
      name: 'in-a-layer',
      comment: 'every module belongs to a layer (add a new top-level file or folder to lint/layers.cjs and the README)',
      severity: 'error',
      from: { path: `^${root}/`, pathNot: pathsOf(root, [...exporter, ...layers.order[layers.order.length - 1].paths, ...layers.simulator]) },
      to: {},
    },
    {
      name: 'no-cycle',
      comment: 'no import cycles, type-only imports included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  );
  return rules;
}

module.exports = { layers, layerRules };
