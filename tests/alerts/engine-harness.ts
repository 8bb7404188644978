import {
  DEFAULT_ENGINE_SETTINGS,
  type EngineSettings,
  firingSeverities,
  type OutboxMessage,
  transition,
} from '../../src/alerts/engine.js';
import type { Finding, RuleId } from '../../src/alerts/findings.js';
import { readingOf } from '../../src/alerts/reading.js';
import { evaluate } from '../../src/alerts/rules.js';
import { isInForce } from '../../src/alerts/silences.js';
import { emptyHistory, type Snapshot } from '../../src/alerts/snapshot.js';
import { type AlertRecord, type Destination, isOpen, type NoticeRecord } from '../../src/alerts/state.js';
import type { Route } from '../../src/alerts/subscriptions.js';
import { DEFAULT_THRESHOLDS } from '../../src/alerts/thresholds.js';
import { renderPlain } from '../../src/render/plain.js';
import type { Reply } from '../../src/render/reply.js';
import type { Silence } from '../../src/store/silences-repo.js';
import { NOW } from './rules-fixtures.js';

export const OPS: Destination = { surface: 'console', channelId: 'ops' };

export function route(destination: Destination, fields: Partial<Omit<Route, 'destination'>> = {}): Route {
  return { destination, rules: null, minSeverity: 'warning', source: 'subscribed', ...fields };
}

export const plain = (reply: Reply) => renderPlain(reply, { color: false, width: 200 });

/** A button as the console prints it: its label, padding, the command line it presses. */
export function button(label: string, command: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\[${literal(label)}\\]\\s+${literal(command)}(\n|$)`);
}

/**
 * The engine driven poll by poll, its state kept in memory the way AlertStore keeps it (ended
 * alerts and resolved notices leave), with the clock and silences in the test's hands.
 */
export class EngineHarness {
  readonly alerts = new Map<string, AlertRecord>();
  readonly notices = new Map<string, NoticeRecord>();
  readonly sent: OutboxMessage[] = [];
  /** Every alert ever saved, by id, as last saved: ended ones too. */
  readonly history = new Map<string, AlertRecord>();
  silences: Silence[] = [];
  routes: Route[] = [route(OPS)];
  settings: EngineSettings = DEFAULT_ENGINE_SETTINGS;
  now = NOW;
  private ids = 0;

  /** Evaluates the snapshot with the real rules (hysteresis from the firing alerts), then applies the engine. */
  pollSnapshot(snapshot: Omit<Snapshot, 'at'>): OutboxMessage[] {
    const snap = { ...snapshot, at: this.now };
    const findings = evaluate(
      snap,
      emptyHistory(),
      firingSeverities(this.alerts.values()),
      DEFAULT_THRESHOLDS,
    );
    return this.poll(findings, undefined, snap);
  }

  poll(findings: Finding[], evaluated?: ReadonlySet<RuleId>, snapshot?: Snapshot): OutboxMessage[] {
    const change = transition({
      now: this.now,
      findings,
      ...(evaluated ? { evaluated } : {}),
      alerts: this.alerts,
      notices: this.notices,
      silences: this.silences.filter((s) => isInForce(s, this.now)),
      routes: this.routes,
      settings: this.settings,
      reading: (alert) => readingOf(alert, snapshot),
      newId: () => `id${++this.ids}`,
    });
    for (const alert of change.dropped) this.alerts.delete(alert.id);
    for (const notice of change.notices) this.notices.set(notice.id, notice);
    for (const alert of change.saved) {
      this.alerts.set(alert.id, alert);
      this.history.set(alert.id, alert);
    }
    for (const notice of change.notices) {
      if (!notice.resolvedAt) continue;
      this.notices.delete(notice.id);
      for (const [id, alert] of this.alerts) if (alert.noticeId === notice.id) this.alerts.delete(id);
    }
    for (const [id, alert] of this.alerts) {
      if (!isOpen(alert) && (alert.noticeId === null || !this.notices.has(alert.noticeId)))
        this.alerts.delete(id);
    }
    this.sent.push(...change.messages);
    return change.messages;
  }

  later(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }

  firing(): AlertRecord[] {
    return [...this.alerts.values()].filter((a) => a.status === 'firing');
  }

  one(rule: RuleId): AlertRecord {
    const found = [...this.alerts.values()].filter((a) => a.rule === rule);
    if (found.length !== 1) throw new Error(`expected one live ${rule} alert, got ${found.length}`);
    return found[0]!;
  }
}

/** "post notice:id1 → console/ops": what a message is, for compact assertions. */
export const shape = (m: OutboxMessage) => `${m.kind} ${m.messageKey} → ${m.surface}/${m.channelId}`;

export function silence(fields: Partial<Silence> & Pick<Silence, 'scope' | 'target'>): Silence {
  return {
    id: 'sil1',
    label: 'something',
    reason: null,
    by: { surface: 'console', id: 'priya', name: 'priya' },
    channel: OPS,
    startsAt: NOW,
    endsAt: new Date(NOW.getTime() + 3_600_000),
    liftedBy: null,
    liftedAt: null,
    announced: false,
    ...fields,
  };
}
