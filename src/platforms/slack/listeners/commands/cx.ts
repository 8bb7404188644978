import type { App as BoltApp } from '@slack/bolt';
import { type SlackContext, slackActor } from '../../context.js';
import { runGesture } from '../../gesture.js';
import { configFormTarget, openConfigForm } from '../../open-config-form.js';

export const CX_COMMAND = '/cx';

/** `/cx <line>`: acked at once, then routed as the person who typed it (or the config form opened). */
export function registerCxCommand(bolt: BoltApp, ctx: SlackContext): void {
  bolt.command(CX_COMMAND, async ({ ack, command, respond, client }) => {
    await ack();
    await ctx.afterAck(async () => {
      const actor = await slackActor(ctx, { id: command.user_id, name: command.user_name });
      const conversation = { client, userId: command.user_id, channelId: command.channel_id, respond };
      const serverRef = configFormTarget(ctx, actor, command.text);
      if (serverRef !== undefined && command.trigger_id) {
        await openConfigForm(ctx, { serverRef, triggerId: command.trigger_id, conversation });
        return;
      }
      await runGesture(ctx, { actor, channelId: command.channel_id, text: command.text }, conversation);
    });
  });
}
