import { randomBytes } from 'node:crypto';
import type { Responder } from '../../core/invocation.js';
import { type PlainOptions, renderPlain } from '../../render/plain.js';
import type { Reply } from '../../render/reply.js';

export const UPDATE_MARK = '↻';

/**
 * Replies printed to the terminal. A terminal cannot change what it printed, so an edit prints
 * the card again under a line naming the card it replaces.
 */
export class ConsoleResponder implements Responder {
  private sent = 0;
  /** Cards are stored with their ref and may be edited after a restart: refs must not repeat across runs. */
  private readonly session = randomBytes(3).toString('hex');
  private readonly titles = new Map<string, string>();

  constructor(
    private readonly print: (text: string) => void,
    private readonly render: Omit<PlainOptions, 'now'>,
  ) {}

  async send(reply: Reply): Promise<string> {
    const ref = `console-${this.session}-${++this.sent}`;
    this.titles.set(ref, titleOf(reply));
    this.print(renderPlain(reply, this.render));
    return ref;
  }

  async edit(messageRef: string, reply: Reply): Promise<void> {
    const title = this.titles.get(messageRef);
    const replaced = title ? `the card "${title}" above` : 'an earlier card';
    this.print(`${UPDATE_MARK} Updated, replaces ${replaced}:\n${renderPlain(reply, this.render)}`);
  }
}

/** A card's first line, as plain text. */
function titleOf(reply: Reply): string {
  return renderPlain(reply, { color: false }).split('\n')[0]!.trim();
}
