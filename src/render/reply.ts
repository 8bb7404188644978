/**
 * The platform-neutral Reply document. Commands build it; `plain.ts`, `blockkit.ts` and `discord.ts`
 * render it. Renderers, not commands, enforce each platform's size limits.
 */

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** Someone to mention: rendered as <@U123> on Slack, <@123> on Discord, @name on the console. */
export interface MentionRef {
  surface: 'slack' | 'discord' | 'console';
  id: string;
  name: string;
}

/** Inline pieces of a text block. A plain string is literal text (renderers escape it). */
export type Inline =
  | string
  | { bold: string }
  | { code: string }
  | { mention: MentionRef }
  /** A moment, shown in the viewer's time zone where the platform can (Slack <!date>, Discord <t:>). */
  | { time: string; style: 'relative' | 'datetime' | 'time' };

export interface Column {
  label: string;
  align?: 'left' | 'right';
}

export interface Button {
  label: string;
  /** The exact command line this button presses, e.g. "/cx confirm 7f3a9c01d2e4b5a6". */
  command: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { kind: 'header'; text: string }
  | { kind: 'text'; text: Inline[] }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  /** Cells are pre-formatted text; rendered as an aligned monospace table. */
  | { kind: 'table'; columns: Column[]; rows: string[][] }
  | { kind: 'context'; text: Inline[] }
  | { kind: 'actions'; buttons: Button[] }
  | { kind: 'divider' };

export interface Reply {
  tone: Tone;
  blocks: Block[];
  /** Only the asker sees it (Slack ephemeral, Discord ephemeral). Read results default to it; cards do not. */
  private?: boolean;
  /** Mention these people in the message (the requester when a job ends). */
  notify?: MentionRef[];
}

export const reply = (tone: Tone, ...blocks: Block[]): Reply => ({ tone, blocks });
export const header = (text: string): Block => ({ kind: 'header', text });
export const text = (...parts: Inline[]): Block => ({ kind: 'text', text: parts });
export const context = (...parts: Inline[]): Block => ({ kind: 'context', text: parts });
export const fields = (entries: Record<string, string>): Block => ({
  kind: 'fields',
  fields: Object.entries(entries).map(([label, value]) => ({ label, value })),
});
export const table = (columns: (string | Column)[], rows: string[][]): Block => ({
  kind: 'table',
  columns: columns.map((c) => (typeof c === 'string' ? { label: c } : c)),
  rows,
});
export const actions = (...buttons: Button[]): Block => ({ kind: 'actions', buttons });
export const divider = (): Block => ({ kind: 'divider' });

/** A one-line error reply: what was wrong, and what to type instead. */
export function problem(message: string, hint?: string): Reply {
  const blocks: Block[] = [text(message)];
  if (hint) blocks.push(context(hint));
  return { tone: 'danger', blocks, private: true };
}
