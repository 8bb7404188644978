import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../src/probe/semaphore.js';

/** A task that runs until its `finish` is called. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { done, finish };
}

/** Lets every promise callback that can run, run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once and starts the others in arrival order', async () => {
    const slots = new Semaphore(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const all = gates.map((g, i) =>
      slots.run(async () => {
        started.push(i);
        await g.done;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1]!.finish();
    await all[1];
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.finish();
    await all[0];
    expect(started).toEqual([0, 1, 2, 3]);
    for (const g of gates) g.finish();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
  });

  it('frees the slot of a task that throws', async () => {
    const slots = new Semaphore(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'next')).toBe('next');
  });

  it('refuses a limit below 1', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
