/** Pure helpers over Prometheus text exposition: counting samples, reading values, keeping families. */

/** The metric name of a sample line (`name{...} value` or `name value`). */
function sampleName(line: string): string {
  const end = line.search(/[{ ]/);
  return end < 0 ? line : line.slice(0, end);
}

/** Sample lines (neither comments nor blank): the number of series a scrape carries. */
export function seriesCount(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (line !== '' && !line.startsWith('#')) n++;
  return n;
}

/** Number of samples named exactly `name`. */
export function countSamples(text: string, name: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (!line.startsWith('#') && sampleName(line) === name) n++;
  return n;
}

/** Values of the samples named exactly `name`, in order. */
export function sampleValues(text: string, name: string): number[] {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#') && sampleName(line) === name)
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}

/**
 * Only the families whose name starts with `prefix` (HELP/TYPE lines and samples): what gets pushed to
 * the Pushgateway, whose own `process_*` and `go_*` families would clash with the exporter's.
 */
export function keepFamilies(text: string, prefix: string): string {
  const kept = text.split('\n').filter((line) => {
    if (line === '') return false;
    const name = line.startsWith('# ') ? (line.split(' ')[2] ?? '') : sampleName(line);
    return name.startsWith(prefix);
  });
  return `${kept.join('\n')}\n`;
}
