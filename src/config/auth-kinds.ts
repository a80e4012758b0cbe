/**
 * The authentication kinds a target may use, one descriptor each (see `auth-kind.ts`). The schema's auth
 * blocks and known keys, the rules (one block at most, a secret xor its `_file`, the files to check), the
 * values never quoted, the built `AuthConfig`, the dump, the summary, the plain-http warning, the probe's
 * 401 hint and the logger's redact paths all derive from this table. A new kind is one entry here, one
 * provider file in `src/guidewire/auth-providers/` and its line in the registry of `src/guidewire/auth.ts`
 * (which the compiler demands). Pure.
 */
import * as z from 'zod';
import { authKind } from './auth-kind.js';
import { authorizationType, filePath, httpUrl, nonEmptyString } from './leaves.js';
import { redactQuery, redactValues } from './redact-url.js';
import { dumpSecret, secretSource, type SecretRef } from './secret-ref.js';

/** OAuth2 client credentials (RFC 6749 §4.4), as Prometheus' `oauth2` block. */
export interface OAuth2Settings {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: SecretRef;
  readonly scopes: readonly string[];
  /** Extra form parameters sent to the token endpoint (Prometheus' `endpoint_params`). */
  readonly endpointParams: Readonly<Record<string, string>>;
}

/** HTTP Basic (self-managed Guidewire). */
export interface BasicAuthSettings {
  readonly username: string;
  readonly password: SecretRef;
}

/** A fixed `Authorization: <type> <credentials>` header. */
export interface AuthorizationSettings {
  readonly type: string;
  readonly credentials: SecretRef;
}

const oauth2 = authKind({
  key: 'oauth2',
  shape: {
    token_url: httpUrl({ allowQuery: true }),
    client_id: nonEmptyString,
    client_secret: z.string().optional(),
    client_secret_file: filePath.optional(),
    scopes: z.array(nonEmptyString).optional(),
    endpoint_params: z.record(z.string(), z.string()).optional(),
  },
  secret: { key: 'client_secret', property: 'clientSecret' },
  hidden: ['endpoint_params'],
  build: (block, clientSecret): OAuth2Settings => ({
    tokenUrl: block.token_url,
    clientId: block.client_id,
    clientSecret,
    scopes: block.scopes ?? [],
    endpointParams: Object.fromEntries(Object.entries(block.endpoint_params ?? {})),
  }),
  dump: (s) => ({
    token_url: redactQuery(s.tokenUrl),
    client_id: s.clientId,
    ...dumpSecret('client_secret', s.clientSecret),
    scopes: [...s.scopes],
    ...(Object.keys(s.endpointParams).length === 0 ? {} : { endpoint_params: redactValues(s.endpointParams) }),
  }),
  describe: (s) => {
    const scopes = s.scopes.length === 0 ? '' : `, scopes ${s.scopes.join(' ')}`;
    const keys = Object.keys(s.endpointParams);
    const params = keys.length === 0 ? '' : `, endpoint_params ${keys.map((key) => `${key}=<secret>`).join(' ')}`;
    return `token_url ${redactQuery(s.tokenUrl)}, client_id ${s.clientId}, client secret ${secretSource(s.clientSecret)}${scopes}${params}`;
  },
  endpoint: { key: 'token_url', url: (s) => s.tokenUrl, carries: 'the client secret' },
  refused: {
    problem: 'token refused by Guidewire (HTTP 401)',
    hint: 'The token endpoint issued a token but Guidewire rejected it: check that oauth2.token_url is the Guidewire Hub authorization server of this tenant and that oauth2.scopes include the tenant and the application\'s service scope (e.g. tenant.acme, pc.service).',
  },
});

const basic = authKind({
  key: 'basic_auth',
  shape: {
    username: nonEmptyString,
    password: z.string().optional(),
    password_file: filePath.optional(),
  },
  secret: { key: 'password', property: 'password' },
  build: (block, password): BasicAuthSettings => ({ username: block.username, password }),
  dump: (s) => ({ username: s.username, ...dumpSecret('password', s.password) }),
  describe: (s) => `username ${s.username}, password ${secretSource(s.password)}`,
  refused: {
    problem: 'credentials refused (HTTP 401)',
    hint: 'Guidewire refused the basic_auth user name or password: check basic_auth.username and password / password_file (the file\'s content, trimmed). Guidewire Cloud accepts no basic auth in production: use oauth2 with a client from Guidewire Hub.',
  },
});

const authorization = authKind({
  key: 'authorization',
  shape: {
    type: authorizationType.optional(),
    credentials: z.string().optional(),
    credentials_file: filePath.optional(),
  },
  secret: { key: 'credentials', property: 'credentials' },
  build: (block, credentials): AuthorizationSettings => ({ type: block.type ?? 'Bearer', credentials }),
  dump: (s) => ({ type: s.type, ...dumpSecret('credentials', s.credentials) }),
  describe: (s) => `type ${s.type}, credentials ${secretSource(s.credentials)}`,
  refused: {
    problem: 'credentials refused (HTTP 401)',
    hint: 'Guidewire refused the authorization header: check authorization.type and credentials / credentials_file. A fixed bearer token may have expired; oauth2 refreshes tokens by itself.',
  },
});

/** The kinds, by the `kind` of their `AuthConfig`; in the order their blocks sit among a target's keys. */
const table = { oauth2, basic, authorization };

export type AuthKindTable = typeof table;
export type AuthKind = keyof AuthKindTable;
type SettingsOf<K extends AuthKind> = ReturnType<AuthKindTable[K]['build']>;

/** The auth settings of one kind, with its `kind`. */
export type AuthConfigOf<K extends AuthKind> = { readonly kind: K } & SettingsOf<K>;

/** A target's authentication: none, or the settings of one kind. */
export type AuthConfig = { readonly kind: 'none' } | { [K in AuthKind]: AuthConfigOf<K> }[AuthKind];

/**
 * What is read per kind, typed by kind so that `authKinds[config.kind].dump(config)` checks for any
 * `config: AuthConfigOf<K>` (a union of descriptors would not accept it).
 */
interface AuthKindView<S> {
  readonly key: string;
  readonly shape: z.ZodRawShape;
  readonly secret: { readonly key: string; readonly property: string };
  readonly hidden?: readonly string[];
  readonly settings: (block: unknown, baseDir: string) => S;
  readonly dump: (settings: S) => Record<string, unknown>;
  readonly describe: (settings: S) => string;
  readonly endpoint?: { readonly key: string; readonly url: (settings: S) => string; readonly carries: string };
  readonly refused: { readonly problem: string; readonly hint: string };
}

export const authKinds: { readonly [K in AuthKind]: AuthKindView<SettingsOf<K>> } = table;

/** What the tables read of any kind: its name, block, keys, secret, hidden keys and endpoint key. */
export type AuthKindEntry = { readonly kind: AuthKind } & Omit<AuthKindView<never>, 'settings' | 'dump' | 'describe'>;

/** Every kind with its name, in table order. */
export const authKindList: readonly AuthKindEntry[] = (Object.keys(authKinds) as AuthKind[]).map((kind) => ({ kind, ...authKinds[kind] }));

/** The endpoint of its own that `auth` sends its credentials to, with its path in the file (`oauth2.token_url`). */
export function authEndpoint(auth: AuthConfig): { path: string; url: string; carries: string } | undefined {
  if (auth.kind === 'none') return undefined;
  return endpointOf(auth);
}

function endpointOf<K extends AuthKind>(auth: AuthConfigOf<K>): { path: string; url: string; carries: string } | undefined {
  const kind = authKinds[auth.kind];
  const endpoint = kind.endpoint;
  return endpoint === undefined ? undefined : { path: `${kind.key}.${endpoint.key}`, url: endpoint.url(auth), carries: endpoint.carries };
}

/**
 * Field names that hold an auth secret, in the file (`client_secret`) and in the built settings
 * (`clientSecret`): the logger redacts them wherever they appear.
 */
export const authSecretFields: readonly string[] = [...new Set(authKindList.flatMap(({ secret }) => [secret.key, secret.property]))];
