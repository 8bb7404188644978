import { z } from 'zod';
import { alertDesk } from '../src/alerts/command-access.js';
import { defineCommand } from '../src/core/command.js';
import { commandLine } from '../src/render/command-line.js';
import { relativeTime } from '../src/render/format.js';
import { actions, type Block, context, header, table, text } from '../src/render/reply.js';

/** Unsilence buttons offered, for the silences that end last. */
const BUTTONS = 3;

export default defineCommand({
  name: 'silences',
  group: 'alerts',
  summary: 'The silences in force: what, until when, who set them and why',
  examples: ['silences'],
  risk: 'read',
  args: z.object({}),
  async run(ctx) {
    const desk = alertDesk(ctx, 'viewer');
    const silences = desk.silences();
    const now = desk.now();
    const blocks: Block[] = [header(`Silences · ${silences.length}`)];
    if (silences.length === 0) {
      blocks.push(
        text('Nothing is silenced: every alert posts.'),
        context('Silence one with /cx silence <server|cluster|rule|all> <duration> [reason].'),
      );
      return { tone: 'info', blocks };
    }
    blocks.push(
      table(
        ['ID', 'SILENCED', 'ENDS', 'SET BY', 'REASON'],
        silences.map((s) => [
          s.id,
          s.label,
          relativeTime(s.endsAt.toISOString(), now),
          `${s.by.name} (${s.by.surface})`,
          s.reason ?? '-',
        ]),
      ),
      context('End one now with /cx unsilence <id>.'),
      actions(
        ...silences
          .slice(-BUTTONS)
          .map((s) => ({ label: `Unsilence ${s.id}`, command: commandLine('unsilence', [s.id]) })),
      ),
    );
    return { tone: 'info', blocks };
  },
});
