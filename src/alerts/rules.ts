import { adviceFindings } from './advice-rules.js';
import { capacityFindings } from './capacity-rules.js';
import { expiryFindings } from './expiry-rules.js';
import type { Finding, Severity } from './findings.js';
import { healthFindings } from './health-rules.js';
import { moneyFindings } from './money-rules.js';
import type { History, RuleContext, Snapshot } from './snapshot.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';

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
  const ctx: RuleContext = { snapshot, history, previous, thresholds };
  return RULE_GROUPS.flatMap((rules) => rules(ctx));
}
