import type { Party } from '../store/columns.js';
import type { Finding, RuleId, Severity } from './findings.js';

/**
 * The alert engine's state. An alert is one episode of a finding key: `pending` while its
 * condition has held for fewer polls than `for`, `firing` once it has, `resolved` when it stops
 * holding, `replaced` when the next step of a stepped rule (expiry 14 → 7 days, expiry → expired)
 * took over. A notice is the message an alert, or a group of alerts of one rule that became
 * postable in the same poll, is posted as: one message per channel, edited as its alerts change.
 */

export type AlertStatus = 'pending' | 'firing' | 'resolved' | 'replaced';

/** A channel on a surface; `surface` is a ChannelSender's ('slack', 'discord', 'discord-webhook', 'console'). */
export interface Destination {
  surface: string;
  channelId: string;
}

export interface Ack {
  by: Party;
  at: Date;
}

export interface AlertRecord {
  /** 8 hex characters, what `/cx alerts` shows and `/cx alerts ack` takes. */
  id: string;
  /** `findingKey` of its findings. */
  key: string;
  rule: RuleId;
  subject: string;
  status: AlertStatus;
  severity: Severity;
  /** The latest finding (its wording as last shown). */
  finding: Finding;
  /** Consecutive polls its condition held, counted up to `for`. */
  streak: number;
  /** The poll its condition first held. */
  since: Date;
  firedAt: Date | null;
  endedAt: Date | null;
  /** The notice it is posted in; null while pending, silenced or never routed. */
  noticeId: string | null;
  ack: Ack | null;
}

export interface NoticeRecord {
  /** A notice of one alert has the alert's id; a group has its own. */
  id: string;
  rule: RuleId;
  postedAt: Date;
  /** The last post or repeat: the next repeat is due `repeat` after it. */
  lastSentAt: Date;
  repeats: number;
  /** Counts the changes that sent messages: part of their dedupe keys. */
  revision: number;
  resolvedAt: Date | null;
  /** Where it was posted; an edit goes to each of them. */
  channels: Destination[];
}

export const isOpen = (alert: Pick<AlertRecord, 'status'>) =>
  alert.status === 'pending' || alert.status === 'firing';

export const sameDestination = (a: Destination, b: Destination) =>
  a.surface === b.surface && a.channelId === b.channelId;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum];
}

/** The most severe of several; info for none. */
export function highest(severities: Iterable<Severity>): Severity {
  let top: Severity = 'info';
  for (const severity of severities) if (SEVERITY_RANK[severity] > SEVERITY_RANK[top]) top = severity;
  return top;
}
