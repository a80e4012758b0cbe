import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../../../src/errors.js';
import {
  parseBatchProcessPage,
  parseBatchProcessResource,
  parseErrorBody,
} from '../../../src/guidewire/parse.js';

const endpoint = '/rest/systemtools/v1/batch-processes/ActivityEsc';
const type = { code: 'ActivityEsc', name: 'Activity Escalation' };
const resource = (attributes: unknown): unknown => ({ data: { attributes, checksum: '0', links: {} } });

describe('parseBatchProcessResource: the documented ProcessStatus shapes', () => {
  it('parses a completed run (no opsExpected) and drops serverId', () => {
    const status = {
      dateCreated: '2022-09-19T17:30:00.021Z',
      startDate: '2022-09-19T17:30:00.100Z',
      dateCompleted: '2022-09-19T17:31:05.000Z',
      opsCompleted: 120,
      failedOps: 2,
      serverId: 'gw-node-7f9c',
      type,
    };
    expect(parseBatchProcessResource(resource({ type, distributed: true, status }), endpoint)).toEqual({
      code: 'ActivityEsc',
      name: 'Activity Escalation',
      distributed: true,
      status: {
        dateCreated: Date.UTC(2022, 8, 19, 17, 30, 0, 21),
        startDate: Date.UTC(2022, 8, 19, 17, 30, 0, 100),
        dateCompleted: Date.UTC(2022, 8, 19, 17, 31, 5, 0),
        opsCompleted: 120,
        failedOps: 2,
      },
    });
  });

  it('parses a running run with progress text', () => {
    const status = {
      dateCreated: '2022-09-19T17:30:00.021Z',
      startDate: '2022-09-19T17:30:00.100Z',
      opsCompleted: 1,
      opsExpected: 3,
      failedOps: 0,
      progress: '1 out of 3',
      serverId: 'gw-node-1',
      type,
    };
    const parsed = parseBatchProcessResource(resource({ type, distributed: false, status }), endpoint);
    expect(parsed.status).toEqual({
      dateCreated: Date.UTC(2022, 8, 19, 17, 30, 0, 21),
      startDate: Date.UTC(2022, 8, 19, 17, 30, 0, 100),
      opsCompleted: 1,
      opsExpected: 3,
      failedOps: 0,
      progress: '1 out of 3',
    });
    expect(parsed.status).not.toHaveProperty('dateCompleted');
  });

  it('parses a never-run process (failureReason only)', () => {
    const status = { failureReason: 'This batch process type has never run', type };
    const parsed = parseBatchProcessResource(resource({ type, distributed: false, status }), endpoint);
    expect(parsed.status).toEqual({ failureReason: 'This batch process type has never run' });
  });

  it('parses a just-started run', () => {
    const status = { dateCreated: '2022-09-19T17:30:00.021Z', failedOps: 0, opsCompleted: 0, serverId: 'n1', type };
    const parsed = parseBatchProcessResource(resource({ type, distributed: true, status }), endpoint);
    expect(parsed.status).toEqual({ dateCreated: Date.UTC(2022, 8, 19, 17, 30, 0, 21), failedOps: 0, opsCompleted: 0 });
  });

  it('falls back to the code for a missing name and accepts a bare code string', () => {
    expect(parseBatchProcessResource(resource({ type: { code: 'Geocode' }, distributed: true }), endpoint)).toMatchObject({
      code: 'Geocode',
      name: 'Geocode',
    });
    expect(parseBatchProcessResource(resource({ type: 'Workflow', distributed: true }), endpoint)).toMatchObject({
      code: 'Workflow',
      name: 'Workflow',
    });
  });

  it.each([
    [{ distributed: true }, 'data.attributes.type'],
    [{ type: { name: 'x' } }, 'data.attributes.type.code'],
    [{ type, distributed: 'yes' }, 'data.attributes.distributed'],
    [{ type, status: { opsCompleted: '12' } }, 'data.attributes.status.opsCompleted'],
    [{ type, status: { failedOps: -1 } }, 'data.attributes.status.failedOps'],
    [{ type, status: { startDate: 'yesterday' } }, 'data.attributes.status.startDate'],
    [{ type, status: { startDate: '2022-09-19T17:30:00' } }, 'data.attributes.status.startDate'],
    [{ type, status: { progress: 3 } }, 'data.attributes.status.progress'],
    [{ type, status: 'RUNNING' }, 'data.attributes.status'],
  ])('rejects %j naming %s', (attributes, field) => {
    const parse = (): unknown => parseBatchProcessResource(resource(attributes), endpoint);
    expect(parse).toThrow(InvalidResponseError);
    expect(parse).toThrow(`${endpoint}: invalid response: ${field}: `);
  });

  it.each([[null], [[]], ['x'], [{}], [{ data: [] }], [{ data: { links: {} } }]])('rejects the envelope %j', (json) => {
    expect(() => parseBatchProcessResource(json, endpoint)).toThrow(InvalidResponseError);
  });
});

describe('parseBatchProcessPage', () => {
  const listEndpoint = '/rest/systemtools/v1/batch-processes';
  const item = (attributes: unknown): unknown => ({ attributes, checksum: '1', links: { self: { href: '/x' } } });

  it('parses items without status, and items with status and workQueueStatus', () => {
    const page = parseBatchProcessPage(
      {
        count: 2,
        data: [
          item({ type, distributed: true }),
          item({
            type: { code: 'Workflow', name: 'Workflow Writer' },
            distributed: true,
            status: { opsCompleted: 5, failedOps: 0 },
            workQueueStatus: { numActiveExecutors: 2, numActiveWorkItems: 7 },
          }),
        ],
        links: { self: { href: '/systemtools/v1/batch-processes' }, next: { href: '/systemtools/v1/batch-processes?pageOffset=2' } },
      },
      listEndpoint,
    );
    expect(page.invalid).toEqual([]);
    expect(page.nextHref).toBe('/systemtools/v1/batch-processes?pageOffset=2');
    expect(page.items).toEqual([
      { code: 'ActivityEsc', name: 'Activity Escalation', distributed: true },
      {
        code: 'Workflow',
        name: 'Workflow Writer',
        distributed: true,
        status: { opsCompleted: 5, failedOps: 0 },
        workQueue: { activeExecutors: 2, activeWorkItems: 7 },
      },
    ]);
    expect(page.items[0]).not.toHaveProperty('status');
  });

  it('ignores fields it does not know, on the page, the item, the attributes and the status', () => {
    const page = parseBatchProcessPage(
      {
        data: [{ ...(item({ type, distributed: true, status: { opsCompleted: 3, newField: { nested: true } }, extraAttribute: 'x' }) as object), extraItem: 1 }],
        extraEnvelope: true,
      },
      listEndpoint,
    );
    expect(page.invalid).toEqual([]);
    expect(page.items).toEqual([{ code: 'ActivityEsc', name: 'Activity Escalation', distributed: true, status: { opsCompleted: 3 } }]);
  });

  it('isolates bad items in invalid and still parses the rest', () => {
    const page = parseBatchProcessPage(
      {
        data: [
          item({ type, distributed: true }),
          'not an object',
          item({ type: { code: 'Geocode' }, distributed: true, status: { startDate: 'not a date' } }),
          { links: {} },
          item({ type: { code: 'Workflow' }, distributed: false }),
        ],
      },
      listEndpoint,
    );
    expect(page.items.map((p) => p.code)).toEqual(['ActivityEsc', 'Workflow']);
    expect(page.invalid).toEqual([
      { cause: 'data[]: expected an object', limit: false, count: 1, examples: ['item 1'] },
      { cause: 'data[].attributes.status.startDate: expected an ISO-8601 date-time', limit: false, count: 1, examples: ['item 2'] },
      { cause: 'data[].attributes: expected an object', limit: false, count: 1, examples: ['item 3'] },
    ]);
    expect(page.nextHref).toBeUndefined();
  });

  it.each([
    [null, 'expected a JSON object'],
    [{ count: 0 }, 'data: expected an array'],
    [{ data: {} }, 'data: expected an array'],
    [{ data: [], links: 'x' }, 'links: expected an object'],
    [{ data: [], links: { next: { href: 7 } } }, 'links.next.href'],
    [{ data: [], links: { next: 'x' } }, 'links.next.href'],
  ])('throws for the bad envelope %j', (json, message) => {
    expect(() => parseBatchProcessPage(json, listEndpoint)).toThrow(InvalidResponseError);
    expect(() => parseBatchProcessPage(json, listEndpoint)).toThrow(message);
  });

  it('treats links.next: null as the last page', () => {
    expect(parseBatchProcessPage({ data: [], links: { next: null } }, listEndpoint).nextHref).toBeUndefined();
  });
});

describe('workQueueStatus on a batch process', () => {
  it('yields workQueue {} on a batch process with a garbage workQueueStatus, not an invalid item', () => {
    const parsed = parseBatchProcessResource(resource({ type, distributed: true, workQueueStatus: 'weird' }), endpoint);
    expect(parsed.workQueue).toEqual({});
  });
});

describe('parseErrorBody', () => {
  it('reads the Guidewire error shape', () => {
    expect(
      parseErrorBody({ status: 404, errorCode: 'gw.api.rest.exceptions.NotFoundException', userMessage: 'No such type', developerMessage: 'x' }),
    ).toEqual({ errorCode: 'gw.api.rest.exceptions.NotFoundException', userMessage: 'No such type' });
  });

  it.each([[undefined], [null], ['<html>'], [[]], [{ errorCode: 5, userMessage: {} }]])('tolerates %j', (json) => {
    expect(parseErrorBody(json)).toEqual({});
  });

  it('falls back to a gateway message', () => {
    expect(parseErrorBody({ message: 'Too Many Requests' })).toEqual({ userMessage: 'Too Many Requests' });
  });
});
