/**
 * The API definition the simulator serves, describing exactly what it accepts: the query parameters each
 * resource declares (anything else is a 400), the page sizes, and whether list items can carry `status`.
 * `openapi` is an OpenAPI 3 document (`/systemtools/v1/openapi.json`); `swagger` the Swagger 2 form of
 * the same (`swagger.json`), with shared parameters behind `$ref`s as generated definitions often have.
 */

export const OPENAPI_PATH = '/systemtools/v1/openapi.json';
export const SWAGGER_PATH = '/systemtools/v1/swagger.json';

export interface DocumentSettings {
  readonly pageSize: number;
  readonly maxPageSize: number;
  /** Declared query parameters per resource. */
  readonly listParams: readonly string[];
  readonly historyParams: readonly string[];
  /** Whether list items' attributes declare `status` and `workQueueStatus`. */
  readonly listDeclaresStatus: boolean;
}

type Json = Record<string, unknown>;

const processStatus: Json = {
  type: 'object',
  properties: Object.fromEntries(
    [
      ['dateCreated', 'date-time'], ['startDate', 'date-time'], ['dateCompleted', 'date-time'],
      ['opsCompleted', 'int32'], ['opsExpected', 'int32'], ['failedOps', 'int32'], ['progress', ''], ['failureReason', ''], ['serverId', ''],
    ].map(([name, format]) => [name, format === 'int32' ? { type: 'integer', format } : { type: 'string', ...(format === '' ? {} : { format }) }]),
  ),
};

const count = { type: 'integer', format: 'int32' };
const workQueueStatus = (ref: (name: string) => Json): Json => ({
  type: 'object',
  properties: { numActiveExecutors: count, numActiveWorkItems: count, executors: { type: 'array', items: ref('WorkQueueExecutor') } },
});
const executor: Json = {
  type: 'object',
  properties: {
    serverId: { type: 'string' },
    running: { type: 'boolean' },
    tasks: { type: 'object', properties: { checkedOut: count, processed: count, failed: count, skipped: count } },
  },
};

function schemas(settings: DocumentSettings, ref: (name: string) => Json): Record<string, Json> {
  const links = { type: 'object', additionalProperties: { type: 'object', properties: { href: { type: 'string' } } } };
  const element = (attributes: string): Json => ({ type: 'object', properties: { attributes: ref(attributes), checksum: { type: 'string' }, links } });
  const collection = (elementName: string): Json => ({
    type: 'object',
    properties: { count, total: count, data: { type: 'array', items: ref(elementName) }, links },
  });
  const typeKey = { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } };
  return {
    BatchProcess: {
      type: 'object',
      properties: { distributed: { type: 'boolean' }, type: typeKey, status: ref('ProcessStatus'), workQueueStatus: ref('WorkQueueStatus') },
    },
    // What list items may carry: the process without its status unless the list can carry it.
    BatchProcessSummary: settings.listDeclaresStatus ? { allOf: [ref('BatchProcess')] } : { type: 'object', properties: { distributed: { type: 'boolean' }, type: typeKey } },
    BatchProcessElement: element('BatchProcess'),
    BatchProcessSummaryElement: element('BatchProcessSummary'),
    BatchProcessDocument: { type: 'object', properties: { data: ref('BatchProcessElement') } },
    BatchProcessList: collection('BatchProcessSummaryElement'),
    ProcessStatus: processStatus,
    WorkQueueStatus: workQueueStatus(ref),
    WorkQueueExecutor: executor,
    ProcessHistory: {
      type: 'object',
      properties: {
        id: { type: 'string' }, type: { type: 'string' }, description: { type: 'string' }, dateCreated: { type: 'string' },
        startDate: { type: 'string' }, dateCompleted: { type: 'string' }, opsCompleted: count, failedOps: count,
        ranToCompletion: { type: 'boolean' }, internalFailure: { type: 'boolean' }, scheduled: { type: 'boolean' },
      },
    },
    ProcessHistoryElement: element('ProcessHistory'),
    ProcessHistoryList: collection('ProcessHistoryElement'),
  };
}

const descriptions: Record<string, string> = {
  pageSize: 'The maximum number of resources to return in one page.',
  pageOffset: 'The offset of the first resource of the page.',
  includeTotal: 'Whether to include the total number of resources of the collection.',
  fields: 'The fields to return; *all includes optional fields not returned by default.',
};

/** The OpenAPI 3 or Swagger 2 definition for `settings`. */
export function apiDocument(flavour: 'openapi' | 'swagger', settings: DocumentSettings): Json {
  const swagger = flavour === 'swagger';
  const ref = (name: string): Json => ({ $ref: swagger ? `#/definitions/${name}` : `#/components/schemas/${name}` });
  const paramRef = (name: string): Json => ({ $ref: swagger ? `#/parameters/${name}` : `#/components/parameters/${name}` });
  const paramSchema = (name: string): Json =>
    name === 'pageSize'
      ? { type: 'integer', minimum: 1, maximum: settings.maxPageSize, default: settings.pageSize }
      : name === 'pageOffset'
        ? { type: 'integer', minimum: 0 }
        : name === 'includeTotal'
          ? { type: 'boolean' }
          : { type: 'string' };
  const parameter = (name: string): Json => ({
    name,
    in: 'query',
    required: false,
    description: descriptions[name] ?? name,
    ...(swagger ? paramSchema(name) : { schema: paramSchema(name) }),
  });
  const known = ['pageSize', 'pageOffset', 'includeTotal', 'fields'];
  const params = (names: readonly string[]): Json[] => names.map((name) => (known.includes(name) ? paramRef(name) : parameter(name)));
  const ok = (schema: string): Json =>
    swagger ? { description: 'OK', schema: ref(schema) } : { description: 'OK', content: { 'application/json': { schema: ref(schema) } } };
  const typeParam: Json = { name: 'batchProcessType', in: 'path', required: true, ...(swagger ? { type: 'string' } : { schema: { type: 'string' } }) };
  const get = (parameters: Json[], schema: string): Json => ({ get: { parameters, responses: { '200': ok(schema) } } });
  const paths = {
    '/batch-processes': get(params(settings.listParams), 'BatchProcessList'),
    '/batch-processes/{batchProcessType}': { parameters: [typeParam], ...get(params(['fields']), 'BatchProcessDocument') },
    '/batch-processes/{batchProcessType}/histories': { parameters: [typeParam], ...get(params(settings.historyParams), 'ProcessHistoryList') },
  };
  const info = { title: 'System Tools API', version: '1.0.0-simulator' };
  const sharedParams = Object.fromEntries(known.map((name) => [name, parameter(name)]));
  if (swagger) return { swagger: '2.0', info, basePath: '/rest/systemtools/v1', paths, parameters: sharedParams, definitions: schemas(settings, ref) };
  return { openapi: '3.0.1', info, servers: [{ url: '/rest/systemtools/v1' }], paths, components: { parameters: sharedParams, schemas: schemas(settings, ref) } };
}
