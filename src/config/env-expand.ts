/**
 * `${VAR}` / `${VAR:-default}` expansion in configuration string values. Pure: the environment is passed in.
 */

export interface ExpandResult {
  /** The expanded text. An unset variable without a default expands to `""` (and is listed in `missing`). */
  readonly value: string;
  /** True when at least one `${...}` reference was substituted, i.e. the value came (partly) from the environment. */
  readonly substituted: boolean;
  /** Names of referenced variables that are unset and have no default, in order of appearance. */
  readonly missing: readonly string[];
  /** Malformed references. Messages never quote the text around them (it may be a secret). */
  readonly errors: readonly string[];
}

const reference = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([^]*))?$/;

/**
 * Expands `${VAR}` and `${VAR:-default}` (the default applies when VAR is unset or empty, as in POSIX
 * shells). `$$` is a literal `$`; a `$` followed by anything else is kept as is. The default is taken
 * literally (no nested references).
 */
export function expandEnv(text: string, env: Readonly<Record<string, string | undefined>>): ExpandResult {
  if (!text.includes('$')) return { value: text, substituted: false, missing: [], errors: [] };
  let value = '';
  let substituted = false;
  const missing: string[] = [];
  const errors: string[] = [];
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) {
      value += text.slice(i);
      break;
    }
    value += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      value += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== '{') {
      value += '$';
      i = dollar + 1;
      continue;
    }
    const close = text.indexOf('}', dollar + 2);
    if (close === -1) {
      errors.push('unterminated "${" (write "$$" for a literal "$")');
      value += text.slice(dollar);
      break;
    }
    const match = reference.exec(text.slice(dollar + 2, close));
    i = close + 1;
    if (match === null) {
      errors.push('invalid "${...}" reference: expected ${NAME} or ${NAME:-default} (write "$$" for a literal "$")');
      continue;
    }
    const [, name = '', fallback] = match;
    const fromEnv = env[name];
    substituted = true;
    if (fromEnv !== undefined && (fromEnv !== '' || fallback === undefined)) value += fromEnv;
    else if (fallback !== undefined) value += fallback;
    else if (!missing.includes(name)) missing.push(name);
  }
  return { value, substituted, missing, errors };
}
