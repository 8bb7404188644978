import { z } from 'zod';
import { alertDesk } from '../src/alerts/command-access.js';
import { DAY_MS, MINUTE_MS, plural } from '../src/alerts/format.js';
import { silenceTarget } from '../src/alerts/silence-target.js';
import { parseDuration } from '../src/config.js';
import { text } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { commandLine } from '../src/render/command-line.js';
import { duration as durationText } from '../src/render/format.js';
import { actions, context, text as textBlock } from '../src/render/reply.js';

const LONGEST_MS = 7 * DAY_MS;

function silenceLength(typed: string): number {
  const ms = parseDuration(typed);
  if (ms === undefined)
    throw new UserError(`"${typed}" is not a duration.`, 'Use e.g. 30m, 1h, 2h30m or 1d.');
  if (ms < MINUTE_MS) throw new UserError(`${typed} is too short: silence for at least 1m.`);
  if (ms > LONGEST_MS) throw new UserError(`${typed} is too long: silence for at most 7d, and again after.`);
  return ms;
}

export default defineCommand({
  name: 'silence',
  group: 'alerts',
  summary: 'Hold back the alerts of a server, a cluster, a rule or all for a while; operators only',
  examples: [
    'silence ams-sw-1 1h',
    'silence eu-core 30m "zone maintenance"',
    'silence capacity 2h',
    'silence all 15m',
  ],
  risk: 'read',
  args: z.object({
    target: text('A server (IP, alias or id), a cluster, a rule, or all', 100).meta({ complete: 'server' }),
    duration: text('How long: 30m, 1h, 2h30m, 1d (at most 7d)', 20),
    reason: text('Why, shown with the silence (quote several words)', 200).optional(),
  }),
  positional: ['target', 'duration', 'reason'],
  async run(ctx, args) {
    const desk = alertDesk(ctx, 'operator');
    const durationMs = silenceLength(args.duration);
    const [servers, clusters] = await Promise.all([ctx.fleet.servers(), ctx.controlPlane.listClusters()]);
    const target = silenceTarget(args.target, servers, clusters);
    const channelId = ctx.conversation.invocation.channelId;
    const { silence, covers } = desk.silence({
      ...target,
      reason: args.reason ?? null,
      durationMs,
      actor: ctx.actor,
      channel: channelId ? { surface: ctx.actor.surface, channelId } : null,
    });
    const reason = silence.reason ? ` (${silence.reason})` : '';
    const held = covers ? ` It holds back ${plural(covers, 'firing alert')}.` : '';
    return {
      tone: 'info',
      private: false,
      blocks: [
        textBlock(
          `🔕 Silenced ${silence.label} for ${durationText(durationMs)}${reason}, until `,
          {
            time: silence.endsAt.toISOString(),
            style: 'time',
          },
          `.${held}`,
        ),
        context('set by ', { mention: silence.by }, ` · id ${silence.id} · its end is announced here`),
        actions({ label: 'Unsilence', command: commandLine('unsilence', [silence.id]) }),
      ],
    };
  },
});
