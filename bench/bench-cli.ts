/**
 * `npm run bench` (about ten minutes) or `npm run bench:quick` (about a minute): runs the benchmark
 * against the built exporter and prints markdown tables (progress goes to stderr).
 * Options: `--quick`; `--cli=PATH` (another build of the exporter, e.g. of an older revision);
 * `--out=FILE` (also write the markdown there); `--json=FILE` (the raw figures);
 * `--render=FILE` (print the tables of an earlier `--json` file without measuring anything).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { FULL_PLAN, QUICK_PLAN, runBench, type BenchReport } from './bench.js';
import { describeMachine, type Machine } from './machine.js';
import { renderReport } from './report.js';
import { benchTools } from './tools.js';

const option = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = process.argv.includes('--quick');
const command = quick ? 'npm run bench:quick' : 'npm run bench';

async function measure(): Promise<{ machine: Machine; report: BenchReport }> {
  const tools = benchTools(process.cwd(), option('cli'));
  const machine = describeMachine(tools);
  const log = (line: string): void => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  return { machine, report: await runBench(tools, quick ? QUICK_PLAN : FULL_PLAN, log) };
}

const earlier = option('render');
const { machine, report } = earlier === undefined ? await measure() : (JSON.parse(await readFile(earlier, 'utf8')) as { machine: Machine; report: BenchReport });
const markdown = renderReport(report, machine, report.plan.name === 'quick' ? 'npm run bench:quick' : command);
console.log(markdown);
const out = option('out');
if (out !== undefined) await writeFile(out, `${markdown}\n`);
const json = option('json');
if (json !== undefined && earlier === undefined) await writeFile(json, `${JSON.stringify({ machine, report }, null, 2)}\n`);
