import { z } from 'zod';
import { text } from './args.js';
import { type Command, defineCommand } from './command.js';

/** `confirm <id>` and `cancel <id>`: what the two buttons of every confirmation card press. */
export function decisionCommand(decision: 'confirm' | 'cancel', summary: string): Command {
  return defineCommand({
    name: decision,
    group: 'approvals',
    summary,
    examples: [`${decision} 7f3a9c01d2e4b5a6`],
    risk: 'read',
    args: z.object({ id: text('The request id shown on its card', 64) }),
    positional: ['id'],
    async run(ctx, { id }) {
      const { invocation, responder } = ctx.conversation;
      await ctx.approvals[decision](ctx, id, invocation, responder);
      return undefined;
    },
  });
}
