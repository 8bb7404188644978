import type { App as BoltApp } from '@slack/bolt';
import { checkConfigForm, type FormOutcome, type FormProblems } from '../../../../core/config-form.js';
import { problem } from '../../../../render/reply.js';
import { type SlackContext, slackActor } from '../../context.js';
import { failureReply } from '../../failure.js';
import { runGesture } from '../../gesture.js';
import { type SlackConversation, SlackResponder } from '../../responder.js';
import { type Settled, settle, settledWithin } from '../../settle.js';
import { CONFIG_FORM_ID } from '../../views/config-blocks.js';
import { blockErrors, readConfigSubmission } from '../../views/config-state.js';

/**
 * Slack waits three seconds for a form's answer; problems found within this are shown next to
 * their fields, later ones (a slow control plane) reach the submitter as a message.
 */
const FIELD_ERRORS_WITHIN_MS = 2_000;

const lateProblems = (problems: FormProblems) =>
  problem(
    `The config change was not sent: ${Object.entries(problems)
      .map(([key, message]) => `${key}: ${message}`)
      .join('; ')}.`,
    'Type /cx config <server> to open the form again.',
  );

/**
 * A submitted config form: checked with the config command's rules, problems shown next to their
 * fields, and a valid change routed as the submitter (`config` with the changed keys, `failover`
 * when that changed), posting the same confirmation card in the channel the form was opened from.
 */
export function registerConfigSubmit(bolt: BoltApp, ctx: SlackContext): void {
  bolt.view(CONFIG_FORM_ID, async ({ ack, body, view, client }) => {
    const submitted = readConfigSubmission(view);
    if (!submitted) {
      await ack();
      ctx.log.warn('a config form came back in a shape this version does not know');
      return;
    }
    const { meta, values } = submitted;
    const checking = checkConfigForm(ctx.app, meta.server, meta.values, values);
    const early = await settledWithin(checking, FIELD_ERRORS_WITHIN_MS);
    if (early?.ok && !early.value.ok) {
      await ack({ response_action: 'errors', errors: blockErrors(early.value.problems) });
      return;
    }
    await ack();
    await ctx.afterAck(async () => {
      const conversation: SlackConversation = {
        client,
        userId: body.user.id,
        channelId: meta.channel,
        respond: undefined,
      };
      const outcome: Settled<FormOutcome> = early ?? (await settle(checking));
      const responder = new SlackResponder(conversation);
      if (!outcome.ok) {
        await responder.send(failureReply(outcome.error, ctx.log, 'checking the config form'));
        return;
      }
      if (!outcome.value.ok) {
        await responder.send(lateProblems(outcome.value.problems));
        return;
      }
      const actor = await slackActor(ctx, { id: body.user.id, name: body.user.name });
      for (const { text, options } of outcome.value.invocations) {
        await runGesture(ctx, { actor, channelId: meta.channel, text, options }, conversation);
      }
    });
  });
}
