import { type AlertRow, AlertsRepo, type NoticeRow } from '../store/alerts-repo.js';
import type { Database } from '../store/database.js';
import { OutboxRepo } from '../store/outbox-repo.js';
import { SilencesRepo } from '../store/silences-repo.js';
import { SubscriptionsRepo } from '../store/subscriptions-repo.js';
import type { Transition } from './engine.js';
import { Finding, RuleId } from './findings.js';
import { type AlertRecord, isOpen, type NoticeRecord } from './state.js';

function alertOf(row: AlertRow): AlertRecord {
  return { ...row, rule: RuleId.parse(row.rule), finding: Finding.parse(row.finding) };
}

function noticeOf(row: NoticeRow): NoticeRecord {
  return { ...row, rule: RuleId.parse(row.rule) };
}

/**
 * The alert engine's state in SQLite, with the live part (open alerts, open notices and their
 * members) kept in memory: a poll reads nothing back, it writes only what changed. Every write
 * goes through here, in one transaction, and the memory follows only once it committed.
 */
export class AlertStore {
  readonly alerts: AlertsRepo;
  readonly outbox: OutboxRepo;
  readonly silences: SilencesRepo;
  readonly subscriptions: SubscriptionsRepo;
  private readonly live = new Map<string, AlertRecord>();
  private readonly notices = new Map<string, NoticeRecord>();

  constructor(db: Database) {
    this.alerts = new AlertsRepo(db);
    this.outbox = new OutboxRepo(db);
    this.silences = new SilencesRepo(db);
    this.subscriptions = new SubscriptionsRepo(db);
    for (const row of this.alerts.openNotices()) this.notices.set(row.id, noticeOf(row));
    for (const row of this.alerts.liveAlerts()) this.live.set(row.id, alertOf(row));
  }

  /** Open alerts and every member of an open notice, by id. */
  liveAlerts(): ReadonlyMap<string, AlertRecord> {
    return this.live;
  }

  openNotices(): ReadonlyMap<string, NoticeRecord> {
    return this.notices;
  }

  /** The alerts of a notice: from memory while it is open, else from the database. */
  membersOf(noticeId: string): AlertRecord[] {
    if (!this.notices.has(noticeId)) return this.alerts.membersOf(noticeId).map(alertOf);
    return [...this.live.values()].filter((alert) => alert.noticeId === noticeId);
  }

  /** An alert by id, live or not. */
  alert(id: string): AlertRecord | undefined {
    const live = this.live.get(id);
    if (live) return live;
    const row = this.alerts.alert(id);
    return row && alertOf(row);
  }

  /** A notice by id, open or not. */
  notice(id: string): NoticeRecord | undefined {
    const open = this.notices.get(id);
    if (open) return open;
    const row = this.alerts.notice(id);
    return row && noticeOf(row);
  }

  /** Alerts that fired or resolved at or after `from`. */
  activeSince(from: Date): AlertRecord[] {
    return this.alerts.activeSince(from).map(alertOf);
  }

  /**
   * Writes a transition, its outbox messages and `alongside` (the rest of the poll's writes) in
   * one transaction; then the memory follows.
   */
  commit(change: Transition, at: Date, alongside?: () => void): void {
    this.alerts.transaction(() => {
      for (const alert of change.dropped) this.alerts.deleteAlert(alert.id);
      for (const notice of change.notices) this.alerts.saveNotice(notice);
      for (const alert of change.saved) this.alerts.saveAlert(alert);
      for (const message of change.messages) this.outbox.enqueue(message, at);
      alongside?.();
    });
    for (const alert of change.dropped) this.live.delete(alert.id);
    for (const notice of change.notices) this.notices.set(notice.id, notice);
    for (const alert of change.saved) this.live.set(alert.id, alert);
    this.forgetFinished(change);
  }

  /** What is over leaves memory: ended alerts outside any open notice, and resolved notices. */
  private forgetFinished(change: Transition): void {
    const resolved = change.notices.filter((n) => n.resolvedAt).flatMap((n) => this.idsIn(n.id));
    for (const notice of change.notices) if (notice.resolvedAt) this.notices.delete(notice.id);
    const touched = new Set([...change.saved.map((a) => a.id), ...resolved]);
    for (const id of touched) {
      const alert = this.live.get(id);
      if (!alert || isOpen(alert)) continue;
      if (alert.noticeId === null || !this.notices.has(alert.noticeId)) this.live.delete(id);
    }
  }

  private idsIn(noticeId: string): string[] {
    return [...this.live.values()].filter((alert) => alert.noticeId === noticeId).map((alert) => alert.id);
  }
}
