import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { ControlPlaneError } from '../controlplane/errors.js';
import type { ControlPlane } from '../controlplane/port.js';
import type { Reply } from '../render/reply.js';
import type { Silence } from '../store/silences-repo.js';
import { silenceEndedCard } from './alert-card.js';
import type { AlertStore } from './alert-store.js';
import { controlPlaneUnreachable } from './controlplane-finding.js';
import { type DigestSchedule, digestCard, dueDigest } from './digest.js';
import {
  type EngineSettings,
  firingSeverities,
  noticeMessageKey,
  type OutboxMessage,
  type Transition,
  transition,
} from './engine.js';
import type { Finding, RuleId, Severity } from './findings.js';
import { DAY_MS, HOUR_MS } from './format.js';
import type { RuleHistory } from './history.js';
import { readingOf } from './reading.js';
import { evaluate } from './rules.js';
import type { History, Snapshot } from './snapshot.js';
import type { Destination } from './state.js';
import type { Route } from './subscriptions.js';
import type { Thresholds } from './thresholds.js';

/** More findings from elsewhere (Switchboard's own SIP probes), judged on the same snapshot. */
export type FindingSource = (snapshot: Snapshot, previous: ReadonlyMap<string, Severity>) => Finding[];

export interface PollerOptions {
  controlPlane: ControlPlane;
  store: AlertStore;
  history: RuleHistory;
  thresholds: Thresholds;
  settings: EngineSettings;
  /** The routes in force now (configured channels and subscriptions). */
  routes(): Route[];
  now(): Date;
  log: Logger;
  /** Failed polls in a row after which the control plane counts as unreachable. */
  unreachableAfter?: number;
  findingSources?: readonly FindingSource[];
  digest?: DigestSchedule;
  /** Time zone of times written in messages. */
  timeZone: string;
}

export type PollOutcome =
  | { ok: true; findings: number; messages: number }
  | { ok: false; failedPolls: number; error: string; messages: number };

const DIGEST_META = 'digest-sent';
const UNREACHABLE: ReadonlySet<RuleId> = new Set(['controlplane-unreachable']);
/** Ended alerts, notices and delivered messages are kept this long (the digest looks back a day). */
const KEEP_MS = 30 * DAY_MS;
const PRUNE_EVERY_MS = HOUR_MS;

const newId = () => randomBytes(4).toString('hex');

/** The message that tells a channel a silence ended. */
function silenceEndMessages(silence: Silence, fallback: readonly Destination[]): OutboxMessage[] {
  const reply = silenceEndedCard(silence);
  const to = silence.channel ? [silence.channel] : fallback;
  return to.map((d) => ({
    dedupeKey: `silence:${silence.id}|ended|${d.surface}|${d.channelId}`,
    surface: d.surface,
    channelId: d.channelId,
    kind: 'post' as const,
    messageKey: `silence:${silence.id}`,
    reply,
  }));
}

function digestMessages(date: string, reply: Reply, to: readonly Destination[]): OutboxMessage[] {
  return to.map((d) => ({
    dedupeKey: `digest:${date}|${d.surface}|${d.channelId}`,
    surface: d.surface,
    channelId: d.channelId,
    kind: 'post' as const,
    messageKey: `digest:${date}`,
    reply,
  }));
}

/**
 * One poll: read the fleet, judge it, move the alert state, and write all of it (state, outbox
 * messages, history, announcements, the digest) in one transaction. Polls never overlap: a call
 * during one shares it. A control plane that does not answer changes nothing, until
 * `unreachableAfter` polls in a row failed: then its own alert fires, and it resolves with the
 * first poll that gets an answer.
 */
export class Poller {
  private running: Promise<PollOutcome> | undefined;
  private failures: { count: number; since: Date; error: string } | undefined;
  private lastPrune = 0;

  constructor(private readonly options: PollerOptions) {}

  pollOnce(): Promise<PollOutcome> {
    this.running ??= this.poll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async poll(): Promise<PollOutcome> {
    const at = this.options.now();
    let snapshot: Snapshot;
    try {
      snapshot = await this.read(at);
    } catch (error) {
      if (!(error instanceof ControlPlaneError)) throw error;
      return this.failed(at, error);
    }
    this.failures = undefined;
    return this.judge(snapshot);
  }

  private async read(at: Date): Promise<Snapshot> {
    const cp = this.options.controlPlane;
    const [servers, clusters, account, jobs] = await Promise.all([
      cp.listServers(),
      cp.listClusters(),
      cp.getAccount(),
      cp.listJobs(),
    ]);
    return { at, servers, clusters, account, jobs };
  }

  private findings(snapshot: Snapshot, history: History) {
    const { store, thresholds, findingSources = [] } = this.options;
    const previous = firingSeverities(store.liveAlerts().values());
    return [
      ...evaluate(snapshot, history, previous, thresholds),
      ...findingSources.flatMap((source) => source(snapshot, previous)),
    ];
  }

  private judge(snapshot: Snapshot): PollOutcome {
    const { store, settings } = this.options;
    const at = snapshot.at;
    const step = this.options.history.advance(snapshot);
    const findings = this.findings(snapshot, step.history);
    const routes = this.options.routes();
    const change = transition({
      now: at,
      findings,
      alerts: store.liveAlerts(),
      notices: store.openNotices(),
      silences: store.silences.active(at),
      routes,
      settings,
      reading: (alert) => readingOf(alert, snapshot),
      newId,
    });
    const extra = this.announcements(at, routes);
    const digest = this.digest(snapshot, step.history, routes);
    const messages = [...change.messages, ...extra.messages, ...(digest?.messages ?? [])];
    store.commit({ ...change, messages }, at, () => {
      step.persist();
      extra.persist();
      if (digest) store.alerts.setMeta(DIGEST_META, digest.date);
      this.pruneIfDue(at);
    });
    step.commit();
    return { ok: true, findings: findings.length, messages: messages.length };
  }

  private failed(at: Date, error: ControlPlaneError): PollOutcome {
    const { log, unreachableAfter = 3, store, settings } = this.options;
    const failures = {
      count: (this.failures?.count ?? 0) + 1,
      since: this.failures?.since ?? at,
      error: error.message,
    };
    this.failures = failures;
    log.warn(
      { kind: error.kind, status: error.status, failedPolls: failures.count, problem: error.message },
      'alert poll failed',
    );
    const routes = this.options.routes();
    const extra = this.announcements(at, routes);
    let change: Transition = { saved: [], dropped: [], notices: [], messages: [] };
    if (failures.count >= unreachableAfter) {
      const finding = controlPlaneUnreachable({
        baseUrl: this.options.controlPlane.baseUrl,
        failedPolls: failures.count,
        since: failures.since,
        at,
        error: failures.error,
        timeZone: this.options.timeZone,
      });
      change = transition({
        now: at,
        findings: [finding],
        evaluated: UNREACHABLE,
        alerts: store.liveAlerts(),
        notices: store.openNotices(),
        silences: store.silences.active(at),
        routes,
        settings,
        newId,
      });
    }
    const messages = [...change.messages, ...extra.messages];
    store.commit({ ...change, messages }, at, extra.persist);
    return { ok: false, failedPolls: failures.count, error: failures.error, messages: messages.length };
  }

  /** Silences that ran out since the last poll: say so where each was set. */
  private announcements(at: Date, routes: readonly Route[]) {
    const ended = this.options.store.silences.endedUnannounced(at);
    const everywhere = uniqueDestinations(routes);
    return {
      messages: ended.flatMap((silence) => silenceEndMessages(silence, everywhere)),
      persist: () => {
        for (const silence of ended) this.options.store.silences.markAnnounced(silence.id);
      },
    };
  }

  private digest(snapshot: Snapshot, history: History, routes: readonly Route[]) {
    const { digest: schedule, store } = this.options;
    if (!schedule) return undefined;
    const date = dueDigest(snapshot.at, schedule, store.alerts.meta(DIGEST_META));
    if (!date) return undefined;
    const firing = [...store.liveAlerts().values()].filter((a) => a.status === 'firing');
    const recent = store.activeSince(new Date(snapshot.at.getTime() - DAY_MS));
    const reply = digestCard({
      snapshot,
      history,
      thresholds: this.options.thresholds,
      firing,
      recent,
      timeZone: schedule.timeZone,
    });
    const to = uniqueDestinations(routes);
    return { date, messages: digestMessages(date, reply, to) };
  }

  private pruneIfDue(at: Date): void {
    if (at.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = at.getTime();
    const before = new Date(at.getTime() - KEEP_MS);
    const { store } = this.options;
    for (const id of store.alerts.prune(before)) store.outbox.forgetMessage(noticeMessageKey(id));
    store.outbox.prune(before, noticeMessageKey(''));
    store.silences.prune(before);
  }
}

function uniqueDestinations(routes: readonly Route[]): Destination[] {
  const seen = new Map<string, Destination>();
  for (const { destination } of routes)
    seen.set(`${destination.surface}\u0000${destination.channelId}`, destination);
  return [...seen.values()];
}
