import type { App as BoltApp } from '@slack/bolt';
import { buttonCommand, SLACK_ACTION_ID } from '../../../../render/blockkit.js';
import { type SlackContext, slackActor } from '../../context.js';
import { runGesture } from '../../gesture.js';
import { messageRef } from '../../message-ref.js';

/**
 * A click on any button Switchboard rendered: it presses the command line the button carries, as
 * the person who clicked, with the clicked message as the source (Confirm and Cancel edit it).
 */
export function registerButtonClicks(bolt: BoltApp, ctx: SlackContext): void {
  bolt.action(SLACK_ACTION_ID, async ({ ack, body, action, respond, client }) => {
    await ack();
    await ctx.afterAck(async () => {
      if (body.type !== 'block_actions' || action.type !== 'button') return;
      const line = buttonCommand(action.value);
      if (!line) {
        ctx.log.warn('a clicked button carried no command line');
        return;
      }
      const channelId = body.channel?.id;
      const ts = body.container?.message_ts ?? body.message?.ts;
      const sourceMessage =
        channelId && typeof ts === 'string' ? messageRef({ channel: channelId, ts }) : undefined;
      const actor = await slackActor(ctx, { id: body.user.id, name: body.user.username ?? body.user.name });
      await runGesture(
        ctx,
        {
          actor,
          text: line,
          ...(channelId ? { channelId } : {}),
          ...(sourceMessage ? { sourceMessage } : {}),
        },
        { client, userId: body.user.id, channelId, respond },
      );
    });
  });
}
