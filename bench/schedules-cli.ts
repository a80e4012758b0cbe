/**
 * `npm run bench:schedules`: the cost of judging schedules for a target of N processes (see schedules.ts).
 * Prints a markdown table; options `--processes=N` (5000), `--polls=N` (steady polls after the first, 60).
 */
import { runScheduleBench } from './schedules.js';

const option = (name: string, fallback: number): number => {
  const value = Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const processes = option('processes', 5000);
const polls = option('polls', 60);
const ms = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
console.log('| estate | processes | first poll | steady poll (mean) | longest event-loop block | heap kept |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const estate of ['shared', 'distinct'] as const) {
  const r = await runScheduleBench(estate, processes, polls);
  console.log(`| ${estate} | ${r.processes} | ${ms(r.firstPollMs)} | ${ms(r.steadyPollMs)} | ${ms(r.maxBlockMs)} | ${r.heapMiB.toFixed(0)} MiB |`);
}
