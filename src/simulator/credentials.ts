/**
 * Credentials the stand-alone simulator (`simulate`) accepts. Public on purpose: the simulator is a
 * development tool and never holds real data. Documented in docs/simulator.md.
 */
export const simulatorCredentials = {
  basic: { username: 'su', password: 'gw' },
  oauth2: { clientId: 'simulator-client', clientSecret: 'simulator-secret', tokenTtlSeconds: 300 },
} as const;
