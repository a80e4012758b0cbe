/** `"1 out of 3"`: two unsigned integers around a case-insensitive "out of". */
const progressPattern = /^\s*(\d+)\s+out\s+of\s+(\d+)\s*$/i;

/**
 * Parses the free-text `progress` of a running batch process (`"1 out of 3"`). Returns `undefined`
 * for anything else, since the API does not promise that form. `total` may be 0 and `done` may
 * exceed `total`: the caller decides what a ratio means then.
 */
export function parseProgress(text: string | undefined): { done: number; total: number } | undefined {
  if (text === undefined) return undefined;
  const match = progressPattern.exec(text);
  if (match === null) return undefined;
  const done = Number(match[1]);
  const total = Number(match[2]);
  if (!Number.isSafeInteger(done) || !Number.isSafeInteger(total)) return undefined;
  return { done, total };
}
