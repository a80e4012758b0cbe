/**
 * The zod building blocks of the web configuration schema: optional values (an empty YAML value reads as
 * absent, as with Go's YAML), names from a fixed list, durations, whole numbers. A bad value becomes a
 * custom issue that config/issues.ts words for people editing YAML; `showValue` lets it quote the value
 * (never a secret: see `mayShowWebValue`). Values are taken literally: no `${VAR}` expansion, so a
 * number must be a YAML number, as in exporter-toolkit.
 */
import * as z from 'zod';
import { parseDuration } from '../config/duration.js';
import type { Path } from '../config/locate.js';

interface IssueOptions {
  /** Append the offending value to the message (config/issues.ts decides whether it may be shown). */
  readonly showValue?: boolean;
  /** Point at the key rather than the value (a key that is not allowed, a setting that needs another). */
  readonly at?: 'key';
  /** Below the value being checked, e.g. one header of `headers`. */
  readonly path?: Path;
}

/** Reports a custom issue; parsing goes on, so that every problem of a map is found at once. */
export function report(ctx: Pick<z.core.$RefinementCtx, 'addIssue'>, message: string, options: IssueOptions = {}): void {
  const params = { showValue: options.showValue ?? false, ...(options.at === undefined ? {} : { at: options.at }) };
  ctx.addIssue({ code: 'custom', message, params, ...(options.path === undefined ? {} : { path: [...options.path] }) });
}

/** Reports a custom issue and returns zod's "no value" marker, for a transform's result. */
export function invalid(ctx: Pick<z.core.$RefinementCtx, 'addIssue'>, message: string, options: IssueOptions = {}): never {
  report(ctx, message, options);
  return z.NEVER;
}

/** Describes a value's kind without revealing it: `a list`, `a number`, `null`. */
export const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `a ${typeof value}`;

/** `schema`, or nothing: an absent key and an empty value (`key:`, YAML's null) both read as not given. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value: unknown) => value ?? undefined, schema.optional());

/** A string from `allowed`, or one of the older spellings in `aliases`. */
export function oneOf<T extends string>(allowed: readonly T[], aliases: Readonly<Record<string, T>> = {}) {
  return z.string().transform((text, ctx): T => {
    if ((allowed as readonly string[]).includes(text)) return text as T;
    return aliases[text] ?? invalid(ctx, `expected one of ${allowed.join(', ')}`, { showValue: true });
  });
}

/** A duration string (`100ms`, `1s`, `0s`) in milliseconds; `hint` is the message for one that is not. */
export const durationMs = (hint: string) =>
  z.string().transform((text, ctx): number => parseDuration(text) ?? invalid(ctx, hint, { showValue: true }));

/** A YAML integer from `min` to `max`. */
export const wholeNumber = (min: number, max: number, message = `expected a whole number from ${min} to ${max}`) =>
  z.unknown().transform((value, ctx): number =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : invalid(ctx, message, { showValue: true }),
  );

/** Quoting a value is never allowed for a password hash or an inline private key. */
export const mayShowWebValue = (path: Path): boolean =>
  path[0] !== 'basic_auth_users' && !(path[0] === 'tls_server_config' && path[1] === 'key');
