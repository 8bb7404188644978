import { reactivationCheck } from '../domain/balance.js';
import type { Server } from '../domain/schemas.js';
import { dependentLines } from './dependents.js';
import { type Finding, serverSubject } from './findings.js';
import { DAY_MS, durationText, momentText, moneyText, serverLabel } from './format.js';
import { perServer, type RuleContext, type ServerRule } from './snapshot.js';

function endOfTest(server: Server): Date | null {
  if (server.expires === null) return null;
  const ends = new Date(server.expires);
  return Number.isNaN(ends.getTime()) ? null : ends;
}

type Step = RuleContext['thresholds']['expiry']['steps'][number];

/** The last listed step whose days still cover the time left (no closure: see capacity-rules.ts). */
function stepReached(steps: readonly Step[], leftMs: number): Step | undefined {
  let reached: Step | undefined;
  for (const step of steps) if (leftMs <= step.days * DAY_MS) reached = step;
  return reached;
}

/**
 * One finding per step reached (the fewest days left that still covers the time left), so each
 * step posts its own message. A period already past its end stays at the last step until the
 * control plane marks the server expired, which the `expired` rule reports.
 */
function expiryFinding(ctx: RuleContext, server: Server): Finding | null {
  const ends = endOfTest(server);
  if (!ends || server.status === 'expired') return null;
  const { at } = ctx.snapshot;
  const leftMs = ends.getTime() - at.getTime();
  const step = stepReached(ctx.thresholds.expiry.steps, leftMs);
  if (!step) return null;
  const moment = momentText(ends, at, ctx.thresholds.timeZone);
  const title =
    leftMs > 0
      ? `${server.alias}'s test period ends in ${durationText(leftMs)} (${moment})`
      : `${server.alias}'s test period ended ${moment}`;
  return {
    rule: 'expiry',
    ...serverSubject(server, ctx.fleet.clusterOf(server)),
    severity: step.severity,
    title,
    lines: [
      `${serverLabel(server)}, ${server.type} in ${server.zone}: when its test period ends it is disabled (status expired) and stops processing calls.`,
      ...dependentLines(server, ctx.fleet, 'then'),
    ],
    values: { step: step.days, endsAt: ends.getTime(), daysLeft: leftMs / DAY_MS },
  };
}

function expiredFinding(ctx: RuleContext, server: Server): Finding | null {
  if (server.status !== 'expired') return null;
  const { account, servers } = ctx.snapshot;
  const check = reactivationCheck(account, servers.length);
  const needs = `Reactivating it needs ${moneyText(check.needed, account.currency)} of available balance; the account has ${moneyText(account.balance, account.currency)}`;
  return {
    rule: 'expired',
    ...serverSubject(server, ctx.fleet.clusterOf(server)),
    severity: 'critical',
    title: `${serverLabel(server)} has expired`,
    lines: [
      `It processes no calls until it is reactivated.`,
      check.met ? `${needs}.` : `${needs}: add at least ${moneyText(check.missing, account.currency)} first.`,
      ...dependentLines(server, ctx.fleet, 'now'),
    ],
    values: { reactivationNeeded: check.needed, missing: check.missing },
  };
}

const SERVER_RULES: readonly ServerRule[] = [expiryFinding, expiredFinding];

export function expiryFindings(ctx: RuleContext): Finding[] {
  return perServer(ctx, SERVER_RULES);
}
