import { request } from 'undici';
import { z } from 'zod';
import { type ChannelSender, DeliveryError } from '../../alerts/sender.js';
import { renderDiscord } from '../../render/discord.js';
import type { Reply } from '../../render/reply.js';
import { deliveryErrorFor } from './delivery.js';
import { restBody } from './messages.js';

const WHAT = 'Discord webhook';
const TIMEOUT_MS = 10_000;
const WEBHOOK_PATH = /\/webhooks\/\d+\/[\w-]+$/;

const PostedMessage = z.looseObject({ id: z.string().min(1) });
/** Discord's 429 body: `retry_after` in seconds, with a fraction. */
const RateLimited = z.looseObject({ retry_after: z.number().nonnegative() });
const ErrorBody = z.looseObject({ message: z.string() });

/** The webhook URL, checked once; the message never quotes it, as its token is a credential. */
function webhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `${WHAT}: DISCORD_WEBHOOK_URL is not a URL; copy it from Channel ▸ Integrations ▸ Webhooks`,
    );
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  if (!WEBHOOK_PATH.test(url.pathname)) {
    throw new Error(
      `${WHAT}: DISCORD_WEBHOOK_URL does not look like a webhook URL (…/api/webhooks/<id>/<token>); copy it from Channel ▸ Integrations ▸ Webhooks`,
    );
  }
  return url;
}

function retryAfterMs(body: unknown, header: string | string[] | undefined): number | undefined {
  const parsed = RateLimited.safeParse(body);
  if (parsed.success) return Math.ceil(parsed.data.retry_after * 1000);
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

async function call(
  method: 'POST' | 'PATCH',
  url: URL,
  reply: Reply,
  use: 'post' | 'edit',
): Promise<unknown> {
  // A channel webhook not owned by an application cannot carry buttons: alerts go without them.
  const { components: _buttons, ...body } = restBody(renderDiscord(reply), use);
  let answer: Awaited<ReturnType<typeof request>>;
  try {
    answer = await request(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
  } catch (error) {
    const reason =
      (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'unknown error');
    throw new DeliveryError(`${WHAT}: Discord could not be reached (${reason})`);
  }
  const json = parseJson(await answer.body.text());
  if (answer.statusCode >= 200 && answer.statusCode < 300) return json;
  const detail = ErrorBody.safeParse(json).data?.message ?? '';
  throw deliveryErrorFor(WHAT, answer.statusCode, detail, retryAfterMs(json, answer.headers['retry-after']));
}

/**
 * Alerts for teams that want them without a bot: posted through a channel webhook with
 * `?wait=true` (so Discord answers with the message id) and edited in place by that id. A 429
 * becomes a DeliveryError with Discord's retry_after; a webhook that is gone (404) or refused
 * (401/403) is permanent. A webhook cannot reply to a message, so a reply is a message of its own.
 */
export function webhookSender(url: string): ChannelSender {
  const base = webhookUrl(url);
  const at = (path: string, query: Record<string, string>) => {
    const target = new URL(base);
    target.pathname += path;
    for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
    return target;
  };
  const post = async (reply: Reply) => {
    const parsed = PostedMessage.safeParse(await call('POST', at('', { wait: 'true' }), reply, 'post'));
    if (!parsed.success) throw new DeliveryError(`${WHAT}: the answer had no message id`);
    return parsed.data.id;
  };
  return {
    surface: 'discord-webhook',
    post: (_channelId, reply) => post(reply),
    replyTo: (_channelId, _messageRef, reply) => post(reply),
    async edit(_channelId, messageRef, reply) {
      if (!/^\d+$/.test(messageRef))
        throw new DeliveryError(`${WHAT}: "${messageRef}" is not a message id`, { permanent: true });
      await call('PATCH', at(`/messages/${messageRef}`, {}), reply, 'edit');
    },
  };
}
