/**
 * The vocabulary the probe's hint modules share (hints.ts dispatches, network-hints.ts words network and
 * proxy failures): kept apart so that neither imports the other's file for a type.
 */

export interface Diagnosis {
  /** A few words: `credentials refused (HTTP 401)`. */
  readonly problem: string;
  /** What to check or change, naming configuration keys. */
  readonly hint: string;
}

/** The URL a failure concerns and the configuration key that holds it. */
export interface Place {
  readonly key: 'base_url' | 'oauth2.token_url';
  readonly url: URL;
}
