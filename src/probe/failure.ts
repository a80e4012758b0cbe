/**
 * What a failed request was, read off the exporter's error family once: where it happened, its kind,
 * the HTTP status, and the system or TLS code underneath. Pure; `hints.ts` turns these facts into advice.
 */
import {
  AuthError,
  ExporterError,
  InvalidResponseError,
  LimitExceededError,
  UpstreamNetworkError,
  UpstreamStatusError,
  UpstreamTimeoutError,
} from '../errors.js';
import { InvalidBodyError } from '../guidewire/http.js';

export type FailureKind = 'status' | 'timeout' | 'network' | 'not_json' | 'invalid_response' | 'limit_exceeded' | 'secret_file' | 'other';

export interface FailureFacts {
  /** The error's own message, shown as it is (the error family keeps secrets out of messages). */
  readonly message: string;
  /** The System Tools API, or the OAuth2 token endpoint. */
  readonly at: 'api' | 'token';
  readonly kind: FailureKind;
  readonly status?: number;
  /** The OAuth `error` code of a token endpoint refusal (`invalid_client`, `invalid_scope`, …). */
  readonly oauthError?: string;
  /** The system or TLS code underneath: `ENOTFOUND`, `ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, … */
  readonly causeCode?: string;
  /** `host:port` of the proxy the request went through, when it did. */
  readonly proxy?: string;
  /** The status a proxy refused the request with (407, or a refused CONNECT). */
  readonly proxyStatus?: number;
  /** The type code of a per-type request, when the 404 concerned a code named in `batch_processes.include`. */
  readonly literalType?: string;
}

/** Reads the facts of one failure. `literalType` is the configured literal code a per-type GET asked for. */
export function failureFacts(err: unknown, literalType?: string): FailureFacts {
  const message = err instanceof Error ? err.message : String(err);
  const at = err instanceof AuthError && !err.secretFile ? 'token' : 'api';
  // The token endpoint's transport failure sits under the AuthError that names it.
  const inner = err instanceof AuthError && err.cause instanceof ExporterError ? err.cause : err;
  const network = inner instanceof UpstreamNetworkError ? inner : undefined;
  const causeCode = codeBelow(err, new Set());
  return {
    message,
    at,
    kind: kindOf(err, inner),
    ...optional('status', statusOf(err, inner)),
    ...optional('oauthError', err instanceof AuthError ? err.oauthError : undefined),
    ...optional('causeCode', causeCode),
    ...optional('proxy', network?.proxy),
    ...optional('proxyStatus', network?.proxyStatus),
    ...optional('literalType', literalType),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function kindOf(err: unknown, inner: unknown): FailureKind {
  if (err instanceof AuthError && err.secretFile) return 'secret_file';
  if (err instanceof AuthError && err.status !== undefined) return 'status';
  if (inner instanceof UpstreamStatusError) return 'status';
  if (inner instanceof UpstreamTimeoutError) return 'timeout';
  if (inner instanceof InvalidBodyError) return 'not_json';
  if (inner instanceof InvalidResponseError) return 'invalid_response';
  if (inner instanceof LimitExceededError) return 'limit_exceeded';
  if (inner instanceof UpstreamNetworkError) return 'network';
  return 'other';
}

function statusOf(err: unknown, inner: unknown): number | undefined {
  if (err instanceof AuthError && err.status !== undefined) return err.status;
  if (inner instanceof UpstreamStatusError || inner instanceof InvalidBodyError) return inner.status;
  return undefined;
}

/** The first code in the cause chain that is not one of the exporter's own (`GWE_*`). */
function codeBelow(err: unknown, seen: Set<unknown>): string | undefined {
  if (typeof err !== 'object' || err === null || seen.has(err)) return undefined;
  seen.add(err);
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && !code.startsWith('GWE_')) return code;
  // Happy eyeballs: an AggregateError of one failure per address; the first says what happened.
  if (err instanceof AggregateError) {
    for (const part of err.errors) {
      const found = codeBelow(part, seen);
      if (found !== undefined) return found;
    }
  }
  return codeBelow((err as { cause?: unknown }).cause, seen);
}
