/**
 * The validated, frozen configuration the rest of the exporter receives. Produced only by
 * `src/config/load.ts` (from YAML) or `src/config/demo.ts` (demo mode). Durations are milliseconds.
 */

/** A secret given inline or by file. Files are re-read on use so rotated secrets are picked up. */
export type SecretRef =
  | { readonly kind: 'inline'; readonly value: string }
  | { readonly kind: 'file'; readonly path: string };

export type AuthConfig =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly username: string; readonly password: SecretRef }
  | { readonly kind: 'authorization'; readonly type: string; readonly credentials: SecretRef }
  | {
      readonly kind: 'oauth2';
      readonly tokenUrl: string;
      readonly clientId: string;
      readonly clientSecret: SecretRef;
      readonly scopes: readonly string[];
      /** Extra form parameters sent to the token endpoint (Prometheus' `endpoint_params`). */
      readonly endpointParams: Readonly<Record<string, string>>;
    };

export interface TlsConfig {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly serverName?: string;
  readonly insecureSkipVerify: boolean;
}

/** Per-process settings; the first override whose `match` glob matches a type code wins. */
export interface ProcessOverride {
  readonly match: string;
  readonly stallAfterMs?: number;
}

export interface TargetConfig {
  /** Unique; becomes the `target` label. */
  readonly name: string;
  /** Everything up to and including `/rest`, without a trailing slash. */
  readonly baseUrl: string;
  readonly auth: AuthConfig;
  /** TLS settings for the Guidewire API and the OAuth2 token endpoint. */
  readonly tls: TlsConfig;
  readonly pollIntervalMs: number;
  readonly requestTimeoutMs: number;
  /** Requests in flight at once for this target. */
  readonly concurrency: number;
  readonly stallAfterMs: number;
  readonly maxStalenessMs: number;
  /** Glob patterns (`*`, `?`) over type codes. A pattern without glob characters is a literal code. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly overrides: readonly ProcessOverride[];
}

export interface ExporterConfig {
  readonly targets: readonly TargetConfig[];
}

/** Defaults, in one place. */
export const defaults = {
  pollIntervalMs: 60_000,
  requestTimeoutMs: 10_000,
  concurrency: 4,
  stallAfterMs: 30 * 60_000,
  maxStalenessMs: 5 * 60_000,
  include: ['*'] as readonly string[],
  exclude: [] as readonly string[],
} as const;
