import type { IncomingMessage, ServerResponse } from 'node:http';

/** A response decided by a handler, written by the server shell. */
export interface SimResponse {
  readonly status: number;
  /** Serialized as JSON, except a string, which is sent as-is (so faults can send garbage). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Writes `response` to `res` with `content-type: application/json` unless its headers say otherwise. */
export function writeResponse(res: ServerResponse, response: SimResponse): void {
  const text =
    response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...response.headers,
  });
  res.end(text);
}

/** Reads a request body as UTF-8, rejecting once it exceeds `limitBytes`. */
export function readBody(req: IncomingMessage, limitBytes = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new RangeError(`request body exceeds ${limitBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
