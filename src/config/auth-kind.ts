/**
 * What one authentication kind of a target is made of, as a descriptor: its block in the YAML, the
 * block's keys, its secret, how it is built, dumped and summarised. `auth-kinds.ts` lists the kinds;
 * everything that differs between kinds (schema, rules, dump, summary, redaction) reads that list.
 */
import type * as z from 'zod';
import { secretRef, type SecretRef } from './secret-ref.js';

/** The keys of `Shape` that have a `_file` twin in `Shape`: the keys that can hold a secret. */
export type SecretKey<Shape> = { [K in keyof Shape & string]: `${K}_file` extends keyof Shape ? K : never }[keyof Shape & string];

/** An auth block as it leaves the schema. */
export type BlockOf<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape, z.core.$strict>>;

export interface AuthKindDefinition<Key extends string, Shape extends z.ZodRawShape, Settings> {
  /** The block's key in a target, e.g. `basic_auth`; the blocks exclude each other. */
  readonly key: Key;
  /** The block's keys; it is a strict object, so any other key is reported (with a suggestion). */
  readonly shape: Shape;
  /**
   * The secret: `key` inline or `key_file` (exactly one of them), and `property`, its name in the built
   * settings. Both names are redacted from log lines; the inline value is never quoted in a message.
   */
  readonly secret: { readonly key: SecretKey<Shape>; readonly property: keyof Settings & string };
  /** Keys of the block whose values, at any depth, are never quoted in a message either. */
  readonly hidden?: readonly (keyof Shape & string)[];
  /** The settings of a block that passed the schema and the rules; `secret` is its secret's reference. */
  readonly build: (block: BlockOf<Shape>, secret: SecretRef) => Settings;
  /** The block's entries as `/config` shows them: no secret value, no query value of a URL. */
  readonly dump: (settings: Settings) => Record<string, unknown>;
  /** What `--config.check` prints after the kind's name, within parentheses. Shows no secret. */
  readonly describe: (settings: Settings) => string;
  /**
   * An endpoint of its own that the credentials travel to besides `base_url` (OAuth2's token endpoint):
   * the key of its URL in the block, the URL in the settings, and what travels there (for the plain-http
   * warning). Its scheme also picks the proxy variable the target uses.
   */
  readonly endpoint?: {
    readonly key: keyof Shape & string;
    readonly url: (settings: Settings) => string;
    readonly carries: string;
  };
  /** What the probe says when Guidewire answers 401 to a request with these credentials. */
  readonly refused: { readonly problem: string; readonly hint: string };
}

export interface AuthKindDescriptor<Key extends string, Shape extends z.ZodRawShape, Settings> extends AuthKindDefinition<Key, Shape, Settings> {
  /** The settings of a target's block (the value under `key`, which passed the schema and the rules). */
  readonly settings: (block: unknown, baseDir: string) => Settings;
}

/** A descriptor from its definition; the type parameters are inferred from `key`, `shape` and `build`. */
export function authKind<const Key extends string, Shape extends z.ZodRawShape, Settings>(
  definition: AuthKindDefinition<Key, Shape, Settings>,
): AuthKindDescriptor<Key, Shape, Settings> {
  return {
    ...definition,
    settings: (block, baseDir) => {
      // Only called with a block that passed `z.strictObject(shape)`: its output type is BlockOf<Shape>.
      const valid = block as BlockOf<Shape>;
      const fields = block as Readonly<Record<string, unknown>>;
      const key = definition.secret.key;
      return definition.build(valid, secretRef(fields[key], fields[`${key}_file`], baseDir));
    },
  };
}
