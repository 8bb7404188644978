import type { Reply } from '../render/reply.js';

export type Surface = 'slack' | 'discord' | 'console';

/** Who is asking. `roles` holds platform groups the person is in (Discord role ids, Slack user group ids). */
export interface Actor {
  surface: Surface;
  id: string;
  name: string;
  roles: string[];
}

/** A user's gesture, turned by a platform into the one shape the router takes. */
export interface Invocation {
  actor: Actor;
  /** Where it was typed or clicked (channel id), when the platform has one. */
  channelId?: string;
  /** The command line without the leading "/cx", e.g. "restart ams-sw-1". */
  text: string;
  /**
   * Already-typed arguments (Discord options), keyed by argument name; merged over what `text`
   * gives. `text` then holds just the command name.
   */
  options?: Record<string, unknown>;
  /** The message a button click came from, so the router can edit that card. */
  sourceMessage?: string;
}

/**
 * How the router talks back. `send` posts a new message and returns its reference (or undefined
 * when the platform cannot edit it later); `edit` replaces a message posted earlier.
 */
export interface Responder {
  send(reply: Reply): Promise<string | undefined>;
  edit(messageRef: string, reply: Reply): Promise<void>;
}
