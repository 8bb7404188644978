import { conflict, notFound } from '../api-error.js';
import { IpPool } from '../fleet/ip-pool.js';
import { jobRule } from '../ops/job-rules.js';
import { enterStatus } from '../ops/status-effects.js';
import type { Plane } from '../plane.js';
import type { JobRow } from '../store/jobs-table.js';

/** A job waits this long in the queue before it starts running. */
export const QUEUED_SECONDS = 3;

function finishedAt(job: JobRow): string {
  return new Date(Date.parse(job.created) + job.duration_s * 1000).toISOString();
}

function completeJob(plane: Plane, job: JobRow): void {
  plane.jobs.save(job.id, { status: 'done', progress: 100, finished: finishedAt(job), error: null });
  const server = plane.servers.get(job.server_id);
  if (!server) return;
  const rule = jobRule(job.action);
  // Only a server still in the job's status moves on: something else (expiry, _sim) may have moved it meanwhile.
  if (rule.after && server.status === rule.during) {
    const patch = enterStatus(server.zone, rule.after);
    if (server.ip === '') patch.ip = new IpPool(plane.servers.usedIps()).next();
    plane.servers.update(server.id, patch);
  }
  if (rule.clearsStale === 'none') return;
  plane.servers.update(server.id, { stale: false });
  if (rule.clearsStale === 'server-and-members') {
    for (const memberId of server.members) plane.servers.update(memberId, { stale: false });
  }
}

/** Moves every open job by the simulated time since it was created. */
export function advanceJobs(plane: Plane): void {
  const nowMs = plane.time.now();
  for (const job of plane.jobs.open()) {
    const elapsed = (nowMs - Date.parse(job.created)) / 1000;
    if (elapsed >= job.duration_s) {
      completeJob(plane, job);
      continue;
    }
    const queued = elapsed < QUEUED_SECONDS;
    plane.jobs.save(job.id, {
      status: queued ? 'queued' : 'running',
      progress: queued ? 0 : Math.floor((elapsed / job.duration_s) * 100),
      finished: null,
      error: null,
    });
  }
}

/** `_sim/job/:id`: the job fails and its server goes back to where it was before the job. */
export function failJob(plane: Plane, jobId: number, error: string): void {
  const job = plane.jobs.getRow(jobId);
  if (!job) throw notFound(`No job with id ${jobId}.`);
  if (job.status !== 'queued' && job.status !== 'running')
    throw conflict(`Job ${jobId} is already ${job.status}.`);
  plane.jobs.save(job.id, { status: 'failed', progress: job.progress, finished: plane.time.iso(), error });
  const server = plane.servers.get(job.server_id);
  if (server && server.status === jobRule(job.action).during) {
    plane.servers.update(server.id, enterStatus(server.zone, job.prior_status));
  }
}
