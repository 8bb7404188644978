import { z } from 'zod';
import { RULE_TITLES, SEVERITY_EMOJI } from '../src/alerts/alert-card.js';
import { alertDesk } from '../src/alerts/command-access.js';
import { plural } from '../src/alerts/format.js';
import type { AlertRecord } from '../src/alerts/state.js';
import { defineCommand } from '../src/core/command.js';
import { relativeTime } from '../src/render/format.js';
import { type Block, context, header, table, text } from '../src/render/reply.js';

const SHOWN = 25;

export default defineCommand({
  name: 'alerts',
  group: 'alerts',
  summary: 'What is firing now: severity, since when, acknowledged or silenced',
  examples: ['alerts'],
  risk: 'read',
  args: z.object({}),
  async run(ctx) {
    const desk = alertDesk(ctx, 'viewer');
    const firing = desk.firing();
    const pending = desk.pendingCount();
    const now = desk.now();
    const state = (alert: AlertRecord) => {
      if (alert.ack) return `acknowledged by ${alert.ack.by.name}`;
      const silence = desk.silenceOf(alert);
      return silence ? `silenced, ends ${relativeTime(silence.endsAt.toISOString(), now)}` : '-';
    };
    const blocks: Block[] = [header(`Firing alerts · ${firing.length}`)];
    if (firing.length === 0) blocks.push(text('Nothing is firing.'));
    else {
      blocks.push(
        table(
          ['ID', 'RULE', 'ALERT', 'FIRED', 'STATE'],
          firing
            .slice(0, SHOWN)
            .map((a) => [
              a.id,
              RULE_TITLES[a.rule],
              `${SEVERITY_EMOJI[a.severity]} ${a.finding.title}`,
              relativeTime((a.firedAt ?? a.since).toISOString(), now),
              state(a),
            ]),
        ),
      );
      if (firing.length > SHOWN) blocks.push(context(`the ${SHOWN} most severe of ${firing.length}`));
      blocks.push(context('Acknowledge one with /cx alerts ack <id>: it stops repeating.'));
    }
    if (pending) {
      blocks.push(
        context(
          `${plural(pending, 'more condition')} holding, not yet for ${desk.settings.forPolls} polls in a row.`,
        ),
      );
    }
    return { tone: firing.length ? 'warning' : 'success', blocks };
  },
});
