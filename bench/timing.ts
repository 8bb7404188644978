/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

/**
 * Times two tasks `rounds` times each, alternating which goes first, so that a busy moment of a
 * shared machine (or a garbage collection) lands on both sides alike. Milliseconds per run.
 */
export async function interleaved(
  rounds: number,
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<{ subject: number[]; baseline: number[] }> {
  const times = { subject: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2) {
      times.baseline.push(await timed(baseline));
      times.subject.push(await timed(subject));
    } else {
      times.subject.push(await timed(subject));
      times.baseline.push(await timed(baseline));
    }
  }
  return times;
}
