import { describe, expect, it } from 'vitest';
import { checkTypeLabels, labelTextProblem } from '../../../src/guidewire/label-text.js';
import { FieldError } from '../../../src/guidewire/parse-fields.js';

describe('labelTextProblem', () => {
  it('accepts identifiers, display names, non-ASCII and astral text', () => {
    for (const ok of ['ActivityEsc', 'Activity Escalation', 'Überwachung – täglich', 'emoji \u{1F600}', 'tab-free "quotes" \\ back']) {
      expect(labelTextProblem(ok)).toBeUndefined();
    }
  });
  it('rejects control characters, line and paragraph separators, and lone surrogates', () => {
    expect(labelTextProblem('A\nB')).toBe('contains U+000A (a control character or line separator)');
    expect(labelTextProblem('\tA')).toMatch(/U\+0009/);
    expect(labelTextProblem('A\u0085')).toMatch(/U\+0085/);
    expect(labelTextProblem('A\u007f')).toMatch(/U\+007F/);
    expect(labelTextProblem('A\u2028')).toMatch(/U\+2028/);
    expect(labelTextProblem('A\u2029')).toMatch(/U\+2029/);
    expect(labelTextProblem('A\uD800')).toBe('is not well-formed UTF-16 (lone surrogate)');
    expect(labelTextProblem('\uDC00A')).toBe('is not well-formed UTF-16 (lone surrogate)');
    expect(labelTextProblem('\uD800\uD800\uDC00')).toBe('is not well-formed UTF-16 (lone surrogate)');
  });
  it('names the field of a type reference', () => {
    expect(() => checkTypeLabels('Good', 'Bad\r', 'data[0].attributes.type')).toThrow(FieldError);
    expect(() => checkTypeLabels('Bad\r', 'Good', 'data[0].attributes.type')).toThrow(/^data\[0\]\.attributes\.type\.code: /);
  });
});
