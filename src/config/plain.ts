/** Walking the raw configuration document (before or without the schema): plain maps and the targets. */
import type { Path } from './locate.js';

export type Plain = Readonly<Record<string, unknown>>;

/** A YAML mapping (not null, not a sequence). */
export const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every target that is a mapping, with its path in the document. */
export const targetsOf = (data: unknown): { target: Plain; path: Path }[] => {
  const targets = isPlain(data) ? data['targets'] : undefined;
  if (!Array.isArray(targets)) return [];
  return targets.flatMap((target: unknown, i) => (isPlain(target) ? [{ target, path: ['targets', i] }] : []));
};
