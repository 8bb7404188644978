import type { Job, Server, ServerStatus } from '../domain/schemas.js';
import { ServerAction } from '../domain/schemas.js';
import { ACTION_RULES, DEPLOY_SECONDS, isBusy } from '../domain/status.js';
import { dependentLines } from './dependents.js';
import { alertKey, type Finding, serverSubject } from './findings.js';
import { durationText, MINUTE_MS, momentText, numberText, serverLabel } from './format.js';
import { heldNote, levelFor, lowestHold } from './levels.js';
import { perServer, type RuleContext, type ServerRule } from './snapshot.js';

/**
 * How long the job behind a busy status usually takes: its action's, else the longest action that
 * passes through the status; only a deploy passes through "deploying".
 */
function usualSeconds(status: ServerStatus, job: Job | undefined): number {
  const action = ServerAction.safeParse(job?.action);
  if (action.success) return ACTION_RULES[action.data].seconds;
  const passing = Object.values(ACTION_RULES)
    .filter((rule) => rule.during === status)
    .map((rule) => rule.seconds);
  return passing.length ? Math.max(...passing) : DEPLOY_SECONDS;
}

/** When the current busy spell began: its running job's creation, else when the bot first saw the status. */
function busySince(ctx: RuleContext, server: Server, job: Job | undefined): Date | null {
  if (job) return new Date(job.created);
  const seen = ctx.history.statusSince.get(server.id);
  return seen?.status === server.status ? seen.since : null;
}

function jobText(job: Job): string {
  return `job ${job.id} (${job.action})`;
}

function stuckFinding(ctx: RuleContext, server: Server, jobs: readonly Job[]): Finding | null {
  const job = jobs.find((j) => j.status === 'queued' || j.status === 'running');
  const since = busySince(ctx, server, job);
  if (!since) return null;
  const { at } = ctx.snapshot;
  const health = ctx.thresholds.health;
  const usualMs = usualSeconds(server.status, job) * 1000;
  const elapsedMs = at.getTime() - since.getTime();
  if (elapsedMs <= Math.max(usualMs * health.stuckFactor, health.stuckMinMinutes * MINUTE_MS)) return null;
  const progress = job
    ? [
        `${jobText(job)}: ${job.status} ${job.progress}%, started ${momentText(since, at, ctx.thresholds.timeZone)}.`,
      ]
    : [];
  return {
    rule: 'health-status',
    ...serverSubject(server, ctx.fleet.clusterOf(server)),
    severity: 'critical',
    title: `${serverLabel(server)} looks stuck: ${server.status} for ${durationText(elapsedMs)}`,
    lines: [
      `That usually takes about ${durationText(usualMs)}; meanwhile it processes no calls.`,
      ...progress,
      ...dependentLines(server, ctx.fleet, 'now'),
    ],
    values: { elapsedMinutes: elapsedMs / MINUTE_MS, usualMinutes: usualMs / MINUTE_MS },
  };
}

/**
 * A server is meant to be active; stopped or inactive is a warning. A stop that the server's own
 * latest job carried out is deliberate: still reported, as info, so a forgotten stop is not lost.
 */
function downFinding(ctx: RuleContext, server: Server, jobs: readonly Job[]): Finding {
  const { at } = ctx.snapshot;
  const latest = jobs[0];
  const deliberate = server.status === 'stopped' && latest?.action === 'stop' && latest.status === 'done';
  const lines = ['It processes no calls.'];
  const seen = ctx.history.statusSince.get(server.id);
  if (seen?.status === server.status) {
    lines.push(
      `${server.status} since ${momentText(seen.since, at, ctx.thresholds.timeZone)} (${durationText(at.getTime() - seen.since.getTime())}).`,
    );
  }
  if (deliberate) lines.push(`It was stopped on purpose by ${jobText(latest)}.`);
  if (latest?.status === 'failed') {
    lines.push(`Its last ${jobText(latest)} failed: ${latest.error ?? 'no reason given'}.`);
  }
  lines.push(...dependentLines(server, ctx.fleet, 'now'), 'Start it once it should carry calls again.');
  return {
    rule: 'health-status',
    ...serverSubject(server, ctx.fleet.clusterOf(server)),
    severity: deliberate ? 'info' : 'warning',
    title: `${serverLabel(server)} is ${server.status}`,
    lines,
  };
}

function statusFinding(ctx: RuleContext, server: Server): Finding | null {
  if (server.status === 'active' || server.status === 'expired') return null;
  const jobs = ctx.fleet.jobsOf(server.id);
  return isBusy(server.status) ? stuckFinding(ctx, server, jobs) : downFinding(ctx, server, jobs);
}

function latencyFinding(ctx: RuleContext, server: Server): Finding | null {
  const latency = server.sip_latency_ms;
  const levels = ctx.thresholds.health.sipLatencyMs;
  if (server.status !== 'active' || latency === null || latency < lowestHold(levels)) return null;
  const about = serverSubject(server, ctx.fleet.clusterOf(server));
  const severity = levelFor(latency, ctx.previous.get(alertKey('health-latency', about.subject)), levels);
  if (!severity) return null;
  const lines = [
    `SIP OPTIONS take ${numberText(latency)} ms to answer (${severity} from ${levels[severity].enter} ms).`,
  ];
  const icmp = server.icmp_latency_ms;
  if (icmp !== null) {
    lines.push(
      icmp < latency / 2
        ? `ICMP answers in ${numberText(icmp)} ms: the network path looks fine, the SIP service itself is slow.`
        : `ICMP takes ${numberText(icmp)} ms too: look at the network path to the server.`,
    );
  }
  const held = heldNote(latency, severity, levels, ' ms');
  if (held) lines.push(held);
  return {
    rule: 'health-latency',
    ...about,
    severity,
    title: `SIP latency ${severity} · ${serverLabel(server)} at ${numberText(latency)} ms`,
    lines,
    values: { sipLatencyMs: latency },
  };
}

/** An update waits and nothing will apply it: Auto Upgrade would, once the server carries no calls. */
function staleFinding(ctx: RuleContext, server: Server): Finding | null {
  if (!server.stale || server.config.auto_upgrade || server.status === 'expired') return null;
  return {
    rule: 'health-stale',
    ...serverSubject(server, ctx.fleet.clusterOf(server)),
    severity: 'info',
    title: `${serverLabel(server)} has an update waiting`,
    lines: [
      'Auto Upgrade is off, so it stays on the old version until someone installs the update.',
      `Install it in a quiet hour (installing interrupts calls: ${numberText(server.channels)} in progress now), or turn Auto Upgrade on: it then upgrades when the server carries no calls.`,
    ],
  };
}

const SERVER_RULES: readonly ServerRule[] = [statusFinding, latencyFinding, staleFinding];

export function healthFindings(ctx: RuleContext): Finding[] {
  return perServer(ctx, SERVER_RULES);
}
