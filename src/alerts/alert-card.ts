import { commandLine } from '../render/command-line.js';
import {
  type Block,
  type Button,
  context,
  header,
  type Inline,
  type Reply,
  type Tone,
  text,
} from '../render/reply.js';
import type { Silence } from '../store/silences-repo.js';
import { type Finding, RULE_IDS, type RuleId, type Severity } from './findings.js';
import { durationText } from './format.js';
import { type AlertRecord, highest, type NoticeRecord } from './state.js';

/** The messages alerts are posted as: platform-neutral Replies that each sender renders. */

export const SEVERITY_EMOJI: Record<Severity, string> = { info: '🔵', warning: '🟠', critical: '🔴' };
const SEVERITY_TONE: Record<Severity, Tone> = { info: 'info', warning: 'warning', critical: 'danger' };

/** Short names of the rules, for grouped messages and lists. */
export const RULE_TITLES: Record<RuleId, string> = {
  capacity: 'Capacity',
  cps: 'CPS',
  'cluster-capacity': 'Cluster capacity',
  'cluster-cps': 'Cluster CPS',
  'capacity-advice': 'Capacity advice',
  expiry: 'Test period ending',
  expired: 'Expired',
  topup: 'Top-up needed',
  'balance-deploy': 'Balance',
  'health-status': 'Server status',
  'health-latency': 'SIP latency',
  'health-stale': 'Update waiting',
  'controlplane-unreachable': 'Control plane',
  'probe-unreachable': 'Not answering SIP probes',
  'probe-latency': 'SIP probe latency',
};

/** Members listed in a grouped message; `/cx alerts` lists the rest. */
const GROUP_SHOWN = 15;

export interface NoticeView {
  notice: NoticeRecord;
  members: readonly AlertRecord[];
  now: Date;
  repeatMs: number;
  /** Set when every firing member is covered by a silence: the latest end among them. */
  silencedUntil?: Date;
  /** What a resolved single alert's subject reads now ("ams-sw-1 back to 64%"). */
  reading?: string;
}

const iso = (date: Date) => date.toISOString();
const at = (date: Date): Inline => ({ time: iso(date), style: 'time' });
const firing = (members: readonly AlertRecord[]) => members.filter((m) => m.status === 'firing');
const firedAt = (alert: AlertRecord) => alert.firedAt ?? alert.since;

function earliestFired(members: readonly AlertRecord[]): Date {
  return new Date(members.reduce((min, m) => Math.min(min, firedAt(m).getTime()), Number.POSITIVE_INFINITY));
}

/** A silence target word that cannot be mistaken for a rule or `all`. */
function silenceWord(kind: 'server' | 'cluster', name: string): string {
  const taken = name === 'all' || (RULE_IDS as readonly string[]).includes(name.toLowerCase());
  return taken ? `${kind}:${name}` : name;
}

function silenceButton(finding: Finding): Button {
  const target = finding.server
    ? silenceWord('server', finding.server.alias)
    : finding.cluster && finding.subject.startsWith('cluster:')
      ? silenceWord('cluster', finding.cluster.name)
      : finding.rule;
  return { label: 'Silence 1 h', command: commandLine('silence', [target, '1h']) };
}

function showButton(finding: Finding): Button | undefined {
  if (finding.server) return { label: 'Show server', command: commandLine('server', [finding.server.alias]) };
  if (finding.cluster)
    return { label: 'Show cluster', command: commandLine('servers', [], { cluster: finding.cluster.name }) };
  if (finding.rule === 'topup' || finding.rule === 'balance-deploy')
    return { label: 'Show balance', command: commandLine('balance') };
  return undefined;
}

function ackedBy(members: readonly AlertRecord[]): AlertRecord['ack'] {
  const live = firing(members);
  if (live.length === 0 || live.some((m) => m.ack === null)) return null;
  return live.map((m) => m.ack!).reduce((a, b) => (b.at > a.at ? b : a));
}

/** "fired 14:30 · repeats every 4 h until acknowledged", or who acknowledged it. */
function statusLine(view: NoticeView): Block {
  const parts: Inline[] = ['fired ', at(earliestFired(view.members))];
  const ack = ackedBy(view.members);
  if (ack) {
    parts.push(' · acknowledged by ', { mention: ack.by }, ' at ', at(ack.at), ' · no more repeats');
  } else {
    parts.push(` · repeats every ${durationText(view.repeatMs)} until acknowledged`);
  }
  if (view.silencedUntil) parts.push(' · 🔕 silenced until ', at(view.silencedUntil));
  return context(...parts);
}

function singleCard(view: NoticeView, alert: AlertRecord): Reply {
  const { finding } = alert;
  const blocks: Block[] = [
    header(`${SEVERITY_EMOJI[alert.severity]} ${finding.title}`),
    ...finding.lines.map((line) => text(line)),
    statusLine(view),
  ];
  const buttons: Button[] = [];
  if (!ackedBy(view.members))
    buttons.push({
      label: 'Acknowledge',
      command: commandLine('alerts ack', [view.notice.id]),
      style: 'primary',
    });
  buttons.push(silenceButton(finding));
  const show = showButton(finding);
  if (show) buttons.push(show);
  blocks.push({ kind: 'actions', buttons });
  return { tone: SEVERITY_TONE[alert.severity], blocks };
}

function memberLine(alert: AlertRecord, now: Date): Block {
  const title = alert.finding.title;
  if (alert.status === 'firing') return text(`${SEVERITY_EMOJI[alert.severity]} ${title}`);
  const ended = alert.endedAt ?? now;
  const how =
    alert.status === 'replaced'
      ? 'replaced by its next step'
      : `resolved after ${durationText(ended.getTime() - firedAt(alert).getTime())}`;
  return text(`✅ ${title} · ${how}`);
}

/** Firing members first (most severe first), then those that ended. */
function listedMembers(members: readonly AlertRecord[]): AlertRecord[] {
  const rank = (m: AlertRecord) =>
    m.status === 'firing' ? { info: 2, warning: 1, critical: 0 }[m.severity] : 3;
  return [...members].sort((a, b) => rank(a) - rank(b));
}

function memberBlocks(view: NoticeView): Block[] {
  const listed = listedMembers(view.members);
  const blocks = listed.slice(0, GROUP_SHOWN).map((m) => memberLine(m, view.now));
  if (listed.length > GROUP_SHOWN) {
    blocks.push(context(`+${listed.length - GROUP_SHOWN} more: /cx alerts lists every firing alert.`));
  }
  return blocks;
}

function groupCard(view: NoticeView): Reply {
  const live = firing(view.members);
  const severity = highest(live.map((m) => m.severity));
  const count =
    live.length === view.members.length
      ? `${live.length} firing`
      : `${live.length} of ${view.members.length} still firing`;
  const blocks: Block[] = [
    header(`${SEVERITY_EMOJI[severity]} ${RULE_TITLES[view.notice.rule]}: ${count}`),
    ...memberBlocks(view),
    statusLine(view),
  ];
  const buttons: Button[] = [];
  if (!ackedBy(view.members))
    buttons.push({
      label: 'Acknowledge all',
      command: commandLine('alerts ack', [view.notice.id]),
      style: 'primary',
    });
  buttons.push({
    label: `Silence ${view.notice.rule} 1 h`,
    command: commandLine('silence', [view.notice.rule, '1h']),
  });
  buttons.push({ label: 'List alerts', command: commandLine('alerts') });
  blocks.push({ kind: 'actions', buttons });
  return { tone: SEVERITY_TONE[severity], blocks };
}

const isGroup = (view: NoticeView) => view.members.length > 1;

/** How long the notice fired: from the first member firing to the last one ending. */
function firedFor(view: NoticeView): string {
  const lastEnd = view.members.reduce((max, m) => Math.max(max, (m.endedAt ?? view.now).getTime()), 0);
  return durationText(lastEnd - earliestFired(view.members).getTime());
}

/** The one-line outcome of a notice whose alerts all ended. */
export function resolutionLine(view: NoticeView): string {
  const replaced = view.members.every((m) => m.status === 'replaced');
  if (isGroup(view)) {
    const rule = RULE_TITLES[view.notice.rule];
    return replaced
      ? `⏭ ${rule}: replaced by the next step`
      : `✅ ${rule}: all ${view.members.length} resolved after ${firedFor(view)}`;
  }
  const alert = view.members[0]!;
  if (replaced) return `⏭ ${alert.finding.title}: replaced by the next step`;
  return `✅ Resolved after ${firedFor(view)} · ${view.reading ?? alert.finding.title}`;
}

function endedCard(view: NoticeView): Reply {
  const blocks: Block[] = [header(resolutionLine(view))];
  if (isGroup(view)) blocks.push(...memberBlocks(view));
  else {
    const alert = view.members[0]!;
    blocks.push(
      context(`was: ${SEVERITY_EMOJI[alert.severity]} ${alert.finding.title} · fired `, at(firedAt(alert))),
    );
    const show = showButton(alert.finding);
    if (show) blocks.push({ kind: 'actions', buttons: [show] });
  }
  return { tone: 'success', blocks };
}

/** The notice as it stands: firing (acknowledged or not), or ended. */
export function noticeCard(view: NoticeView): Reply {
  if (firing(view.members).length === 0) return endedCard(view);
  return isGroup(view) ? groupCard(view) : singleCard(view, firing(view.members)[0]!);
}

/** The reminder posted under a notice that is still firing, unacknowledged, after `repeat`. */
export function repeatCard(view: NoticeView): Reply {
  const card = noticeCard(view);
  const since = durationText(view.now.getTime() - earliestFired(view.members).getTime());
  return { ...card, blocks: [context(`🔁 Still firing after ${since}`), ...card.blocks] };
}

/** The short reply under a notice once all its alerts resolved. */
export function resolvedReply(view: NoticeView): Reply {
  return { tone: 'success', blocks: [text(resolutionLine(view))] };
}

export function silenceEndedCard(silence: Silence): Reply {
  const how = silence.liftedBy ? ['lifted by ', { mention: silence.liftedBy } as Inline] : ['ran out'];
  const reason = silence.reason ? ` (${silence.reason})` : '';
  return {
    tone: 'info',
    blocks: [
      text(`🔔 The silence of ${silence.label}${reason} has ended: its alerts post again.`),
      context(
        `set by `,
        { mention: silence.by },
        ' · ',
        ...how,
        ' at ',
        at(silence.liftedAt ?? silence.endsAt),
        ` · id ${silence.id}`,
      ),
    ],
  };
}
