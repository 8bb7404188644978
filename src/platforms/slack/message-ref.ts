import { z } from 'zod';

/**
 * How a Slack message is named in approvals and the audit log: "C0123ABCD:1712345678.000200",
 * its channel and ts, which is all chat.update needs. Channel ids hold no colon.
 */

const MessageRef = z.string().regex(/^[A-Z0-9]+:\d+\.\d+$/);

export interface SlackMessageAddress {
  channel: string;
  ts: string;
}

export const messageRef = ({ channel, ts }: SlackMessageAddress): string => `${channel}:${ts}`;

/** The channel and ts of a ref this surface made; undefined for anything else (another surface's ref). */
export function parseMessageRef(ref: string): SlackMessageAddress | undefined {
  if (!MessageRef.safeParse(ref).success) return undefined;
  const colon = ref.indexOf(':');
  return { channel: ref.slice(0, colon), ts: ref.slice(colon + 1) };
}
