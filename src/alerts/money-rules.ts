import { type BalanceCheck, deployCheck, reactivationCheck } from '../domain/balance.js';
import type { Finding, Severity } from './findings.js';
import { DAY_MS, durationText, HOUR_MS, momentText, moneyText, plural, serverLabel } from './format.js';
import { drainRate, runwayDays, topUpFor } from './runway.js';
import type { BalanceSample, RuleContext } from './snapshot.js';
import type { Thresholds } from './thresholds.js';

/** The history within the measuring window, ending with the snapshot's own balance. */
function balanceSamples(ctx: RuleContext): BalanceSample[] {
  const { at, account } = ctx.snapshot;
  const from = at.getTime() - ctx.thresholds.topup.windowDays * DAY_MS;
  const samples = ctx.history.balances.filter(
    (s) => s.at.getTime() >= from && s.at.getTime() <= at.getTime(),
  );
  const last = samples.at(-1);
  if (!last || last.at.getTime() < at.getTime()) samples.push({ at, balance: account.balance });
  return samples;
}

function deployLine(check: BalanceCheck, servers: number, currency: string): string {
  return `A further deploy would need ${moneyText(check.needed, currency)} (${plural(servers, 'server')} on the account).`;
}

function runwaySeverity(balance: number, runway: number | null, topup: Thresholds['topup']): Severity | null {
  if (balance <= 0) return 'critical';
  if (runway === null) return null;
  if (runway < topup.criticalDays) return 'critical';
  if (runway < topup.warningDays) return 'warning';
  return null;
}

function stateLine(ctx: RuleContext, rate: number | null, runway: number | null): string {
  const { at, account } = ctx.snapshot;
  const parts = [`balance ${moneyText(account.balance, account.currency)}`];
  if (rate !== null) parts.push(`spending about ${moneyText(rate, account.currency)} a day`);
  if (account.balance <= 0 || runway === null) {
    return [...parts, 'the account has run out: its servers expire and stop processing calls'].join(' · ');
  }
  const runsOut = new Date(at.getTime() + runway * DAY_MS);
  const moment = momentText(runsOut, at, ctx.thresholds.timeZone);
  return `${parts.join(' · ')} → runs out in ${durationText(runway * DAY_MS)} (${moment})`;
}

/** How much to add: enough for `targetDays` at the measured rate, or, without a rate, for a reactivation. */
function addition(ctx: RuleContext, rate: number | null): { amount: number; line: string } {
  const { account, servers } = ctx.snapshot;
  const targetDays = ctx.thresholds.topup.targetDays;
  if (rate !== null) {
    const amount = topUpFor(account.balance, rate, targetDays);
    const line = `Add at least ${moneyText(amount, account.currency)} to keep ${plural(targetDays, 'day')} of runway.`;
    return { amount, line };
  }
  const reactivation = reactivationCheck(account, servers.length);
  const amount = reactivation.missing;
  const line = `Add at least ${moneyText(amount, account.currency)}: reactivating a server needs ${moneyText(reactivation.needed, account.currency)}.`;
  return { amount, line };
}

/**
 * Warns while the balance, at the spending rate measured from its history, runs out within
 * `warningDays`; critical within `criticalDays` or once it is gone. Without enough history there
 * is no rate, and only an empty balance alerts.
 */
function topupFinding(ctx: RuleContext): Finding | null {
  const { at, account, servers } = ctx.snapshot;
  const topup = ctx.thresholds.topup;
  const rate = drainRate(balanceSamples(ctx), topup.minSpanHours * HOUR_MS);
  const runway = rate === null ? null : runwayDays(account.balance, rate);
  const severity = runwaySeverity(account.balance, runway, topup);
  if (!severity) return null;
  const deploy = deployCheck(account, servers.length);
  const add = addition(ctx, rate);
  const values: Record<string, number> = {
    balance: account.balance,
    addAtLeast: add.amount,
    deployNeeded: deploy.needed,
  };
  if (rate !== null) values.ratePerDay = rate;
  if (runway !== null) {
    values.runwayDays = runway;
    values.runsOutAt = at.getTime() + runway * DAY_MS;
  }
  return {
    rule: 'topup',
    subject: 'account',
    severity,
    title: `Top-up needed · ${account.name}`,
    lines: [stateLine(ctx, rate, runway), deployLine(deploy, servers.length, account.currency), add.line],
    values,
  };
}

/**
 * A note once the balance no longer covers a further deploy ($20 + $20 per server on the account).
 * It is a warning when expired servers wait for a reactivation the balance cannot cover either.
 */
function deployFinding(ctx: RuleContext): Finding | null {
  const { account, servers } = ctx.snapshot;
  const deploy = deployCheck(account, servers.length);
  if (deploy.met) return null;
  const money = (amount: number) => moneyText(amount, account.currency);
  const reactivation = reactivationCheck(account, servers.length);
  const expired = servers.filter((s) => s.status === 'expired');
  const lines = [
    `${deployLine(deploy, servers.length, account.currency)} The available balance is ${money(account.balance)}: add ${money(deploy.missing)} to deploy.`,
  ];
  if (!reactivation.met) {
    lines.push(
      `Reactivating a server would need ${money(reactivation.needed)}: add ${money(reactivation.missing)} to reactivate.`,
    );
  }
  if (!reactivation.met && expired.length) {
    lines.push(`Expired now: ${expired.map(serverLabel).join(', ')}.`);
  }
  return {
    rule: 'balance-deploy',
    subject: 'account',
    severity: !reactivation.met && expired.length ? 'warning' : 'info',
    title: `Balance too low for a further deploy · ${account.name}`,
    lines,
    values: {
      balance: account.balance,
      deployNeeded: deploy.needed,
      reactivationNeeded: reactivation.needed,
    },
  };
}

export function moneyFindings(ctx: RuleContext): Finding[] {
  return [topupFinding(ctx), deployFinding(ctx)].filter((f) => f !== null);
}
