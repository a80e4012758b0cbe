/**
 * Which strings may become label values. Guidewire type codes are identifiers and display names are
 * short text: neither ever holds a control character, a line or paragraph separator, or a lone
 * surrogate. Such a string is an invalid item (`reason="invalid_response"`), never silently dropped or
 * repaired: a glob would not see a line terminator, `encodeURIComponent` throws on a lone surrogate and
 * `Buffer.from` turns it into U+FFFD, so the same code would have three different spellings.
 * Run histories need no such check: none of their strings (the run `id`) becomes a label or a path.
 */

import { FieldError } from './parse-fields.js';

// Unicode Cc (C0, DEL, C1) and U+2028/U+2029, which JavaScript treats as line terminators.
const controlOrSeparator = /[\p{Cc}\u2028\u2029]/u;
// Without the `u` flag a regex sees code units, so an unpaired surrogate half can be matched.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// One scan over the code units that either check below could object to; most values have none.
// eslint-disable-next-line no-control-regex
const suspect = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\uD800-\uDFFF]/;

/** Why `value` cannot be a label value, or `undefined` when it can. Pure. */
export function labelTextProblem(value: string): string | undefined {
  if (!suspect.test(value)) return undefined;
  if (loneSurrogate.test(value)) return 'is not well-formed UTF-16 (lone surrogate)';
  if (controlOrSeparator.test(value)) {
    // No position in the text: it is the cause that rejected items are grouped by, so it names only the
    // character (at most 67 distinct causes), and the item itself is in the examples.
    const unit = value.charCodeAt(value.search(controlOrSeparator)).toString(16).toUpperCase().padStart(4, '0');
    return `contains U+${unit} (a control character or line separator)`;
  }
  return undefined;
}

/**
 * Throws `FieldError` naming the field when a batch process type's code or name cannot be a label
 * value (see `labelTextProblem`). `path` is the type reference's (`data[3].attributes.type`).
 */
export function checkTypeLabels(code: string, name: string, path: string): void {
  for (const [key, value] of [['code', code], ['name', name]] as const) {
    const problem = labelTextProblem(value);
    if (problem !== undefined) throw new FieldError(`${path}.${key}`, problem);
  }
}
