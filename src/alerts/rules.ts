import { adviceFindings } from './advice-rules.js';
import { capacityFindings } from './capacity-rules.js';
import { expiryFindings } from './expiry-rules.js';
import type { Finding, Severity } from './findings.js';
import { FleetIndex } from './fleet-index.js';
import { healthFindings } from './health-rules.js';
import { moneyFindings } from './money-rules.js';
import type { History, RuleContext, Snapshot } from './snapshot.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';

/*
 * Decisions the rules make (thresholds.ts holds every figure; all are configurable):
 * - capacity, cps, cluster-capacity, cluster-cps: warning from 85%, critical from 95%. A firing
 *   alert holds down to its level's exit: critical falls back to warning below 90%, warning clears
 *   below 75%. `cps` is for unclustered servers only; a clustered limit is the cluster's and is
 *   checked on the members' summed CPS (cluster-cps). A cluster of one server gets no
 *   cluster-capacity alert: its server's own covers it.
 * - capacity-advice (info): above 1,000 channels or 100 CPS per server (a cluster's shared limit
 *   divided by its switches), or above 50% of channels for more than half of the last 24 hours.
 * - expiry: steps 14 d info, 7 d and 3 d warning, 1 d critical; each step is its own key
 *   (`values.step`). An expired server is the `expired` rule (critical) instead.
 * - topup: runway = balance / spending per day measured over 7 days of balance history (top-ups
 *   left out); warning under 7 days, critical under 2 days or at a balance of zero or less.
 * - balance-deploy: info once a further deploy is not covered; warning when an expired server
 *   waits for a reactivation the balance does not cover either.
 * - health-status: every server is meant to be active. Busy for more than 3x its job's usual time
 *   (at least 10 min) is stuck: critical. Stopped or inactive: warning; stopped by its own
 *   latest job (a finished stop): info, so a forgotten stop still shows.
 * - health-latency: SIP latency of active servers, warning from 250 ms (clears below 200),
 *   critical from 1,000 ms (back to warning below 800). health-stale (info): an update waits
 *   while Auto Upgrade is off.
 */
const RULE_GROUPS: readonly ((ctx: RuleContext) => Finding[])[] = [
  capacityFindings,
  adviceFindings,
  expiryFindings,
  moneyFindings,
  healthFindings,
];

/**
 * Every finding that holds for this snapshot, in a stable order (rule group, then fleet order).
 * `previous` maps `alertKey(rule, subject)` to the severity it held at the last evaluation (the
 * findings the last call returned, or the engine's firing state): thresholds with an exit level
 * keep holding down to it. Pure: no I/O, no clock but `snapshot.at`.
 */
export function evaluate(
  snapshot: Snapshot,
  history: History,
  previous: ReadonlyMap<string, Severity>,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Finding[] {
  const ctx: RuleContext = { snapshot, fleet: new FleetIndex(snapshot), history, previous, thresholds };
  return RULE_GROUPS.flatMap((rules) => rules(ctx));
}
