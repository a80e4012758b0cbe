#!/usr/bin/env node
/**
 * The command-line entry. SIGHUP is caught before anything else loads: loading the exporter takes a few
 * hundred milliseconds, and SIGHUP's default action would kill the process (exit 129) if it arrived
 * meanwhile, as it does when a supervisor reloads right after a start. The CLI itself is
 * src/cli/main.ts; the entry stays here so that dist/cli.js, the package's `bin`, stays where it is.
 */
import { HangUps } from './cli/hang-up.js';

const hangUps = new HangUps();
process.on('SIGHUP', () => hangUps.signal());
const { runCli } = await import('./cli/main.js');
runCli(hangUps);
