import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;

/**
 * Keys the parsers look up, plus Object.prototype names, so that random documents reach deep into the
 * parsers instead of failing at the first `data` lookup.
 */
export const interestingKeys = [
  'data', 'attributes', 'status', 'type', 'code', 'name', 'distributed', 'workQueueStatus', 'links', 'next', 'href',
  'dateCreated', 'startDate', 'dateCompleted', 'opsCompleted', 'opsExpected', 'failedOps', 'progress', 'failureReason',
  'id', 'total', 'count', 'ranToCompletion', 'internalFailure', 'scheduled', 'errorCode', 'userMessage', 'message',
  'numActiveExecutors', 'activeExecutors', 'numActiveWorkItems', 'executors', 'running', 'tasks', 'processed',
  'numFailed', 'skipped', 'checkedOut', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'length', '0',
] as const;

const isoDate = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

/** Scalars with a bias towards values that are almost what the parsers accept. */
export const jsonScalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 1_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  isoDate,
  fc.constantFrom('', '1 out of 3', '2022-09-19T17:30:00.021', '2022-02-30T00:00:00Z', 'NaN', '-1', '1e400', 'true', 'null'),
);

export const jsonKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...interestingKeys), fc.string({ maxLength: 8 }));

/** Arbitrary JSON, keyed mostly with the names the parsers read. Always a value `JSON.parse` could return. */
export const guidewireishJson: fc.Arbitrary<Json> = fc
  .letrec<{ json: Json }>((tie) => ({
    json: fc.oneof(
      { depthSize: 'small', maxDepth: 6 },
      jsonScalar,
      fc.array(tie('json'), { maxLength: 4 }),
      fc.dictionary(jsonKey, tie('json'), { maxKeys: 6 }),
    ),
  }))
  .json.map(reparse);

/** What a value becomes after a trip through the wire: plain objects, no `undefined`, no -0. */
export function reparse<T>(value: T): Json {
  return JSON.parse(JSON.stringify(value) ?? 'null') as Json;
}

/** Every path in a JSON tree, the root (`[]`) first. */
export function pathsOf(value: Json, prefix: Segment[] = [], out: Segment[][] = []): Segment[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

export interface Mutation {
  /** Index into `pathsOf(value)`, taken modulo its length. */
  readonly at: number;
  readonly kind: 'delete' | 'replace' | 'add';
  readonly key: string;
  readonly value: Json;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'add'),
  key: jsonKey,
  value: fc.oneof(jsonScalar, guidewireishJson),
});

function container(root: Json, path: readonly Segment[]): Json {
  let node = root;
  for (const segment of path) node = (node as Record<string | number, Json>)[segment] as Json;
  return node;
}

/** Applies one mutation to a copy of `root`: delete, retype or add a field at a random path. */
export function mutate(root: Json, m: Mutation): Json {
  const copy = reparse(root);
  const paths = pathsOf(copy);
  const path = paths[m.at % paths.length] ?? [];
  const last = path.at(-1);
  if (m.kind === 'add') {
    const target = container(copy, path);
    if (Array.isArray(target)) target.push(m.value);
    else if (target !== null && typeof target === 'object') Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else return path.length === 0 ? m.value : setAt(copy, path, m.value);
    return copy;
  }
  if (last === undefined) return m.kind === 'delete' ? null : m.value;
  if (m.kind === 'replace') return setAt(copy, path, m.value);
  const parent = container(copy, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string, Json>)[String(last)];
  return copy;
}

function setAt(root: Json, path: readonly Segment[], value: Json): Json {
  const parent = container(root, path.slice(0, -1)) as Record<string | number, Json>;
  Object.defineProperty(parent, path.at(-1) as string | number, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** Applies mutations in turn. */
export const mutateAll = (root: Json, mutations: readonly Mutation[]): Json => reparse(mutations.reduce(mutate, root));
