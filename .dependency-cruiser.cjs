/**
 * dependency-cruiser's configuration (`npm run lint` runs `depcruise src`): the layer rules of
 * lint/layers.cjs, over the TypeScript sources with type-only imports counted.
 */
const { layerRules } = require('./lint/layers.cjs');

module.exports = {
  forbidden: layerRules('src'),
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: `import type` cycles are cycles of the design.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
