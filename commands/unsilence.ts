import { z } from 'zod';
import { alertDesk } from '../src/alerts/command-access.js';
import { text } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { context, text as textBlock } from '../src/render/reply.js';

export default defineCommand({
  name: 'unsilence',
  group: 'alerts',
  summary: 'End a silence now, so its alerts post again; operators only',
  examples: ['unsilence 3fa9c01d'],
  risk: 'read',
  args: z.object({ id: text('The silence id, as /cx silences shows it', 16) }),
  positional: ['id'],
  async run(ctx, { id }) {
    const desk = alertDesk(ctx, 'operator');
    const result = desk.unsilence(id, ctx.actor);
    if (result.kind === 'unknown') {
      throw new UserError(
        `No silence ${id}.`,
        'Type /cx silences to list the silences in force and their ids.',
      );
    }
    if (result.kind === 'ended')
      throw new UserError(`The silence of ${result.silence.label} has already ended.`);
    const { silence } = result;
    return {
      tone: 'success',
      private: false,
      blocks: [
        textBlock(`🔔 Lifted the silence of ${silence.label}: its alerts post again from the next poll.`),
        context(
          'set by ',
          { mention: silence.by },
          ' · lifted by ',
          { mention: { surface: ctx.actor.surface, id: ctx.actor.id, name: ctx.actor.name } },
          ` · id ${silence.id}`,
        ),
      ],
    };
  },
});
