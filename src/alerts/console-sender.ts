import { randomBytes } from 'node:crypto';
import { renderPlain } from '../render/plain.js';
import type { Reply } from '../render/reply.js';
import type { ChannelSender } from './sender.js';

export interface ConsoleSenderOptions {
  /** Where a message goes; default: a line on stdout. */
  print?(text: string): void;
  /** ANSI colours; default off. */
  color?: boolean;
  width?: number;
}

/**
 * Alerts in the terminal. A terminal cannot change what it printed, so an edit prints the message
 * again under a line naming the one it replaces, and a reply says what it answers.
 */
export class ConsoleSender implements ChannelSender {
  readonly surface = 'console';
  private readonly print: (text: string) => void;
  private readonly render: { color: boolean; width?: number };
  /** Refs are stored in the outbox and may be edited after a restart: they must not repeat across runs. */
  private readonly session = randomBytes(3).toString('hex');
  private sent = 0;
  private readonly titles = new Map<string, string>();

  constructor(options: ConsoleSenderOptions = {}) {
    this.print = options.print ?? ((text) => process.stdout.write(`${text}\n`));
    this.render = { color: options.color ?? false, ...(options.width ? { width: options.width } : {}) };
  }

  async post(_channelId: string, reply: Reply): Promise<string> {
    return this.show(reply, '');
  }

  async edit(_channelId: string, messageRef: string, reply: Reply): Promise<void> {
    const replaced = this.named(messageRef);
    this.titles.set(messageRef, this.titleOf(reply));
    this.print(`↻ Updated, replaces ${replaced}:\n${this.plain(reply)}`);
  }

  async replyTo(_channelId: string, messageRef: string, reply: Reply): Promise<string> {
    return this.show(reply, `↳ In reply to ${this.named(messageRef)}:\n`);
  }

  private show(reply: Reply, lead: string): string {
    const ref = `console-alert-${this.session}-${++this.sent}`;
    this.titles.set(ref, this.titleOf(reply));
    this.print(`${lead}${this.plain(reply)}`);
    return ref;
  }

  private named(ref: string): string {
    const title = this.titles.get(ref);
    return title ? `the alert "${title}" above` : 'an earlier alert';
  }

  private plain(reply: Reply): string {
    return renderPlain(reply, this.render);
  }

  private titleOf(reply: Reply): string {
    return renderPlain(reply, { color: false }).split('\n')[0]!.trim();
  }
}
