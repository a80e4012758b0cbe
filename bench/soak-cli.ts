/** `npm run soak -- --minutes=10 [--processes=50]`: runs the soak and prints start/end figures. */
import { runSoak, type ResourceSample } from './soak.js';

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found === undefined ? fallback : Number(found.slice(name.length + 3));
};

const minutes = arg('minutes', 10);
const report = await runSoak({ durationMs: minutes * 60_000, processes: arg('processes', 50), log: (line) => console.error(line) });
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const row = (label: string, s: ResourceSample): string =>
  `| ${label} | ${mb(s.rssBytes)} | ${mb(s.heapUsedBytes)} | ${s.activeHandles} | ${(s.eventLoopLagP99Seconds * 1000).toFixed(1)} ms | ${s.series} |`;
console.log(`Soak: ${(report.durationMs / 60_000).toFixed(1)} min, ${report.polls} list requests, ${report.scrapes} scrapes, ${report.faultsInjected} faults injected`);
console.log('| when | RSS | heap used | active handles | event-loop lag p99 | lines on /metrics |');
console.log('|---|---|---|---|---|---|');
console.log(row('start (after warm-up)', report.start));
for (const { minute, sample } of report.during) console.log(row(`${minute.toFixed(0)} min`, sample));
console.log(row('end', report.end));
