import { reactivationCheck } from '../domain/balance.js';
import type { Server } from '../domain/schemas.js';
import { dependentLines } from './dependents.js';
import { aboutServer, type Finding } from './findings.js';
import { DAY_MS, durationText, momentText, moneyText, serverLabel } from './format.js';
import type { RuleContext } from './snapshot.js';

function endOfTest(server: Server): Date | null {
  if (server.expires === null) return null;
  const ends = new Date(server.expires);
  return Number.isNaN(ends.getTime()) ? null : ends;
}

/**
 * One finding per step reached (the fewest days left that still covers the time left), so each
 * step posts its own message. A period already past its end stays at the last step until the
 * control plane marks the server expired, which the `expired` rule reports.
 */
function expiryFinding(ctx: RuleContext, server: Server): Finding | null {
  const ends = endOfTest(server);
  if (!ends || server.status === 'expired') return null;
  const { at, servers, clusters } = ctx.snapshot;
  const leftMs = ends.getTime() - at.getTime();
  const step = ctx.thresholds.expiry.steps.filter((s) => leftMs <= s.days * DAY_MS).at(-1);
  if (!step) return null;
  const moment = momentText(ends, at, ctx.thresholds.timeZone);
  const title =
    leftMs > 0
      ? `${server.alias}'s test period ends in ${durationText(leftMs)} (${moment})`
      : `${server.alias}'s test period ended ${moment}`;
  return {
    rule: 'expiry',
    ...aboutServer(server, clusters),
    severity: step.severity,
    title,
    lines: [
      `${serverLabel(server)}, ${server.type} in ${server.zone}: when its test period ends it is disabled (status expired) and stops processing calls.`,
      ...dependentLines(server, servers, 'then'),
    ],
    values: { step: step.days, endsAt: ends.getTime(), daysLeft: leftMs / DAY_MS },
  };
}

function expiredFinding(ctx: RuleContext, server: Server): Finding | null {
  if (server.status !== 'expired') return null;
  const { account, servers, clusters } = ctx.snapshot;
  const check = reactivationCheck(account, servers.length);
  const needs = `Reactivating it needs ${moneyText(check.needed, account.currency)} of available balance; the account has ${moneyText(account.balance, account.currency)}`;
  return {
    rule: 'expired',
    ...aboutServer(server, clusters),
    severity: 'critical',
    title: `${serverLabel(server)} has expired`,
    lines: [
      `It processes no calls until it is reactivated.`,
      check.met ? `${needs}.` : `${needs}: add at least ${moneyText(check.missing, account.currency)} first.`,
      ...dependentLines(server, servers, 'now'),
    ],
    values: { reactivationNeeded: check.needed, missing: check.missing },
  };
}

export function expiryFindings(ctx: RuleContext): Finding[] {
  return ctx.snapshot.servers.flatMap((server) =>
    [expiryFinding(ctx, server), expiredFinding(ctx, server)].filter((f) => f !== null),
  );
}
