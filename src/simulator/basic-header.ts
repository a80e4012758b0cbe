/**
 * The simulator's own reading of an `Authorization: Basic ...` header (RFC 7617). It deliberately shares
 * no code with the exporter's parser (src/http/basic-auth.ts): the simulator is the test double the
 * exporter's client is tested against, and a parser bug shared by both sides would be invisible.
 */

export interface BasicPair {
  readonly user: string;
  readonly password: string;
}

// token68 as RFC 7235 §2.1 allows it for Basic: base64 characters, then padding.
const base64Token = /^[A-Za-z0-9+/]+={0,2}$/;

/** The user and password of a Basic header, or `undefined` for another scheme or a malformed value. */
export function readBasicHeader(header: string | undefined): BasicPair | undefined {
  const value = header?.trim() ?? '';
  const space = value.indexOf(' ');
  if (space <= 0 || value.slice(0, space).toLowerCase() !== 'basic') return undefined;
  const token = value.slice(space + 1).trimStart();
  if (!base64Token.test(token)) return undefined;
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
