import { z } from 'zod';
import { alertDesk } from '../src/alerts/command-access.js';
import { text } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { context, text as textBlock } from '../src/render/reply.js';

export default defineCommand({
  name: 'alerts ack',
  group: 'alerts',
  summary: 'Acknowledge an alert (what its Acknowledge button does): it stops repeating; operators only',
  examples: ['alerts ack 3fa9c01d'],
  risk: 'read',
  args: z.object({ id: text('The alert id, as its message and /cx alerts show it', 16) }),
  positional: ['id'],
  async run(ctx, { id }) {
    const desk = alertDesk(ctx, 'operator');
    const result = desk.acknowledge(id, ctx.actor);
    switch (result.kind) {
      case 'unknown':
        throw new UserError(`No alert ${id}.`, 'Type /cx alerts to list the firing ones and their ids.');
      case 'ended':
        throw new UserError(`${result.title}: this alert is over already, nothing to acknowledge.`);
      case 'already':
        throw new UserError(`${result.title}: already acknowledged by ${result.by.name}.`);
      case 'acknowledged':
        return {
          tone: 'success',
          blocks: [
            textBlock(`✅ Acknowledged: ${result.title}.`),
            context('It stops repeating; its message now says who acknowledged it.'),
          ],
        };
    }
  },
});
