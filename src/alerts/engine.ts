import type { Reply } from '../render/reply.js';
import type { Silence } from '../store/silences-repo.js';
import { type NoticeView, noticeCard, repeatCard, resolvedReply } from './alert-card.js';
import { alertKey, type Finding, findingKey, type RuleId } from './findings.js';
import { HOUR_MS } from './format.js';
import { coveringSilence } from './silences.js';
import {
  type AlertRecord,
  type Destination,
  highest,
  isOpen,
  type NoticeRecord,
  sameDestination,
} from './state.js';
import { destinationsFor, type Route } from './subscriptions.js';

/**
 * The alert engine: previous state + this poll's findings + the time → state changes and the
 * messages they send. Pure: no I/O, no clock but `now`, ids from `newId`.
 *
 * - A finding must hold for `forPolls` polls in a row before its alert fires; one that stops
 *   holding before then leaves nothing behind. Hysteresis is the rules' part: the poller passes
 *   the firing alerts' severities as `previous`, so a firing alert holds down to its exit level.
 * - A firing alert is posted once per channel its rule and severity route to; a severity change
 *   edits the message (and posts it where the new severity now routes); resolution edits it again
 *   and posts a short reply. A step change (expiry 14 → 7 days, expiry → expired) replaces the
 *   alert instead: the old message says so, and the next step fires at once, without a reply.
 * - Alerts of one rule that become postable in the same poll, `groupMin` or more, share one
 *   message (a zone outage is one message, not forty).
 * - An alert covered by a silence posts nothing, repeats nothing, and is posted once the silence
 *   ends if it still fires; edits of messages already posted still go out, so they never lie.
 * - A notice repeats (a reply carrying the whole card) `repeatMs` after it was last sent while any
 *   of its firing alerts is neither acknowledged nor silenced.
 */

export interface EngineSettings {
  /** Polls a condition must hold before it fires (the issue's `for`). */
  forPolls: number;
  /** A firing, unacknowledged notice is sent again after this long. */
  repeatMs: number;
  /** At least this many alerts of one rule becoming postable in one poll share one message. */
  groupMin: number;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = { forPolls: 2, repeatMs: 4 * HOUR_MS, groupMin: 3 };

/** The poller raises these after its own count of failed polls: they fire at once. */
const FIRES_AT_ONCE: ReadonlySet<RuleId> = new Set(['controlplane-unreachable']);

/** A message to deliver, before it is written to the outbox. */
export interface OutboxMessage {
  dedupeKey: string;
  surface: string;
  channelId: string;
  kind: 'post' | 'edit' | 'reply';
  messageKey: string;
  reply: Reply;
}

export interface EngineInput {
  now: Date;
  findings: readonly Finding[];
  /** Only these rules were evaluated (the control plane did not answer): other alerts stay as they are. */
  evaluated?: ReadonlySet<RuleId>;
  /** Open alerts and every member of an open notice, by id. */
  alerts: ReadonlyMap<string, AlertRecord>;
  /** Open notices, by id. */
  notices: ReadonlyMap<string, NoticeRecord>;
  /** Silences in force at `now`. */
  silences: readonly Silence[];
  routes: readonly Route[];
  settings: EngineSettings;
  /** What a resolved alert's subject reads now, for its resolution message. */
  reading?(alert: AlertRecord): string | undefined;
  newId(): string;
}

export interface Transition {
  /** Alerts to write: new, changed or ended. */
  saved: AlertRecord[];
  /** Pending alerts that stopped holding before they fired: nothing is kept of them. */
  dropped: AlertRecord[];
  /** Notices to write: new or changed. */
  notices: NoticeRecord[];
  messages: OutboxMessage[];
}

export const noticeMessageKey = (noticeId: string) => `notice:${noticeId}`;

/** Same wording and severity: nothing people see would change. */
function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.severity === b.severity &&
    a.title === b.title &&
    a.lines.length === b.lines.length &&
    a.lines.every((line, i) => line === b.lines[i])
  );
}

class Step {
  /** Alerts written this poll, over the input's: the input is never copied, a poll touches few. */
  private readonly changed = new Map<string, AlertRecord>();
  private readonly removed = new Set<string>();
  private readonly notices = new Map<string, NoticeRecord>();
  private readonly savedNotices = new Set<string>();
  private readonly dropped: AlertRecord[] = [];
  private readonly messages: OutboxMessage[] = [];
  /** Notices whose alerts changed severity or ended this poll. */
  private readonly touched = new Set<string>();
  /** Notices created this poll: just sent in their current state. */
  private readonly created = new Set<string>();
  /** Notice id to the ids of its alerts; built on first need (most polls need none). */
  private memberIds: Map<string, Set<string>> | undefined;

  constructor(private readonly input: EngineInput) {
    for (const [id, notice] of input.notices) this.notices.set(id, notice);
  }

  run(): Transition {
    this.applyFindings();
    for (const id of this.touched) {
      const notice = this.notices.get(id);
      if (notice) this.refresh(notice);
    }
    this.postNewlyPostable();
    for (const notice of [...this.notices.values()]) this.repeatIfDue(notice);
    return {
      saved: [...this.changed.values()],
      dropped: this.dropped,
      notices: [...this.savedNotices].map((id) => this.notices.get(id)!),
      messages: this.messages,
    };
  }

  // --- state ------------------------------------------------------------------------------------

  private get(id: string): AlertRecord | undefined {
    return this.changed.get(id) ?? (this.removed.has(id) ? undefined : this.input.alerts.get(id));
  }

  private *everyAlert(): Generator<AlertRecord> {
    for (const [id, alert] of this.input.alerts)
      if (!this.changed.has(id) && !this.removed.has(id)) yield alert;
    yield* this.changed.values();
  }

  private save(alert: AlertRecord): void {
    this.changed.set(alert.id, alert);
    if (this.memberIds && alert.noticeId) this.index(this.memberIds, alert);
  }

  private drop(alert: AlertRecord): void {
    this.removed.add(alert.id);
    this.dropped.push(alert);
  }

  private index(members: Map<string, Set<string>>, alert: AlertRecord): void {
    const ids = members.get(alert.noticeId!) ?? new Set<string>();
    ids.add(alert.id);
    members.set(alert.noticeId!, ids);
  }

  private membersOf(noticeId: string): AlertRecord[] {
    if (!this.memberIds) {
      this.memberIds = new Map();
      for (const alert of this.everyAlert()) if (alert.noticeId) this.index(this.memberIds, alert);
    }
    return [...(this.memberIds.get(noticeId) ?? [])].map((id) => this.get(id)!);
  }

  private saveNotice(notice: NoticeRecord): void {
    this.notices.set(notice.id, notice);
    this.savedNotices.add(notice.id);
  }

  private inScope(rule: RuleId): boolean {
    return this.input.evaluated === undefined || this.input.evaluated.has(rule);
  }

  private forPolls(rule: RuleId): number {
    return FIRES_AT_ONCE.has(rule) ? 1 : this.input.settings.forPolls;
  }

  private applyFindings(): void {
    const { findings } = this.input;
    const byKey = new Map(findings.map((f) => [findingKey(f), f]));
    const open = new Map<string, AlertRecord>();
    for (const alert of this.input.alerts.values())
      if (isOpen(alert) && this.inScope(alert.rule)) open.set(alert.key, alert);
    const heldOver = this.endAbsent(open, byKey, findings);
    for (const [key, finding] of byKey) {
      const existing = open.get(key);
      if (existing) this.advance(existing, finding);
      else this.begin(key, finding, heldOver.has(key));
    }
  }

  /**
   * Ends open alerts whose finding is gone; returns the keys of findings that replace a firing
   * alert (its next step), which fire at once: their condition has been holding all along.
   */
  private endAbsent(
    open: Map<string, AlertRecord>,
    byKey: Map<string, Finding>,
    findings: readonly Finding[],
  ) {
    const heldOver = new Set<string>();
    let successors: ((alert: AlertRecord) => Finding | undefined) | undefined;
    for (const alert of open.values()) {
      if (byKey.has(alert.key)) continue;
      if (alert.status === 'pending') {
        this.drop(alert);
        continue;
      }
      successors ??= successorsIn(findings);
      const next = successors(alert);
      if (next) heldOver.add(findingKey(next));
      this.save({ ...alert, status: next ? 'replaced' : 'resolved', endedAt: this.input.now });
      if (alert.noticeId) this.touched.add(alert.noticeId);
    }
    return heldOver;
  }

  private begin(key: string, finding: Finding, heldOver: boolean): void {
    const { now } = this.input;
    const alert: AlertRecord = {
      id: this.input.newId(),
      key,
      rule: finding.rule,
      subject: finding.subject,
      status: 'pending',
      severity: finding.severity,
      finding,
      streak: 1,
      since: now,
      firedAt: null,
      endedAt: null,
      noticeId: null,
      ack: null,
    };
    this.save(this.fireWhenDue(alert, heldOver));
  }

  private advance(alert: AlertRecord, finding: Finding): void {
    if (alert.status === 'pending') {
      this.save(
        this.fireWhenDue({ ...alert, streak: alert.streak + 1, severity: finding.severity, finding }, false),
      );
      return;
    }
    if (sameFinding(alert.finding, finding)) return;
    if (alert.severity !== finding.severity && alert.noticeId) this.touched.add(alert.noticeId);
    this.save({ ...alert, severity: finding.severity, finding });
  }

  private fireWhenDue(alert: AlertRecord, heldOver: boolean): AlertRecord {
    const due = heldOver || alert.streak >= this.forPolls(alert.rule);
    return due ? { ...alert, status: 'firing', firedAt: this.input.now } : alert;
  }

  // --- notices ----------------------------------------------------------------------------------

  private silenceOf(alert: AlertRecord): Silence | undefined {
    return coveringSilence(this.input.silences, alert.finding);
  }

  private view(notice: NoticeRecord, members = this.membersOf(notice.id)): NoticeView {
    const { silences, now, settings } = this.input;
    const view = noticeView(notice, members, silences, now, settings.repeatMs);
    const [only] = members;
    if (members.length === 1 && only && !isOpen(only)) {
      const reading = this.input.reading?.(only);
      if (reading) view.reading = reading;
    }
    return view;
  }

  /** Firing alerts not yet in any notice and not silenced: posted now, grouped by rule. */
  private postNewlyPostable(): void {
    const byRule = new Map<RuleId, AlertRecord[]>();
    for (const alert of this.everyAlert()) {
      if (alert.status !== 'firing' || alert.noticeId !== null || this.silenceOf(alert)) continue;
      const same = byRule.get(alert.rule);
      if (same) same.push(alert);
      else byRule.set(alert.rule, [alert]);
    }
    for (const [rule, alerts] of byRule) {
      if (alerts.length >= this.input.settings.groupMin) this.createNotice(rule, this.input.newId(), alerts);
      else for (const alert of alerts) this.createNotice(rule, alert.id, [alert]);
    }
  }

  private createNotice(rule: RuleId, id: string, alerts: AlertRecord[]): void {
    const { now } = this.input;
    const notice: NoticeRecord = {
      id,
      rule,
      postedAt: now,
      lastSentAt: now,
      repeats: 0,
      revision: 0,
      resolvedAt: null,
      channels: [],
    };
    for (const alert of alerts) this.save({ ...alert, noticeId: id });
    this.created.add(id);
    this.saveNotice(this.postWhereRouted(notice));
  }

  /** Posts the notice to every channel its highest firing severity routes to that lacks it. */
  private postWhereRouted(notice: NoticeRecord): NoticeRecord {
    const view = this.view(notice);
    const live = view.members.filter((m) => m.status === 'firing');
    if (live.length === 0 || view.silencedUntil) return notice;
    const wanted = destinationsFor(this.input.routes, notice.rule, highest(live.map((m) => m.severity)));
    const missing = wanted.filter((d) => !notice.channels.some((c) => sameDestination(c, d)));
    if (missing.length === 0) return notice;
    const card = noticeCard(view);
    for (const destination of missing) this.send(notice, destination, 'post', 'post', card);
    return { ...notice, channels: [...notice.channels, ...missing] };
  }

  /** A notice whose alerts changed severity or ended: edit it everywhere, reply once it is over. */
  private refresh(notice: NoticeRecord): void {
    const revised = { ...notice, revision: notice.revision + 1 };
    const members = this.membersOf(notice.id);
    const over = members.every((m) => !isOpen(m));
    const updated = over ? { ...revised, resolvedAt: this.input.now } : revised;
    const view = this.view(updated, members);
    const card = noticeCard(view);
    for (const channel of updated.channels)
      this.send(updated, channel, `edit|${updated.revision}`, 'edit', card);
    const quiet = members.every((m) => this.silenceOf(m) !== undefined);
    if (over && members.some((m) => m.status === 'resolved') && !quiet) {
      const reply = resolvedReply(view);
      for (const channel of updated.channels)
        this.send(updated, channel, `reply|${updated.revision}`, 'reply', reply);
    }
    this.saveNotice(over ? updated : this.postWhereRouted(updated));
  }

  private repeatIfDue(notice: NoticeRecord): void {
    const { now, settings } = this.input;
    if (notice.resolvedAt || this.created.has(notice.id) || notice.channels.length === 0) return;
    if (!this.inScope(notice.rule)) return;
    if (now.getTime() - notice.lastSentAt.getTime() < settings.repeatMs) return;
    const members = this.membersOf(notice.id);
    const nagging = members.filter((m) => m.status === 'firing' && m.ack === null && !this.silenceOf(m));
    if (nagging.length === 0) return;
    const repeated = { ...notice, repeats: notice.repeats + 1, lastSentAt: now };
    const card = repeatCard(this.view(repeated, members));
    for (const channel of repeated.channels)
      this.send(repeated, channel, `repeat|${repeated.repeats}`, 'reply', card);
    this.saveNotice(repeated);
  }

  private send(
    notice: NoticeRecord,
    to: Destination,
    what: string,
    kind: OutboxMessage['kind'],
    reply: Reply,
  ): void {
    this.messages.push(noticeMessage(notice.id, to, what, kind, reply));
  }
}

/** A message about a notice; `what` makes its dedupe key ("post", "edit|3", "repeat|1"). */
export function noticeMessage(
  noticeId: string,
  to: Destination,
  what: string,
  kind: OutboxMessage['kind'],
  reply: Reply,
): OutboxMessage {
  const messageKey = noticeMessageKey(noticeId);
  return {
    dedupeKey: `${messageKey}|${what}|${to.surface}|${to.channelId}`,
    surface: to.surface,
    channelId: to.channelId,
    kind,
    messageKey,
    reply,
  };
}

/** A notice as its card shows it: silenced until the latest end among its firing alerts' silences. */
export function noticeView(
  notice: NoticeRecord,
  members: readonly AlertRecord[],
  silences: readonly Silence[],
  now: Date,
  repeatMs: number,
): NoticeView {
  const view: NoticeView = { notice, members, now, repeatMs };
  const live = members.filter((m) => m.status === 'firing');
  const covering = live.map((m) => coveringSilence(silences, m.finding));
  if (live.length > 0 && covering.every((s) => s !== undefined)) {
    view.silencedUntil = new Date(covering.reduce((max, s) => Math.max(max, s!.endsAt.getTime()), 0));
  }
  return view;
}

/**
 * The finding that takes over from an alert whose own finding is gone: the next step of the same
 * rule and subject, or, for a test period ending, the server having expired.
 */
function successorsIn(findings: readonly Finding[]): (alert: AlertRecord) => Finding | undefined {
  const byAlertKey = new Map(findings.map((f) => [alertKey(f.rule, f.subject), f]));
  const expiredBySubject = new Map(findings.filter((f) => f.rule === 'expired').map((f) => [f.subject, f]));
  return (alert) =>
    byAlertKey.get(alertKey(alert.rule, alert.subject)) ??
    (alert.rule === 'expiry' ? expiredBySubject.get(alert.subject) : undefined);
}

/** One poll's worth of alert state changes and the messages they send. */
export function transition(input: EngineInput): Transition {
  return new Step(input).run();
}

/** The severity each firing alert holds, by `alertKey`: what the rules' hysteresis looks up. */
export function firingSeverities(alerts: Iterable<AlertRecord>): Map<string, AlertRecord['severity']> {
  const previous = new Map<string, AlertRecord['severity']>();
  for (const alert of alerts)
    if (alert.status === 'firing') previous.set(alertKey(alert.rule, alert.subject), alert.severity);
  return previous;
}
