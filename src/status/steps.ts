/**
 * Long pure computations (rendering a large exposition or status page) written as generators: each
 * `yield` marks a point where the work may pause. `runSteps` runs one to the end at once (tests, small
 * inputs); `runStepsAsync` pauses at every mark so that the event loop serves scrapes in between.
 */
export type Steps<T> = Generator<unknown, T, undefined>;

/** Runs the steps to the end at once and returns their result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** Runs the steps, awaiting `pause` at every mark, and returns their result. */
export async function runStepsAsync<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await pause();
  }
}

/** Text made of parts, with a mark after each part. */
export function* joinParts(parts: Iterable<string>): Steps<string> {
  const out: string[] = [];
  for (const part of parts) {
    out.push(part);
    yield;
  }
  return out.join('');
}
