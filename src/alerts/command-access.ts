import type { CommandContext } from '../core/command.js';
import { UserError } from '../core/errors.js';
import type { AlertDesk } from './desk.js';
import type { Destination } from './state.js';

/**
 * The alert desk for an alert command. Managing alerts (acknowledge, silence, subscribe) changes
 * no server, so these are read commands that check the operator role themselves.
 */
export function alertDesk(ctx: CommandContext, role: 'viewer' | 'operator'): AlertDesk {
  const desk = ctx.alerts;
  if (!desk) {
    throw new UserError(
      'Alerts are not running in this Switchboard.',
      'They start with the bot itself (npm start); /cx servers shows the fleet meanwhile.',
    );
  }
  const refused = role === 'operator' ? desk.operatorRefusal(ctx.actor) : undefined;
  if (refused) throw new UserError(refused, 'Anyone can look: /cx alerts, /cx silences.');
  return desk;
}

/** The channel the command was typed in, on the asker's surface. */
export function hereOf(ctx: CommandContext, what: string): Destination {
  const channelId = ctx.conversation.invocation.channelId;
  if (!channelId) throw new UserError(`Run ${what} in the channel that should get the alerts.`);
  return { surface: ctx.actor.surface, channelId };
}
