import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord-api-types/v10';
import { z } from 'zod';
import {
  chunk,
  DEFAULT_OVERFLOW_HINT,
  describeHidden,
  FENCE_OVERHEAD,
  fence,
  fitRendered,
  type Hidden,
  type InlineDialect,
  inlineTokens,
  layoutTable,
  linesThatFit,
  packTokens,
  schemaProblems,
  TABLE_LINE_MAX,
  type TableLines,
  type TimeStyle,
  truncate,
} from './limits.js';
import type { Block, Button, Inline, MentionRef, Reply, Tone } from './reply.js';

/** Discord message limits (discord.com/developers/docs/resources/message, .../components/reference). */
export const DISCORD_LIMITS = {
  content: 2_000,
  embedsPerMessage: 10,
  /** Title, description, field names and values, footer and author text of all embeds together. */
  embedTotal: 6_000,
  title: 256,
  description: 4_096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footerText: 2_048,
  authorName: 256,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
} as const;
const LIMITS = DISCORD_LIMITS;

/** A button's custom_id is this prefix and the command line it presses. */
export const CUSTOM_ID_PREFIX = 'cx:';

export interface DiscordMessage {
  /** Mentions of the people to notify: mentions inside embeds do not notify. */
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Ephemeral for private replies. Edits cannot change it: leave it out of an edit. */
  flags?: MessageFlags.Ephemeral;
}

export interface DiscordOptions {
  /** How to see what did not fit, ending the "Not shown" line of an oversized reply. */
  overflowHint?: string;
}

const TONE_COLOUR: Record<Tone, number> = {
  neutral: 0x99aab5,
  info: 0x3498db,
  success: 0x2ecc71,
  warning: 0xe67e22,
  danger: 0xe74c3c,
};

/**
 * Discord shows a backslash before any punctuation as nothing, so escaping more than the markup
 * characters costs only length: `<` (mentions, timestamps), brackets (masked links) and what
 * opens a heading, subtext or list at the start of a line ("# ", "-# ", "- ") are escaped too.
 */
const escapeMarkdown = (literal: string) =>
  literal.replace(/[\\*_`~|<>[\]]/g, '\\$&').replace(/^([ \t]*)(#{1,3}[ \t]|-#[ \t]|[-+][ \t])/gm, '$1\\$2');

const SNOWFLAKE = /^\d+$/;
const TIMESTAMP_STYLE: Record<TimeStyle, string> = { relative: 'R', datetime: 'f', time: 't' };

const markdown: InlineDialect = {
  escape: escapeMarkdown,
  bold: (text) => {
    const inner = escapeMarkdown(text).trim();
    return inner ? `**${inner}**` : '';
  },
  code: (text) => {
    if (!text.trim()) return '';
    return text.includes('`') ? `\`\` ${text.replaceAll('``', 'ˋˋ')} \`\`` : `\`${text}\``;
  },
  mention: (ref) =>
    ref.surface === 'discord' && SNOWFLAKE.test(ref.id) ? `<@${ref.id}>` : escapeMarkdown(`@${ref.name}`),
  time: (unixSeconds, style) => `<t:${unixSeconds}:${TIMESTAMP_STYLE[style]}>`,
};

/** Embed footers show text as is: no markdown, mentions or timestamps. */
const plain: InlineDialect = {
  escape: (literal) => literal,
  bold: (text) => text,
  code: (text) => text,
  mention: (ref) => `@${ref.name}`,
  time: (_unixSeconds, _style, fallback) => fallback,
};

/** Kept free from the start so the "Not shown" note always fits in the 6,000 characters. */
const NOTE_ROOM = 300;

/**
 * A Reply as a Discord message for interaction replies, follow-ups, edits and channel messages.
 * Throws when a button's command line does not fit a custom_id: that is a bug in the command.
 */
export function renderDiscord(reply: Reply, options: DiscordOptions = {}): DiscordMessage {
  const buttons = reply.blocks.flatMap((block) => (block.kind === 'actions' ? [block.buttons] : []));
  const { rows, hiddenButtons } = actionRows(buttons);
  const writer = new EmbedWriter(LIMITS.embedTotal - NOTE_ROOM);
  reply.blocks.forEach((block, i) => {
    writeBlock(writer, block, reply.blocks.slice(i + 1));
  });
  writer.hidden.buttons += hiddenButtons;
  const note = describeHidden(writer.hidden, 'Discord', options.overflowHint ?? DEFAULT_OVERFLOW_HINT);
  if (note) writer.addNote(truncate(note, NOTE_ROOM - 1));
  const content = mentionContent(reply.notify);
  return {
    ...(content ? { content } : {}),
    embeds: writer.embeds(TONE_COLOUR[reply.tone]),
    components: rows,
    ...(reply.private ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function writeBlock(writer: EmbedWriter, block: Block, rest: readonly Block[]): void {
  switch (block.kind) {
    case 'header':
      writer.addTitle(truncate(block.text.replace(/\s+/g, ' ').trim(), LIMITS.title));
      return;
    case 'text':
      writer.addParagraph(inlineTokens(block.text, markdown, LIMITS.description));
      return;
    case 'fields':
      writer.addFields(block.fields.map(embedField));
      return;
    case 'table':
      writer.addTable(layoutTable(block.columns, block.rows));
      return;
    case 'context':
      writeContext(writer, block.text, rest);
      return;
    case 'divider':
      writer.addBreak();
      return;
    case 'actions':
      return;
  }
}

/**
 * Context goes in the footer when it is plain and last (bar buttons); otherwise it stays in place
 * as a `-# ` subtext line, which also shows mentions and times in the viewer's time zone.
 */
function writeContext(writer: EmbedWriter, parts: readonly Inline[], rest: readonly Block[]): void {
  const flat = parts.map((part) => (typeof part === 'string' ? part.replace(/\s*\n\s*/g, ' ') : part));
  const last = rest.every(
    (block) =>
      block.kind === 'actions' ||
      block.kind === 'divider' ||
      (block.kind === 'context' && isPlain(block.text)),
  );
  if (isPlain(flat) && last) {
    writer.addFooter(inlineTokens(flat, plain, LIMITS.footerText).join('').trim());
  } else {
    writer.addParagraph(['-# ', ...inlineTokens(flat, markdown, LIMITS.description)]);
  }
}

const isPlain = (parts: readonly Inline[]) =>
  parts.every((part) => typeof part === 'string' || 'bold' in part || 'code' in part);

/** Values up to this long sit side by side; longer ones take the embed's width. */
const INLINE_VALUE_MAX = 40;

function embedField({ label, value }: { label: string; value: string }): APIEmbedField {
  const name = truncate(label.replace(/\s+/g, ' ').trim(), LIMITS.fieldName) || '\u200b';
  const shown = fitRendered(value.trim() ? value : '-', escapeMarkdown, LIMITS.fieldValue);
  return { name, value: shown, inline: shown.length <= INLINE_VALUE_MAX && !shown.includes('\n') };
}

interface Draft {
  title?: string;
  lines: string[];
  fields: APIEmbedField[];
  footer?: string;
  /** A divider asked for a blank line before the next line. */
  gap: boolean;
}

const descriptionLength = (draft: Draft) =>
  draft.lines.reduce((sum, line, i) => sum + line.length + (i ? 1 : 0), 0);
const isEmpty = (draft: Draft) =>
  !draft.title && draft.lines.length === 0 && draft.fields.length === 0 && !draft.footer;

/**
 * Lays blocks out over embeds within every size limit, in reading order: a new embed starts when
 * the current one is full, when a header opens a section, or when text follows fields (fields
 * always sit below an embed's description). Once something does not fit, everything after it is
 * counted as hidden instead of shown out of order. Each add method says whether all of it fit.
 */
class EmbedWriter {
  private readonly drafts: Draft[] = [];
  private used = 0;
  private full = false;
  readonly hidden: Hidden = { rows: 0, blocks: 0, buttons: 0 };

  constructor(private readonly budget: number) {}

  addTitle(title: string): boolean {
    if (!title) return true;
    if (this.full) return this.cut();
    const current = this.drafts.at(-1);
    const draft = current && isEmpty(current) ? current : this.open();
    if (!draft || !this.spend(title.length)) return this.cut();
    draft.title = title;
    return true;
  }

  addParagraph(tokens: readonly string[]): boolean {
    if (this.full || (!this.writable() && !this.open())) return this.cut();
    let text = '';
    for (const token of tokens) {
      if (text.length + token.length <= this.lineRoom()) {
        text += token;
        continue;
      }
      this.commitLine(text);
      text = token.trimStart();
      if (!this.open() || text.length > this.lineRoom()) return this.cut();
    }
    this.commitLine(text);
    return true;
  }

  addTable(table: TableLines): boolean {
    if (this.full) return this.cut(table.rows.length);
    const header = truncate(table.header, TABLE_LINE_MAX);
    const rows = table.rows.map((row) => truncate(row, TABLE_LINE_MAX));
    let start = 0;
    do {
      if (!this.writable() && !this.open()) return this.cut(rows.length - start);
      const room = this.lineRoom() - FENCE_OVERHEAD - (header.length + 1);
      const count = linesThatFit(rows, start, room);
      const fits = room >= 0 && (count > 0 || rows.length === 0);
      if (fits) {
        this.commitLine(fence([header, ...rows.slice(start, start + count)]));
        start += count;
      } else if (!this.descriptionStarted() || !this.open()) {
        return this.cut(rows.length - start);
      }
    } while (start < rows.length);
    return true;
  }

  addFields(fields: readonly APIEmbedField[]): boolean {
    if (this.full) return this.cut();
    for (const field of fields) {
      let draft = this.drafts.at(-1);
      if (!draft || draft.fields.length >= LIMITS.fieldsPerEmbed) draft = this.open();
      if (!draft || !this.spend(field.name.length + field.value.length)) return this.cut();
      draft.fields.push(field);
    }
    return true;
  }

  addFooter(text: string): boolean {
    if (!text) return true;
    if (this.full) return this.cut();
    const draft = this.drafts.at(-1) ?? this.open();
    const footer = truncate(draft?.footer ? `${draft.footer}\n${text}` : text, LIMITS.footerText);
    if (!draft || !this.spend(footer.length - (draft.footer?.length ?? 0))) return this.cut();
    draft.footer = footer;
    return true;
  }

  addBreak(): void {
    const draft = this.drafts.at(-1);
    if (draft && draft.lines.length > 0) draft.gap = true;
  }

  /** The note goes in the footer of the last embed, in the room kept for it. */
  addNote(note: string): void {
    const nonEmpty = this.drafts.filter((draft) => !isEmpty(draft));
    const draft = nonEmpty.at(-1) ?? this.newDraft();
    const earlier = draft.footer ? `${truncate(draft.footer, LIMITS.footerText - note.length - 1)}\n` : '';
    draft.footer = earlier + note;
  }

  embeds(color: number): APIEmbed[] {
    return this.drafts.filter((draft) => !isEmpty(draft)).map((draft) => toEmbed(draft, color));
  }

  private open(): Draft | undefined {
    if (this.drafts.length >= LIMITS.embedsPerMessage) return undefined;
    return this.newDraft();
  }

  private newDraft(): Draft {
    const draft: Draft = { lines: [], fields: [], gap: false };
    this.drafts.push(draft);
    return draft;
  }

  /** Whether the last embed can take more description: fields, once there, close it. */
  private writable(): boolean {
    const draft = this.drafts.at(-1);
    return draft !== undefined && draft.fields.length === 0 && !draft.footer;
  }

  private descriptionStarted(): boolean {
    return (this.drafts.at(-1)?.lines.length ?? 0) > 0;
  }

  /** Characters one more description line may take in the last embed, separators included. */
  private lineRoom(): number {
    const draft = this.drafts.at(-1);
    if (!draft) return 0;
    const separator = draft.lines.length === 0 ? 0 : draft.gap ? 2 : 1;
    return Math.min(LIMITS.description - descriptionLength(draft), this.budget - this.used) - separator;
  }

  private commitLine(line: string): void {
    const text = line.trimEnd();
    const draft = this.drafts.at(-1);
    if (!text || !draft) return;
    this.used += text.length + (draft.lines.length === 0 ? 0 : draft.gap ? 2 : 1);
    if (draft.gap) draft.lines.push('');
    draft.gap = false;
    draft.lines.push(text);
  }

  private spend(length: number): boolean {
    if (this.used + length > this.budget) return false;
    this.used += length;
    return true;
  }

  /** Marks the rest of the reply hidden; false, for the add method that could not place its block. */
  private cut(rows = 0): false {
    this.full = true;
    if (rows > 0) this.hidden.rows += rows;
    else this.hidden.blocks += 1;
    return false;
  }
}

function toEmbed(draft: Draft, color: number): APIEmbed {
  const description = draft.lines.join('\n');
  return {
    color,
    ...(draft.title ? { title: draft.title } : {}),
    ...(description ? { description } : {}),
    ...(draft.fields.length > 0 ? { fields: draft.fields } : {}),
    ...(draft.footer ? { footer: { text: draft.footer } } : {}),
  };
}

const BUTTON_STYLE = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger } as const;

/**
 * Buttons in rows of five, one actions block per row group; when that needs more than five rows
 * they are packed tightly. Discord rejects two buttons with one custom_id, so a repeated command
 * shows once.
 */
function actionRows(blocks: readonly (readonly Button[])[]): {
  rows: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  hiddenButtons: number;
} {
  const seen = new Set<string>();
  const firstOfItsCommand = (button: APIButtonComponentWithCustomId) => {
    if (seen.has(button.custom_id)) return false;
    seen.add(button.custom_id);
    return true;
  };
  const groups = blocks.map((buttons) => buttons.map(discordButton).filter(firstOfItsCommand));
  let rows = groups.flatMap((group) => chunk(group, LIMITS.buttonsPerRow));
  if (rows.length > LIMITS.rowsPerMessage) rows = chunk(groups.flat(), LIMITS.buttonsPerRow);
  const shown = rows.slice(0, LIMITS.rowsPerMessage);
  return {
    rows: shown.map((components) => ({ type: ComponentType.ActionRow, components })),
    hiddenButtons: seen.size - shown.flat().length,
  };
}

function discordButton(button: Button): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: button.style ? BUTTON_STYLE[button.style] : ButtonStyle.Secondary,
    label: truncate(button.label.replace(/\s+/g, ' ').trim() || button.command.trim(), LIMITS.buttonLabel),
    custom_id: customIdFor(button),
  };
}

function customIdFor(button: Button): string {
  const command = button.command.trim();
  const customId = CUSTOM_ID_PREFIX + command;
  if (!command || customId.length > LIMITS.customId) {
    throw new Error(
      `Button "${button.label}" presses a command line of ${command.length} characters; a Discord button holds 1 to ${LIMITS.customId - CUSTOM_ID_PREFIX.length}.`,
    );
  }
  return customId;
}

/** The command line a clicked button presses, from its custom_id; undefined for ids that are not ours. */
export function buttonCommand(customId: string): string | undefined {
  if (!customId.startsWith(CUSTOM_ID_PREFIX)) return undefined;
  return customId.slice(CUSTOM_ID_PREFIX.length).trim() || undefined;
}

function mentionContent(notify: readonly MentionRef[] | undefined): string | undefined {
  const tokens = (notify ?? []).map((mention, i) => (i ? ' ' : '') + markdown.mention(mention));
  return packTokens(tokens, LIMITS.content)[0];
}

const EmbedShape = z
  .looseObject({
    title: z.string().max(LIMITS.title).optional(),
    description: z.string().max(LIMITS.description).optional(),
    fields: z
      .array(
        z.looseObject({
          name: z.string().min(1).max(LIMITS.fieldName),
          value: z.string().min(1).max(LIMITS.fieldValue),
          inline: z.boolean().optional(),
        }),
      )
      .max(LIMITS.fieldsPerEmbed)
      .optional(),
    footer: z.looseObject({ text: z.string().min(1).max(LIMITS.footerText) }).optional(),
    author: z.looseObject({ name: z.string().max(LIMITS.authorName) }).optional(),
    color: z.number().int().min(0).max(0xffffff).optional(),
  })
  .refine(
    (embed) => Boolean(embed.title || embed.description || embed.fields?.length || embed.footer),
    'an embed needs a title, description, fields or footer',
  );

const ButtonShape = z.looseObject({
  type: z.literal(ComponentType.Button),
  style: z.enum(ButtonStyle),
  label: z.string().min(1).max(LIMITS.buttonLabel).optional(),
  custom_id: z.string().min(1).max(LIMITS.customId).optional(),
});

const MessageShape = z
  .looseObject({
    content: z.string().max(LIMITS.content).optional(),
    embeds: z.array(EmbedShape).max(LIMITS.embedsPerMessage).optional(),
    components: z
      .array(
        z.looseObject({
          type: z.literal(ComponentType.ActionRow),
          components: z.array(ButtonShape).min(1).max(LIMITS.buttonsPerRow),
        }),
      )
      .max(LIMITS.rowsPerMessage)
      .optional(),
    flags: z.number().int().optional(),
  })
  .refine(
    (message) =>
      Boolean(message.content) || (message.embeds?.length ?? 0) > 0 || (message.components?.length ?? 0) > 0,
    'a message needs content, embeds or components',
  );

type CheckedMessage = z.infer<typeof MessageShape>;

/**
 * Every Discord limit a message breaks, one line each; empty when Discord would accept it. Takes
 * any value: a renderDiscord result, or a body a Discord stand-in received.
 */
export function checkDiscordLimits(message: unknown): string[] {
  const problems = schemaProblems(MessageShape, message, 'message');
  if (problems.length > 0) return problems;
  const { embeds = [], components = [] } = message as CheckedMessage;
  const total = embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
  if (total > LIMITS.embedTotal) {
    problems.push(`message.embeds: ${total} characters across embeds; Discord allows ${LIMITS.embedTotal}`);
  }
  const seen = new Set<string>();
  components.forEach((row, i) => {
    row.components.forEach((button, j) => {
      const id = button.custom_id;
      if (id === undefined) return;
      if (seen.has(id))
        problems.push(`message.components[${i}].components[${j}].custom_id: "${id}" is used twice`);
      seen.add(id);
    });
  });
  return problems;
}

function embedLength(embed: z.infer<typeof EmbedShape>): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}
