import type { Job } from '../domain/schemas.js';
import type { Approval } from '../store/approvals-repo.js';
import type { Party } from '../store/columns.js';
import { usageBar } from './format.js';
import {
  actions,
  type Block,
  context,
  header,
  type Inline,
  type MentionRef,
  type Reply,
  type Tone,
  text,
} from './reply.js';

/** The confirmation card and what it becomes: decided, running its job, done, failed, cancelled, expired. */

const mention = (party: Party): Inline => ({ mention: party as MentionRef });
const at = (date: Date): Inline => ({ time: date.toISOString(), style: 'time' });

export interface PendingCardInput {
  approval: Approval;
  /** What the plan said: the facts and caveats an approver reads before confirming. */
  blocks: Block[];
  confirmLabel?: string;
  /** Four eyes applies: someone other than the requester must confirm. */
  needsOtherApprover: boolean;
}

export function pendingCard({ approval, blocks, confirmLabel, needsOtherApprover }: PendingCardInput): Reply {
  const who: Inline[] = ['Requested by ', mention(approval.requester)];
  if (needsOtherApprover) who.push(' · needs an approver other than ', mention(approval.requester));
  who.push(' · expires ', at(approval.expiresAt), ` · id ${approval.id}`);
  return {
    tone: approval.risk === 'disruptive' ? 'warning' : 'info',
    private: false,
    blocks: [
      header(`${approval.risk === 'disruptive' ? '⚠ ' : ''}${approval.summary}`),
      ...blocks,
      context(...who),
      actions(
        { label: confirmLabel ?? 'Confirm', command: `/cx confirm ${approval.id}`, style: 'danger' },
        { label: 'Cancel', command: `/cx cancel ${approval.id}` },
      ),
    ],
  };
}

/** "Restart ams-sw-1 · requested by @priya · approved by @marco at 09:04". */
function decisionLine(approval: Approval, verb: 'approved' | 'cancelled'): Block {
  const parts: Inline[] = [{ bold: approval.summary }, ' · requested by ', mention(approval.requester)];
  if (approval.decidedBy) parts.push(` · ${verb} by `, mention(approval.decidedBy));
  if (approval.decidedAt) parts.push(' at ', at(approval.decidedAt));
  return text(...parts);
}

const card = (tone: Tone, blocks: Block[], notify?: Party[]): Reply => ({
  tone,
  private: false,
  blocks,
  ...(notify ? { notify: notify as MentionRef[] } : {}),
});

export const approvedCard = (approval: Approval, status: Block[]): Reply =>
  card('info', [decisionLine(approval, 'approved'), ...status]);

export function jobLine(job: Job): Block {
  const state =
    job.status === 'running'
      ? `running ${usageBar(job.progress, 100)} ${Math.round(job.progress)}%`
      : job.status;
  return context(`job ${job.id} (${job.action}): ${state}`);
}

export const finishedCard = (approval: Approval, tone: 'success' | 'danger', blocks: Block[]): Reply =>
  card(tone, [decisionLine(approval, 'approved'), ...blocks], [approval.requester]);

export const notDoneCard = (approval: Approval, reason: string): Reply =>
  card('danger', [decisionLine(approval, 'approved'), text(`❌ Not done: ${reason}`)], [approval.requester]);

export const cancelledCard = (approval: Approval): Reply =>
  card('neutral', [
    decisionLine(approval, 'cancelled'),
    text('✖ Cancelled: nothing was sent to the control plane.'),
  ]);

export const expiredCard = (approval: Approval): Reply =>
  card('neutral', [
    text({ bold: approval.summary }, ' · requested by ', mention(approval.requester)),
    text('⌛ Expired at ', at(approval.expiresAt), ': nobody confirmed it, nothing was sent.'),
    context('Run the command again if it is still needed.'),
  ]);
