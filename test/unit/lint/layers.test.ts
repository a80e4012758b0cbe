import { createRequire } from 'node:module';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

// The same rules `npm run lint` applies to src/ (through .dependency-cruiser.cjs), here applied to a
// fixture tree with a planted cycle and a planted upward import.
const { layerRules } = createRequire(import.meta.url)('../../../lint/layers.cjs') as { layerRules: (root: string) => IForbiddenRuleType[] };
const root = 'test/fixtures/layers/src';

async function violations(): Promise<{ rule: string; from: string; to: string }[]> {
  const result = await cruise([root], { ruleSet: { forbidden: layerRules(root) }, tsPreCompilationDeps: true, validate: true }, undefined, { tsConfig: { fileName: 'tsconfig.json' } });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('the layer rules', () => {
  it('fail on a cycle of type-only imports, an import of a layer above and a file outside the layers, and pass a downward import', async () => {
    const found = await violations();
    expect(found).toContainEqual({ rule: 'layer-model', from: `${root}/model/snapshot.ts`, to: `${root}/poller/poll.ts` });
    // A cycle is reported once, at one of its modules.
    const cycles = found.filter((v) => v.rule === 'no-cycle');
    expect(cycles).toHaveLength(1);
    expect([cycles[0]?.from, cycles[0]?.to].sort()).toEqual([`${root}/model/snapshot.ts`, `${root}/poller/poll.ts`]);
    expect(found.filter((v) => v.from.includes('/guidewire/'))).toEqual([]);
    // A file outside every layer is named, so a new loose file cannot dodge the rules.
    expect(found).toContainEqual({ rule: 'in-a-layer', from: `${root}/loose.ts`, to: `${root}/config/types.ts` });
  });
});
