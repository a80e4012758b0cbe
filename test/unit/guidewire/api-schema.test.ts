import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../../src/errors.js';
import { parseApiSchema, schemaBounds } from '../../../src/guidewire/api-schema.js';
import { defaultPlan, narrowPlan, planFromSchema } from '../../../src/guidewire/request-plan.js';
import { unmappedWorkQueueFields } from '../../../src/guidewire/parse-work-queue.js';
import { schemaLines } from '../../../src/guidewire/schema-summary.js';
import { maxWalkSteps } from '../../../src/guidewire/schema-walk.js';
import { apiDocument } from '../../../src/simulator/openapi-document.js';

const endpoint = '/rest/systemtools/v1/openapi.json';
const settings = {
  pageSize: 25,
  maxPageSize: 100,
  listParams: ['pageSize', 'pageOffset', 'includeTotal', 'fields'],
  historyParams: ['pageSize', 'fields', 'pageToken'],
  listDeclaresStatus: true,
};

describe('parseApiSchema', () => {
  it.each(['openapi', 'swagger'] as const)('reads the %s form: parameters, page sizes, list status, workQueueStatus names', (flavour) => {
    const caps = parseApiSchema(apiDocument(flavour, settings), flavour, endpoint);
    expect(caps.source).toBe(flavour);
    expect(caps.version).toBe('1.0.0-simulator');
    expect(caps.list).toEqual({ path: '/batch-processes', params: ['pageSize', 'pageOffset', 'includeTotal', 'fields'], maxPageSize: 100, defaultPageSize: 25 });
    expect(caps.histories?.params).toEqual(['pageSize', 'fields', 'pageToken']);
    expect(caps.item?.params).toEqual(['fields']);
    expect(caps.listDeclares).toEqual({ status: true, workQueueStatus: true });
    expect(caps.workQueueStatusFields).toEqual([
      'numActiveExecutors', 'numActiveWorkItems', 'executors',
      'executors[].serverId', 'executors[].running', 'executors[].tasks',
      'executors[].tasks.checkedOut', 'executors[].tasks.processed', 'executors[].tasks.failed', 'executors[].tasks.skipped',
    ]);
  });

  it('sees when list items do not declare status (the item GET still describes workQueueStatus)', () => {
    const caps = parseApiSchema(apiDocument('openapi', { ...settings, listDeclaresStatus: false }), 'openapi', endpoint);
    expect(caps.listDeclares).toEqual({ status: false, workQueueStatus: false });
    expect(caps.workQueueStatusFields).toContain('numActiveExecutors');
  });

  it('reads a maximum page size from the description when the schema has none', () => {
    const doc = {
      swagger: '2.0',
      paths: { '/rest/systemtools/v1/batch-processes': { get: { parameters: [{ name: 'pageSize', in: 'query', type: 'integer', description: 'Page size; the maximum is 500.' }] } } },
    };
    expect(parseApiSchema(doc, 'swagger', endpoint).list.maxPageSize).toBe(500);
  });

  it('refuses what is not a definition, or one without GET /batch-processes', () => {
    expect(() => parseApiSchema([], 'openapi', endpoint)).toThrow(InvalidResponseError);
    expect(() => parseApiSchema({ paths: {} }, 'openapi', endpoint)).toThrow(/neither an "openapi" nor a "swagger"/);
    expect(() => parseApiSchema({ openapi: '3.0.0', paths: { '/claims': { get: {} } } }, 'openapi', endpoint)).toThrow(/no GET \/batch-processes/);
    expect(() => parseApiSchema({ openapi: '3.0.0', paths: { '/batch-processes': { post: {} } } }, 'openapi', endpoint)).toThrow(/no GET/);
  });

  it('ends on cyclic and self-referencing $refs, and bounds the names it keeps', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ name: `p${i}`, in: 'query' }));
    const doc = {
      openapi: '3.0.0',
      paths: {
        '/batch-processes': {
          get: {
            parameters: [{ $ref: '#/components/parameters/loop' }, { name: 'bad name!', in: 'query' }, { name: 'x'.repeat(500), in: 'query' }, ...many],
            responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } },
          },
        },
      },
      components: {
        parameters: { loop: { $ref: '#/components/parameters/loop' } },
        schemas: { A: { allOf: [{ $ref: '#/components/schemas/B' }] }, B: { allOf: [{ $ref: '#/components/schemas/A' }], properties: { data: { $ref: '#/components/schemas/A' } } } },
      },
    };
    const caps = parseApiSchema(doc, 'openapi', endpoint);
    expect(caps.list.params).toHaveLength(schemaBounds.maxParams - 3);
    expect(caps.list.params.every((name) => /^p\d+$/.test(name))).toBe(true);
    expect(caps.listDeclares).toEqual({ status: false, workQueueStatus: false });
  });

  it('spends a bounded walk on a very wide definition: what lies past the budget is not seen', () => {
    // 2,000 allOf parts of 50 properties each before the one that declares status: far past the budget.
    const parts: unknown[] = Array.from({ length: 2000 }, (_, i) => ({ properties: Object.fromEntries(Array.from({ length: 50 }, (_, j) => [`f${i}_${j}`, {}])) }));
    const attributes = (all: unknown[]) => ({ properties: { data: { type: 'array', items: { properties: { attributes: { allOf: all } } } } } });
    const doc = (all: unknown[]) => ({
      openapi: '3.0.0',
      paths: { '/batch-processes': { get: { responses: { '200': { content: { 'application/json': { schema: attributes(all) } } } } } } },
    });
    expect(2000 * 50).toBeGreaterThan(maxWalkSteps);
    expect(parseApiSchema(doc([...parts, { properties: { status: {} } }]), 'openapi', endpoint).listDeclares.status).toBe(false);
    expect(parseApiSchema(doc([...parts.slice(0, 10), { properties: { status: {} } }]), 'openapi', endpoint).listDeclares.status).toBe(true);
  });
});

describe('request plans', () => {
  const caps = parseApiSchema(apiDocument('openapi', settings), 'openapi', endpoint);

  it('asks for the largest page the list allows, within max_page_items, and fields=*all when items declare status', () => {
    expect(planFromSchema(caps, { listPageSize: 50, maxPageItems: 1000 })).toEqual({
      list: { pageSize: 100, fields: '*all' },
      histories: { pageOffset: false, includeTotal: false },
      learnedFrom: 'openapi',
    });
    expect(planFromSchema(caps, { listPageSize: 50, maxPageItems: 60 }).list.pageSize).toBe(60);
  });

  it('sends nothing undeclared: no fields without it, no pageSize without it', () => {
    const bare = parseApiSchema(apiDocument('openapi', { ...settings, listParams: ['pageOffset'] }), 'openapi', endpoint);
    expect(planFromSchema(bare, { listPageSize: 100, maxPageItems: 1000 }).list).toEqual({});
  });

  it('narrows on a 400: the parameter its message names, else every one sent', () => {
    const plan = defaultPlan(100);
    expect(narrowPlan(plan, ['pageOffset', 'includeTotal'], "The query parameter 'includeTotal' is not declared").plan.histories).toEqual({ pageOffset: true, includeTotal: false });
    expect(narrowPlan(plan, ['pageOffset', 'includeTotal'], 'Bad input').plan.histories).toEqual({ pageOffset: false, includeTotal: false });
    const list = narrowPlan({ ...plan, list: { pageSize: 100, fields: '*all' } }, ['pageSize', 'fields'], "The field 'x' is not a field (fields: *all)");
    expect(list.dropped).toEqual(['fields']);
    expect(list.plan.list).toEqual({ pageSize: 100 });
  });

  it('describes what was learned for probe --schema', () => {
    const lines = schemaLines(caps, planFromSchema(caps, { listPageSize: 100, maxPageItems: 1000 }));
    expect(lines[0]).toBe('API definition: openapi.json (version 1.0.0-simulator)');
    expect(lines).toContain('  GET /batch-processes: parameters pageSize, pageOffset, includeTotal, fields; default page 25, maximum page 100');
    // The simulator's executors carry serverId: unbounded, deliberately never a label.
    expect(lines).toContain('  not shown in metrics: executors[].serverId');
    expect(unmappedWorkQueueFields(['activeWorkItems', 'executors[].tasks.numFailed', 'queueDepth', 'executors[].tasks.retried'])).toEqual(['queueDepth', 'executors[].tasks.retried']);
    expect(lines.at(-1)).toBe('  requests: list: pageSize=100, fields=*all (status from the list, no per-type GETs); histories: by links.next only, no includeTotal, no pageOffset');
    expect(schemaLines(undefined, defaultPlan(100), 'openapi.json: 404; swagger.json: 404')[0]).toBe('API definition: none (openapi.json: 404; swagger.json: 404)');
  });
});
