import type { CronSchedule } from '../cron/quartz.js';

/** Answers remembered per method of one cron; the memo starts over when full (a poll asks a few per process). */
const maxEntries = 1024;

function memo(fn: (at: number) => number | undefined): (at: number) => number | undefined {
  const answers = new Map<number, number | undefined>();
  return (at) => {
    if (answers.has(at)) return answers.get(at);
    const answer = fn(at);
    if (answers.size >= maxEntries) answers.clear();
    answers.set(at, answer);
    return answer;
  };
}

/**
 * A cron that remembers its recent answers. A schedule shared by many processes (one override's glob
 * matching thousands) is asked the same questions for each of them in one poll, at the same `now`: croner
 * steps through its tables for every answer (most of a poll's time, measured), so each is computed once.
 * The answers are pure functions of their argument, so remembering them changes nothing but the cost.
 * Bounded: at most `maxEntries` answers per method.
 */
export function memoCron(cron: CronSchedule): CronSchedule {
  return {
    expression: cron.expression,
    timezone: cron.timezone,
    next: memo((after) => cron.next(after)),
    previous: memo((before) => cron.previous(before)),
    between: (from, to, max) => cron.between(from, to, max),
    twin: memo((at) => cron.twin(at)),
  };
}
