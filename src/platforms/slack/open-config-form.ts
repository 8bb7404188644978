import type { WebClient } from '@slack/web-api';
import { bindArgs } from '../../core/bind.js';
import { asksNoChange, type ConfigArgs } from '../../core/config-change.js';
import { type ConfigForm, loadConfigForm } from '../../core/config-form.js';
import { UserError } from '../../core/errors.js';
import type { Actor } from '../../core/invocation.js';
import { tokenize } from '../../core/parse.js';
import { canRun } from '../../core/rbac.js';
import type { SlackContext } from './context.js';
import { failureReply } from './failure.js';
import { type SlackConversation, SlackResponder } from './responder.js';
import { type Settled, settle, settledWithin } from './settle.js';
import { slackErrorCode } from './slack-errors.js';
import { configModal, loadingModal, messageModal } from './views/config-modal.js';

/**
 * `/cx config <server>` with no keys opens a form instead of the read-only view, for those who may
 * change a config (viewers keep the read view). The trigger_id it needs lasts three seconds, so a
 * config that takes long to read opens a "reading" modal at once and fills it in when it arrives.
 */

const CONFIG_COMMAND = 'config';
/** Past this, the modal opens empty and is filled in later: the trigger_id expires at 3 s. */
const LOADING_MODAL_AFTER_MS = 1_000;

/** The server whose form the line asks for, when it does: `config <server>`, no key, no --share. */
export function configFormTarget(ctx: SlackContext, actor: Actor, line: string): string | undefined {
  try {
    const found = ctx.app.catalog.resolve(tokenize(line));
    if (found?.command.name !== CONFIG_COMMAND) return undefined;
    if (!canRun(actor, found.command, ctx.app.config.access)) return undefined;
    const { args, share } = bindArgs(found.command, found.rest);
    return !share && asksNoChange(args as ConfigArgs) ? String(args.server) : undefined;
  } catch {
    // Not a well-formed config line: the router answers it like any other.
    return undefined;
  }
}

export interface ConfigFormRequest {
  serverRef: string;
  triggerId: string;
  conversation: SlackConversation & { channelId: string };
}

export async function openConfigForm(ctx: SlackContext, request: ConfigFormRequest): Promise<void> {
  const { client, channelId } = request.conversation;
  const loading = loadConfigForm(ctx.app, request.serverRef);
  const early = await settledWithin(loading, LOADING_MODAL_AFTER_MS);
  const tell = (error: unknown) =>
    new SlackResponder(request.conversation).send(failureReply(error, ctx.log, 'opening the config form'));
  try {
    if (early?.ok) {
      await client.views.open({ trigger_id: request.triggerId, view: configModal(early.value, channelId) });
    } else if (early) {
      await tell(early.error);
    } else {
      await openThenFillIn(ctx, request, loading);
    }
  } catch (error) {
    await tell(formUnavailable(error, request.serverRef));
  }
}

async function openThenFillIn(ctx: SlackContext, request: ConfigFormRequest, loading: Promise<ConfigForm>) {
  const { client, channelId } = request.conversation;
  const opened = await client.views.open({
    trigger_id: request.triggerId,
    view: loadingModal(request.serverRef),
  });
  await fillIn(ctx, client, opened.view?.id, await settle(loading), channelId);
}

async function fillIn(
  ctx: SlackContext,
  client: WebClient,
  viewId: string | undefined,
  loaded: Settled<ConfigForm>,
  channelId: string,
): Promise<void> {
  if (!viewId) throw new Error('views.open answered without a view id');
  const view = loaded.ok
    ? configModal(loaded.value, channelId)
    : messageModal(failureReply(loaded.error, ctx.log, 'reading the config'));
  await client.views.update({ view_id: viewId, view });
}

/** Slack would not show the form: say so, and how to change the config without it. */
function formUnavailable(error: unknown, serverRef: string): unknown {
  const code = slackErrorCode(error);
  if (code === undefined) return error;
  return new UserError(
    `Slack would not open the config form (${code}).`,
    `Change the config with keys instead: /cx config ${serverRef} key=value (see /cx help config).`,
  );
}
