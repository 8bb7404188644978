import { z } from 'zod';
import { alertDesk, hereOf } from '../src/alerts/command-access.js';
import { defineCommand } from '../src/core/command.js';
import { context, text } from '../src/render/reply.js';

export default defineCommand({
  name: 'alerts unsubscribe',
  group: 'alerts',
  summary: 'Stop sending alerts to this channel; operators only',
  examples: ['alerts unsubscribe'],
  risk: 'read',
  args: z.object({}),
  async run(ctx) {
    const desk = alertDesk(ctx, 'operator');
    const destination = hereOf(ctx, '/cx alerts unsubscribe');
    const before = desk.unsubscribe({ actor: ctx.actor, destination });
    if (!before) {
      return { tone: 'info', blocks: [text('This channel gets no alerts: nothing to stop.')] };
    }
    const configured =
      before.source === 'configured'
        ? ' It was set up as an alert channel in the configuration; this overrides it.'
        : '';
    return {
      tone: 'success',
      private: false,
      blocks: [
        text(`🔇 This channel no longer gets alerts.${configured}`),
        context('Turn them back on with /cx alerts subscribe.'),
      ],
    };
  },
});
