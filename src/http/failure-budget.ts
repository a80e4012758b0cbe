/**
 * A failed-login budget per client address: each client may fail `burst` times, and earns one more
 * failure every `intervalMs`. A bcrypt check takes a unit before it runs and gives it back when the
 * password was right, so a client that keeps guessing is refused without any bcrypt work while others
 * are not. At most `maxClients` addresses are remembered, the least recently seen forgotten first.
 * Pure: the time is passed in.
 */
export interface FailureBudgetLimits {
  readonly burst: number;
  /** 0 turns the budget off. */
  readonly intervalMs: number;
  readonly maxClients: number;
}

export interface FailureBudget {
  /** Takes a unit for a check by `client` at `now`; false when its budget is spent. */
  take(client: string, now: number, limits: FailureBudgetLimits): boolean;
  /** Gives the unit of a successful check back. */
  refund(client: string, limits: FailureBudgetLimits): void;
  /** Addresses remembered (for tests). */
  readonly size: number;
}

interface Account {
  tokens: number;
  last: number;
}

export function createFailureBudget(): FailureBudget {
  const accounts = new Map<string, Account>();
  return {
    get size() {
      return accounts.size;
    },
    take(client, now, { burst, intervalMs, maxClients }) {
      if (intervalMs <= 0) return true;
      const account = accounts.get(client) ?? { tokens: burst, last: now };
      account.tokens = Math.min(burst, account.tokens + Math.max(0, now - account.last) / intervalMs);
      account.last = Math.max(account.last, now);
      // Re-inserted: Map iteration follows insertion order, so the first key is the least recently seen.
      accounts.delete(client);
      accounts.set(client, account);
      while (accounts.size > Math.max(1, maxClients)) accounts.delete(accounts.keys().next().value as string);
      if (account.tokens < 1) return false;
      account.tokens -= 1;
      return true;
    },
    refund(client, { burst, intervalMs }) {
      const account = accounts.get(client);
      if (intervalMs <= 0 || account === undefined) return;
      account.tokens = Math.min(burst, account.tokens + 1);
    },
  };
}
