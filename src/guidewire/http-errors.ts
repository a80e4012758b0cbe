import {
  ExporterError,
  InvalidResponseError,
  UpstreamNetworkError,
  UpstreamTimeoutError,
} from '../errors.js';

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/**
 * Translates what undici (or the socket below it) threw into the exporter's error family, once.
 * `deadlineExpired` is true when the transport's own overall deadline aborted the request.
 */
export function translateTransportError(
  err: unknown,
  endpoint: string,
  timeoutMs: number,
  deadlineExpired: boolean,
): ExporterError {
  if (err instanceof ExporterError) return err;
  const code = errorCode(err);
  if (deadlineExpired || (code !== undefined && timeoutCodes.has(code))) {
    return new UpstreamTimeoutError(endpoint, timeoutMs, { cause: err });
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return new InvalidResponseError(endpoint, 'response body too large', { cause: err });
  }
  return new UpstreamNetworkError(endpoint, describe(err, code), { cause: err });
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}

function describe(err: unknown, code: string | undefined): string {
  const message = messageOf(err);
  if (message === '') return code ?? 'connection failed';
  return code === undefined || message.includes(code) ? message : `${message} (${code})`;
}

function messageOf(err: unknown): string {
  // Happy-eyeballs failures are an AggregateError with an empty message; its parts say what happened.
  if (err instanceof AggregateError && err.message === '') return messageOf(err.errors[0]);
  if (err instanceof Error) return err.message;
  return err === undefined ? '' : String(err);
}
