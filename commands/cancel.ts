import { z } from 'zod';
import { text } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';

export default defineCommand({
  name: 'cancel',
  group: 'approvals',
  summary: 'Cancel a pending request (what the Cancel button does): your own, or any as an approver',
  examples: ['cancel 7f3a9c01d2e4b5a6'],
  risk: 'read',
  args: z.object({ id: text('The request id shown on its card', 64) }),
  positional: ['id'],
  async run(ctx, { id }) {
    await ctx.approvals.cancel(ctx, id, ctx.conversation.invocation, ctx.conversation.responder);
    return undefined;
  },
});
