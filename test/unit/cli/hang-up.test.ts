import { describe, expect, it } from 'vitest';
import { HangUps } from '../../../src/cli/hang-up.js';

describe('HangUps', () => {
  it('remembers SIGHUPs before the start as one reload, then reloads on each, and ignores them after stopping', () => {
    const hangUps = new HangUps();
    let reloads = 0;
    hangUps.signal();
    hangUps.signal();
    expect(hangUps.started(() => reloads++)).toBe(true);
    expect(reloads).toBe(1);
    hangUps.signal();
    expect(reloads).toBe(2);
    hangUps.stopping();
    hangUps.signal();
    expect(reloads).toBe(2);
  });

  it('runs no reload at the start when no SIGHUP came before', () => {
    let reloads = 0;
    expect(new HangUps().started(() => reloads++)).toBe(false);
    expect(reloads).toBe(0);
  });
});
