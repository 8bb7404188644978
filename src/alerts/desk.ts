import type { Actor } from '../core/invocation.js';
import { type AccessPolicy, hasRole, refusal } from '../core/rbac.js';
import type { Party } from '../store/columns.js';
import type { Database } from '../store/database.js';
import type { Silence, SilenceScope } from '../store/silences-repo.js';
import type { Subscription } from '../store/subscriptions-repo.js';
import { noticeCard, RULE_TITLES } from './alert-card.js';
import { AlertStore } from './alert-store.js';
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings, noticeMessage, noticeView } from './engine.js';
import type { RuleId, Severity } from './findings.js';
import { silenceCovers } from './silences.js';
import { type AlertRecord, type Destination, isOpen, type NoticeRecord, sameDestination } from './state.js';
import { type AlertChannelSettings, activeRoutes, defaultDestinations, type Route } from './subscriptions.js';

export interface AlertDeskOptions {
  db: Database;
  /** `config`: its role lists and the configured alert channels. */
  config: AlertChannelSettings & { access: AccessPolicy };
  now(): Date;
  settings?: Partial<EngineSettings>;
}

export type AckResult =
  | { kind: 'acknowledged'; title: string; count: number }
  | { kind: 'unknown' }
  | { kind: 'ended'; title: string }
  | { kind: 'already'; title: string; by: Party; at: Date };

export type LiftResult =
  | { kind: 'lifted'; silence: Silence }
  | { kind: 'unknown' }
  | { kind: 'ended'; silence: Silence };

export interface NewSilenceRequest {
  scope: SilenceScope;
  target: string | null;
  label: string;
  reason: string | null;
  durationMs: number;
  actor: Actor;
  /** Where it was set: its end is announced there. */
  channel: Destination | null;
}

const partyOf = (actor: Actor): Party => ({ surface: actor.surface, id: actor.id, name: actor.name });

/**
 * What the alert commands act on: firing alerts, acknowledgements, silences and subscriptions.
 * Created once per database (with the app), shared by the commands and the poller. Writes that
 * send messages (an acknowledgement edits the alert's messages) go through the outbox; listeners
 * given to `onChange` hear of them, so delivery starts at once.
 */
export class AlertDesk {
  readonly store: AlertStore;
  readonly settings: EngineSettings;
  readonly access: AccessPolicy;
  private readonly defaults: Destination[];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: AlertDeskOptions) {
    this.store = new AlertStore(options.db);
    this.settings = { ...DEFAULT_ENGINE_SETTINGS, ...options.settings };
    this.access = options.config.access;
    this.defaults = defaultDestinations(options.config);
  }

  now(): Date {
    return this.options.now();
  }

  /** Why the actor may not manage alerts (acknowledge, silence, subscribe), or undefined. */
  operatorRefusal(actor: Actor): string | undefined {
    return hasRole(actor, 'operator', this.access) ? undefined : refusal(actor, 'operator', this.access);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The routes in force: configured channels, and subscriptions over them. */
  routes(): Route[] {
    return activeRoutes(this.defaults, this.store.subscriptions.all());
  }

  routeOf(destination: Destination): Route | undefined {
    return this.routes().find((route) => sameDestination(route.destination, destination));
  }

  /** Alerts firing now, most severe first, then the longest firing. */
  firing(): AlertRecord[] {
    const rank: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
    return [...this.store.liveAlerts().values()]
      .filter((alert) => alert.status === 'firing')
      .sort(
        (a, b) =>
          rank[a.severity] - rank[b.severity] || (a.firedAt?.getTime() ?? 0) - (b.firedAt?.getTime() ?? 0),
      );
  }

  /** Alerts whose condition holds but not yet for long enough to fire. */
  pendingCount(): number {
    return [...this.store.liveAlerts().values()].filter((alert) => alert.status === 'pending').length;
  }

  /** The silences in force now, the soonest to end first. */
  silences(): Silence[] {
    return this.store.silences.active(this.now());
  }

  /** The first silence in force that covers the alert. */
  silenceOf(alert: AlertRecord): Silence | undefined {
    return this.silences().find((silence) => silenceCovers(silence, alert.finding));
  }

  /**
   * Stops the repeats of a notice (all its firing alerts), or of one alert by its own id, and
   * edits its messages to say who acknowledged it.
   */
  acknowledge(id: string, actor: Actor): AckResult {
    const target = this.ackTarget(id.trim().toLowerCase());
    if (!target) return { kind: 'unknown' };
    const { owner, members, chosen, title } = target;
    const open = chosen.filter(isOpen);
    if (open.length === 0) return { kind: 'ended', title };
    const waiting = open.filter((a) => a.ack === null);
    if (waiting.length === 0) return { kind: 'already', title, ...open[0]!.ack! };
    const at = this.now();
    const acked = waiting.map((a) => ({ ...a, ack: { by: partyOf(actor), at } }));
    const edits =
      owner && !owner.resolvedAt ? this.editedNotice(owner, members, acked) : { notices: [], messages: [] };
    this.store.commit({ saved: acked, dropped: [], ...edits }, at);
    this.changed();
    return { kind: 'acknowledged', title, count: acked.length };
  }

  /** A notice id acknowledges its firing alerts; an alert id that alert alone. */
  private ackTarget(id: string) {
    const notice = this.store.notice(id);
    if (notice) {
      const members = this.store.membersOf(notice.id);
      return { owner: notice, members, chosen: members, title: this.titleOf(notice.rule, members) };
    }
    const alert = this.store.alert(id);
    if (!alert) return undefined;
    const owner = alert.noticeId ? this.store.notice(alert.noticeId) : undefined;
    const members = owner ? this.store.membersOf(owner.id) : [alert];
    return { owner, members, chosen: [alert], title: alert.finding.title };
  }

  private editedNotice(
    notice: NoticeRecord,
    members: readonly AlertRecord[],
    changed: readonly AlertRecord[],
  ) {
    const revised = { ...notice, revision: notice.revision + 1 };
    const current = members.map((m) => changed.find((c) => c.id === m.id) ?? m);
    const card = noticeCard(
      noticeView(revised, current, this.silences(), this.now(), this.settings.repeatMs),
    );
    const messages = revised.channels.map((channel) =>
      noticeMessage(revised.id, channel, `edit|${revised.revision}`, 'edit', card),
    );
    return { notices: [revised], messages };
  }

  private titleOf(rule: RuleId, members: readonly AlertRecord[]): string {
    const [only] = members;
    return members.length === 1 && only
      ? only.finding.title
      : `${RULE_TITLES[rule]} (${members.length} alerts)`;
  }

  silence(request: NewSilenceRequest): { silence: Silence; covers: number } {
    const startsAt = this.now();
    const silence = this.store.silences.create({
      scope: request.scope,
      target: request.target,
      label: request.label,
      reason: request.reason,
      by: partyOf(request.actor),
      channel: request.channel,
      startsAt,
      endsAt: new Date(startsAt.getTime() + request.durationMs),
    });
    const covers = this.firing().filter((alert) => silenceCovers(silence, alert.finding)).length;
    this.changed();
    return { silence, covers };
  }

  /** Ends a silence now; the alerts it held back post at the next poll if they still fire. */
  unsilence(id: string, actor: Actor): LiftResult {
    const silence = this.store.silences.get(id.trim().toLowerCase());
    if (!silence) return { kind: 'unknown' };
    const at = this.now();
    if (!this.store.silences.lift(silence.id, partyOf(actor), at)) return { kind: 'ended', silence };
    this.changed();
    return { kind: 'lifted', silence: this.store.silences.get(silence.id)! };
  }

  /** Sends alerts of `rules` (null: every rule) from `minSeverity` up to a channel; returns the route it had. */
  subscribe(input: {
    actor: Actor;
    destination: Destination;
    rules: string[] | null;
    minSeverity: Severity;
  }): { before: Route | undefined; subscription: Subscription } {
    const before = this.routeOf(input.destination);
    const subscription = this.store.subscriptions.save({
      ...input.destination,
      rules: input.rules,
      minSeverity: input.minSeverity,
      enabled: true,
      by: partyOf(input.actor),
      at: this.now(),
    });
    return { before, subscription };
  }

  /** Stops alerts to a channel, a configured one included; returns the route it had. */
  unsubscribe(input: { actor: Actor; destination: Destination }): Route | undefined {
    const before = this.routeOf(input.destination);
    if (!before) return undefined;
    this.store.subscriptions.save({
      ...input.destination,
      rules: null,
      minSeverity: before.minSeverity,
      enabled: false,
      by: partyOf(input.actor),
      at: this.now(),
    });
    return before;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
