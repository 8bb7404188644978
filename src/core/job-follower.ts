import type { Logger } from 'pino';
import type { ControlPlane } from '../controlplane/port.js';
import type { Job } from '../domain/schemas.js';

export interface FollowOptions {
  /** Time between two looks at the job. */
  intervalMs: number;
  /** Give up after this long; the job keeps running on the control plane. */
  timeoutMs: number;
}

export const DEFAULT_FOLLOW: FollowOptions = { intervalMs: 2_000, timeoutMs: 20 * 60_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ended = (job: Job) => job.status === 'done' || job.status === 'failed';

/**
 * Watches a job until it ends, calling `onChange` each time its status or progress moves. Returns
 * the last job seen (ended, or still running when the time ran out); failed looks are retried
 * until the time runs out.
 */
export async function followJob(
  controlPlane: ControlPlane,
  jobId: number,
  onChange: (job: Job) => Promise<void>,
  options: FollowOptions,
  log: Logger,
): Promise<Job | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  let last: Job | undefined;
  while (Date.now() < deadline) {
    try {
      const job = await controlPlane.getJob(jobId);
      if (!last || job.status !== last.status || job.progress !== last.progress) await onChange(job);
      last = job;
      if (ended(job)) return job;
    } catch (error) {
      log.warn({ err: error, jobId }, 'could not read the job; trying again');
    }
    await sleep(options.intervalMs);
  }
  return last;
}
