import { describe, expect, it } from 'vitest';
import { parseProgress } from '../../../src/guidewire/progress.js';

describe('parseProgress', () => {
  it.each([
    ['1 out of 3', { done: 1, total: 3 }],
    ['  12 out of 40 ', { done: 12, total: 40 }],
    ['0 OUT OF 0', { done: 0, total: 0 }],
    ['5 Out  Of 7', { done: 5, total: 7 }],
    ['4 out of 3', { done: 4, total: 3 }],
  ])('parses %j', (text, expected) => {
    expect(parseProgress(text)).toEqual(expected);
  });

  it.each([
    [undefined],
    [''],
    ['running'],
    ['1 of 3'],
    ['1/3'],
    ['-1 out of 3'],
    ['1.5 out of 3'],
    ['1 out of 3 items'],
    ['about 1 out of 3'],
    ['99999999999999999999 out of 1'],
  ])('rejects %j', (text) => {
    expect(parseProgress(text)).toBeUndefined();
  });
});
