import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { relativeTime } from '../src/render/format.js';
import { actions, type Block, context, header, table, text } from '../src/render/reply.js';

const SHOWN = 20;

export default defineCommand({
  name: 'approvals',
  group: 'approvals',
  summary: 'Requests waiting for a Confirm: what, who asked, when they expire',
  examples: ['approvals'],
  risk: 'read',
  args: z.object({}),
  async run(ctx) {
    const pending = ctx.approvals.listPending();
    const now = ctx.now();
    const blocks: Block[] = [header(`Pending requests · ${pending.length}`)];
    if (pending.length === 0) {
      blocks.push(text('Nothing is waiting for a Confirm.'));
      return { tone: 'info', blocks };
    }
    const shown = pending.slice(0, SHOWN);
    blocks.push(
      table(
        ['ID', 'REQUEST', 'RISK', 'REQUESTED BY', 'ASKED', 'EXPIRES'],
        shown.map((a) => [
          a.id,
          a.summary,
          a.risk,
          `${a.requester.name} (${a.requester.surface})`,
          relativeTime(a.createdAt.toISOString(), now),
          relativeTime(a.expiresAt.toISOString(), now),
        ]),
      ),
    );
    if (pending.length > SHOWN) blocks.push(context(`oldest ${SHOWN} of ${pending.length}`));
    const first = shown[0]!;
    blocks.push(
      context('Confirm or cancel one with /cx confirm <id> or /cx cancel <id>.'),
      actions(
        { label: `Confirm ${first.id.slice(0, 6)}…`, command: `/cx confirm ${first.id}`, style: 'danger' },
        { label: `Cancel ${first.id.slice(0, 6)}…`, command: `/cx cancel ${first.id}` },
      ),
    );
    return { tone: 'info', blocks };
  },
});
