import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../src/errors.js';
import { parseBatchProcessPage, parseBatchProcessResource, parseErrorBody } from '../../src/guidewire/parse.js';
import type { ItemIssue } from '../../src/guidewire/item-issues.js';
import { parseHistoryPage } from '../../src/guidewire/parse-history.js';
import { parseWorkQueueStatus } from '../../src/guidewire/parse-work-queue.js';
import {
  historyItemJson,
  historyModel,
  historyPageJson,
  listItemJson,
  listPageJson,
  processModel,
  resourceJson,
} from './support/guidewire.js';
import { guidewireishJson, mutateAll, mutation, reparse, type Json } from './support/json.js';
import { runs } from './support/runs.js';

const endpoint = '/rest/systemtools/v1/batch-processes';

/** The item positions an issue's examples name (`item 3`, `item 3: …`). */
const indexes = (issue: ItemIssue): number[] => issue.examples.map((example) => Number(/^item (\d+)/.exec(example)?.[1]));

/** Runs `parse`; returns its result, or undefined when it threw InvalidResponseError. Anything else fails. */
function parsesOrRejects<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (err instanceof InvalidResponseError) {
      expect(err.code).toBe('GWE_INVALID_RESPONSE');
      expect(err.message).toContain(endpoint);
      return undefined;
    }
    throw err;
  }
}

/** Any JSON at all: fast-check's own generator, its `anything` made JSON, and documents keyed like the API. */
const anyJson: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.anything({ withNullPrototype: true, withObjectString: true }).map(reparse),
  guidewireishJson,
  guidewireishJson.map((inner) => ({ data: inner })),
  guidewireishJson.map((inner) => ({ data: { attributes: inner } })),
  fc.array(guidewireishJson, { maxLength: 4 }).map((data) => ({ data, links: { next: { href: '/x?pageOffset=1' } } })),
);

const documentedShapes = {
  resource: processModel().map(resourceJson),
  listPage: fc.array(processModel(), { maxLength: 5 }).map((ps) => listPageJson(ps.map(listItemJson), '/systemtools/v1/batch-processes?pageOffset=25')),
  historyPage: fc.array(historyModel, { maxLength: 5 }).map((hs) => historyPageJson(hs.map(historyItemJson), hs.length, '/h?pageOffset=25')),
};

describe('parsers on arbitrary JSON', () => {
  it('throw nothing but InvalidResponseError, and parseErrorBody/parseWorkQueueStatus never throw', () => {
    fc.assert(
      fc.property(anyJson, (json) => {
        parsesOrRejects(() => parseBatchProcessResource(json, endpoint));
        parsesOrRejects(() => parseBatchProcessPage(json, endpoint));
        parsesOrRejects(() => parseHistoryPage(json, endpoint));
        const body = parseErrorBody(json);
        for (const value of Object.values(body)) expect(typeof value).toBe('string');
        parseWorkQueueStatus(json);
        if (json !== null && typeof json === 'object' && !Array.isArray(json)) parseWorkQueueStatus(json['workQueueStatus']);
      }),
      runs(3_000),
    );
  });
});

describe('parsers on mutated documented payloads', () => {
  it('parse every documented shape unmutated', () => {
    fc.assert(
      fc.property(documentedShapes.resource, documentedShapes.listPage, documentedShapes.historyPage, (resource, list, history) => {
        parseBatchProcessResource(resource, endpoint);
        expect(parseBatchProcessPage(list, endpoint).invalid).toEqual([]);
        expect(parseHistoryPage(history, endpoint).invalid).toEqual([]);
      }),
      runs(300),
    );
  });

  it.each(Object.keys(documentedShapes) as (keyof typeof documentedShapes)[])(
    'either parse or throw InvalidResponseError (%s, fields deleted/retyped/added at random paths)',
    (shape) => {
      fc.assert(
        fc.property(documentedShapes[shape], fc.array(mutation, { minLength: 1, maxLength: 4 }), (valid, mutations) => {
          const json = mutateAll(valid, mutations);
          parsesOrRejects(() => parseBatchProcessResource(json, endpoint));
          parsesOrRejects(() => parseBatchProcessPage(json, endpoint));
          parsesOrRejects(() => parseHistoryPage(json, endpoint));
          parseErrorBody(json);
        }),
        runs(1_000),
      );
    },
  );

  it('a list page with one corrupted item still returns every other item, unchanged and in order', () => {
    fc.assert(
      fc.property(
        fc.array(processModel(), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (processes, which, mutations) => {
          const items = processes.map(listItemJson);
          const bad = which % items.length;
          items[bad] = mutateAll(items[bad] ?? null, mutations);
          // What each item gives on its own, as the single-type GET would parse it.
          const alone = items.map((item) =>
            parsesOrRejects(() => parseBatchProcessResource({ data: item !== null && typeof item === 'object' && !Array.isArray(item) ? { attributes: item['attributes'] ?? null } : null }, endpoint)),
          );
          const page = parseBatchProcessPage(listPageJson(items), endpoint);
          expect(page.items).toEqual(alone.filter((p) => p !== undefined));
          expect(page.invalid.flatMap(indexes)).toEqual(alone.flatMap((p, i) => (p === undefined ? [i] : [])));
          // The valid ones are exactly the unmutated parses.
          processes.forEach((p, i) => {
            if (i !== bad) expect(page.items).toContainEqual(parseBatchProcessResource(resourceJson(p), endpoint));
          });
          for (const invalid of page.invalid) expect(invalid.cause).toMatch(/^data\[\]/);
        },
      ),
      runs(1_000),
    );
  });

  it('a history page with one corrupted item still returns every other item, unchanged and in order', () => {
    fc.assert(
      fc.property(fc.array(historyModel, { minLength: 1, maxLength: 6 }), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (runsModel, which, mutations) => {
        const items = runsModel.map(historyItemJson);
        const bad = which % items.length;
        items[bad] = mutateAll(items[bad] ?? null, mutations);
        const clean = parseHistoryPage(historyPageJson(runsModel.map(historyItemJson)), endpoint).items;
        const page = parseHistoryPage(historyPageJson(items), endpoint);
        const expected = clean.filter((_, i) => i !== bad);
        const withoutBad = page.invalid.flatMap(indexes).includes(bad) ? page.items : page.items.filter((_, i) => i !== bad);
        expect(withoutBad).toEqual(expected);
        expect(page.invalid.flatMap(indexes).every((i) => i === bad)).toBe(true);
      }),
      runs(1_000),
    );
  });
});
