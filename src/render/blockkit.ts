import type { ContextBlock, KnownBlock, Button as SlackButton } from '@slack/types';
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
  type TimeStyle,
  truncate,
} from './limits.js';
import type { Block, Button, Inline, MentionRef, Reply, Tone } from './reply.js';

/** Slack Block Kit limits (docs.slack.dev/reference/block-kit), and the few we keep tighter. */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3_000,
  fieldsPerSection: 10,
  fieldText: 2_000,
  contextElements: 10,
  contextText: 3_000,
  actionsElements: 25,
  buttonLabel: 75,
  actionId: 255,
  /** Slack allows 2,000; a command line longer than 255 is a bug on our side. */
  buttonValue: 255,
  blockId: 255,
  /** Slack's top-level `text` holds 40,000; ours is a notification line. */
  fallbackText: 3_000,
  messageText: 40_000,
} as const;
const LIMITS = BLOCK_KIT_LIMITS;

/** Every button this renderer makes has an action id like "cx:3": platform adapters listen for these. */
export const SLACK_ACTION_ID = /^cx:\d+$/;

export interface SlackMessage {
  /** Notification and screen-reader fallback (Slack's top-level `text`). */
  text: string;
  blocks: KnownBlock[];
}

export interface BlockKitOptions {
  /** How to see what did not fit, ending the "Not shown" line of an oversized reply. */
  overflowHint?: string;
}

/** Slack blocks have no colour (colour lives on legacy attachments), so the tone leads the first line. */
const TONE_MARK: Record<Tone, string> = {
  neutral: '',
  info: 'ℹ️',
  success: '✅',
  warning: '⚠️',
  danger: '🔴',
};

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeMrkdwn = (literal: string) => literal.replace(/[&<>]/g, (c) => ENTITIES[c]!);

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
const DATE_TOKENS: Record<TimeStyle, string> = {
  relative: '{ago}',
  datetime: '{date_short_pretty} {time}',
  time: '{time}',
};

/** mrkdwn has no escape for * and `, so inside bold and code they become look-alikes. */
const mrkdwn: InlineDialect = {
  escape: escapeMrkdwn,
  bold: (text) => {
    const inner = escapeMrkdwn(text.replaceAll('*', '∗')).trim();
    return inner ? `*${inner}*` : '';
  },
  code: (text) => {
    const inner = escapeMrkdwn(text.replaceAll('`', 'ˋ'));
    return inner.trim() ? `\`${inner}\`` : '';
  },
  mention: (ref) =>
    ref.surface === 'slack' && SLACK_USER_ID.test(ref.id) ? `<@${ref.id}>` : escapeMrkdwn(`@${ref.name}`),
  time: (unixSeconds, style, fallback) => `<!date^${unixSeconds}^${DATE_TOKENS[style]}|${fallback}>`,
};

/** mrkdwn text cut into pieces of at most `limit`, breaking only between spans or words. */
function mrkdwnPieces(parts: readonly Inline[], limit: number): string[] {
  return packTokens(inlineTokens(parts, mrkdwn, limit), limit)
    .map((piece, i) => (i === 0 ? piece : piece.trimStart()).trimEnd())
    .filter(Boolean);
}

/** A rendered block; `kept` blocks (buttons, mentions) survive when a long reply is cut. */
interface Piece {
  block: KnownBlock;
  rows: number;
  kept: boolean;
}

const body = (block: KnownBlock, rows = 0): Piece => ({ block, rows, kept: false });
const mrkdwnText = (text: string) => ({ type: 'mrkdwn' as const, text });
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A Reply as a Slack message for chat.postMessage, chat.update or respond(). Throws when a button's
 * command line is empty or longer than BLOCK_KIT_LIMITS.buttonValue: that is a bug in the command.
 */
export function renderBlockKit(reply: Reply, options: BlockKitOptions = {}): SlackMessage {
  const blocks = withToneMark(reply.blocks, TONE_MARK[reply.tone]);
  let buttonIndex = 0;
  const nextActionId = () => `cx:${buttonIndex++}`;
  const pieces = blocks.flatMap((block) => renderBlock(block, nextActionId));
  const mentions = mentionParts(reply.notify);
  const mentionLine = contextBlock(mentions);
  if (mentionLine) pieces.push({ block: mentionLine, rows: 0, kept: true });
  return {
    text: fallbackText(blocks, mentions),
    blocks: fitBlockCount(pieces, options.overflowHint ?? DEFAULT_OVERFLOW_HINT),
  };
}

function renderBlock(block: Block, nextActionId: () => string): Piece[] {
  switch (block.kind) {
    case 'header': {
      const text = truncate(oneLine(block.text), LIMITS.headerText);
      return text ? [body({ type: 'header', text: { type: 'plain_text', text, emoji: true } })] : [];
    }
    case 'text':
      return mrkdwnPieces(block.text, LIMITS.sectionText).map((text) =>
        body({ type: 'section', text: mrkdwnText(text) }),
      );
    case 'fields':
      return chunk(block.fields, LIMITS.fieldsPerSection).map((group) =>
        body({ type: 'section', fields: group.map((field) => mrkdwnText(fieldText(field))) }),
      );
    case 'table':
      return tableSections(block);
    case 'context': {
      const context = contextBlock(block.text);
      return context ? [body(context)] : [];
    }
    case 'actions':
      return chunk(block.buttons, LIMITS.actionsElements).map((group) => ({
        block: { type: 'actions', elements: group.map((button) => slackButton(button, nextActionId())) },
        rows: 0,
        kept: true,
      }));
    case 'divider':
      return [body({ type: 'divider' })];
  }
}

const FIELD_LABEL_MAX = 256;

function fieldText({ label, value }: { label: string; value: string }): string {
  const name = label.trim() ? `${fitRendered(label, mrkdwn.bold, FIELD_LABEL_MAX)}\n` : '';
  return name + fitRendered(value.trim() ? value : '-', escapeMrkdwn, LIMITS.fieldText - name.length);
}

/** A table as monospace sections of whole rows, each repeating the column labels. */
function tableSections(table: Extract<Block, { kind: 'table' }>): Piece[] {
  const layout = layoutTable(table.columns, table.rows);
  const line = (raw: string) => fitRendered(raw, escapeMrkdwn, TABLE_LINE_MAX);
  const header = line(layout.header);
  const rows = layout.rows.map(line);
  const room = LIMITS.sectionText - FENCE_OVERHEAD - (header.length + 1);
  const section = (lines: string[]): Piece =>
    body({ type: 'section', text: mrkdwnText(fence([header, ...lines])), expand: true }, lines.length);
  if (rows.length === 0) return [section([])];
  const pieces: Piece[] = [];
  for (let start = 0; start < rows.length; ) {
    const count = linesThatFit(rows, start, room);
    pieces.push(section(rows.slice(start, start + count)));
    start += count;
  }
  return pieces;
}

function contextBlock(parts: readonly Inline[]): ContextBlock | undefined {
  const elements = mrkdwnPieces(parts, LIMITS.contextText).slice(0, LIMITS.contextElements).map(mrkdwnText);
  return elements.length > 0 ? { type: 'context', elements } : undefined;
}

function slackButton(button: Button, actionId: string): SlackButton {
  const command = button.command.trim();
  if (!command || command.length > LIMITS.buttonValue) {
    throw new Error(
      `Button "${button.label}" presses a command line of ${command.length} characters; a Slack button holds 1 to ${LIMITS.buttonValue}.`,
    );
  }
  return {
    type: 'button',
    text: {
      type: 'plain_text',
      text: truncate(oneLine(button.label) || command, LIMITS.buttonLabel),
      emoji: true,
    },
    action_id: actionId,
    value: command,
    ...(button.style ? { style: button.style } : {}),
  };
}

/** The command line a clicked button presses, from the action's `value`; undefined when it carries none. */
export function buttonCommand(value: string | undefined): string | undefined {
  const command = value?.trim();
  return command && command.length <= LIMITS.buttonValue ? command : undefined;
}

const EMOJI_FIRST = /^\s*\p{Extended_Pictographic}/u;

/** The tone mark on the first header or text block, unless that already starts with an emoji. */
function withToneMark(blocks: readonly Block[], mark: string): Block[] {
  const at = blocks.findIndex((block) => block.kind === 'header' || block.kind === 'text');
  const target = blocks[at];
  if (!mark || !target) return [...blocks];
  if (target.kind === 'header' && !EMOJI_FIRST.test(target.text)) {
    return blocks.with(at, { kind: 'header', text: `${mark} ${target.text}` });
  }
  if (target.kind === 'text') {
    const first = target.text[0];
    if (typeof first !== 'string' || !EMOJI_FIRST.test(first)) {
      return blocks.with(at, { kind: 'text', text: [`${mark} `, ...target.text] });
    }
  }
  return [...blocks];
}

function mentionParts(notify: readonly MentionRef[] | undefined): Inline[] {
  return (notify ?? []).flatMap((mention, i): Inline[] => (i === 0 ? [{ mention }] : [' ', { mention }]));
}

/** Mentions first (so they notify), then the first thing the reply says. */
function fallbackText(blocks: readonly Block[], mentions: readonly Inline[]): string {
  const summary =
    blocks.map(summaryOf).find((parts) => mrkdwnPieces(parts, LIMITS.fallbackText).length > 0) ?? [];
  const parts =
    mentions.length > 0 && summary.length > 0 ? [...mentions, ' ', ...summary] : [...mentions, ...summary];
  return mrkdwnPieces(parts, LIMITS.fallbackText)[0] ?? '';
}

function summaryOf(block: Block): Inline[] {
  switch (block.kind) {
    case 'header':
      return [block.text];
    case 'text':
    case 'context':
      return block.text;
    case 'fields':
      return block.fields.map((field, i) => `${i ? ', ' : ''}${field.label}: ${field.value}`);
    case 'table':
      return [block.columns.map((column) => column.label).join(' · ')];
    case 'actions':
      return [block.buttons.map((button) => button.label).join(' · ')];
    case 'divider':
      return [];
  }
}

/**
 * At most BLOCK_KIT_LIMITS.blocksPerMessage blocks. Past that the body is cut and a context line
 * says what is missing; buttons and mentions are kept, so paging buttons still offer the rest.
 */
function fitBlockCount(pieces: Piece[], hint: string): KnownBlock[] {
  const max = LIMITS.blocksPerMessage;
  if (pieces.length <= max) return pieces.map((piece) => piece.block);
  const kept = pieces.filter((piece) => piece.kept);
  const room = Math.max(0, max - 1 - kept.length);
  const shown = [...pieces.filter((piece) => !piece.kept).slice(0, room), ...kept.slice(0, max - 1 - room)];
  const hidden = hiddenIn(pieces.filter((piece) => !shown.includes(piece)));
  const note = contextBlock([describeHidden(hidden, 'Slack', hint) ?? '']);
  const shownBody = shown.filter((piece) => !piece.kept).map((piece) => piece.block);
  const shownKept = shown.filter((piece) => piece.kept).map((piece) => piece.block);
  return [...shownBody, ...(note ? [note] : []), ...shownKept];
}

function hiddenIn(pieces: readonly Piece[]): Hidden {
  const hidden: Hidden = { rows: 0, blocks: 0, buttons: 0 };
  for (const { block, rows } of pieces) {
    if (rows > 0) hidden.rows += rows;
    else if (block.type === 'actions') hidden.buttons += block.elements.length;
    else hidden.blocks += 1;
  }
  return hidden;
}

const plainText = (max: number) =>
  z.strictObject({
    type: z.literal('plain_text'),
    text: z.string().min(1).max(max),
    emoji: z.boolean().optional(),
  });
const textObject = (max: number) =>
  z.discriminatedUnion('type', [
    plainText(max),
    z.strictObject({
      type: z.literal('mrkdwn'),
      text: z.string().min(1).max(max),
      verbatim: z.boolean().optional(),
    }),
  ]);
const blockId = z.string().min(1).max(LIMITS.blockId).optional();

const ButtonShape = z.strictObject({
  type: z.literal('button'),
  text: plainText(LIMITS.buttonLabel),
  action_id: z.string().min(1).max(LIMITS.actionId),
  value: z.string().max(LIMITS.buttonValue).optional(),
  style: z.enum(['primary', 'danger']).optional(),
});

const BLOCK_SHAPES: Record<string, z.ZodType> = {
  header: z.strictObject({
    type: z.literal('header'),
    block_id: blockId,
    text: plainText(LIMITS.headerText),
  }),
  section: z
    .strictObject({
      type: z.literal('section'),
      block_id: blockId,
      text: textObject(LIMITS.sectionText).optional(),
      fields: z.array(textObject(LIMITS.fieldText)).min(1).max(LIMITS.fieldsPerSection).optional(),
      expand: z.boolean().optional(),
    })
    .refine(
      (section) => section.text !== undefined || section.fields !== undefined,
      'a section needs text or fields',
    ),
  context: z.strictObject({
    type: z.literal('context'),
    block_id: blockId,
    elements: z.array(textObject(LIMITS.contextText)).min(1).max(LIMITS.contextElements),
  }),
  actions: z.strictObject({
    type: z.literal('actions'),
    block_id: blockId,
    elements: z.array(ButtonShape).min(1).max(LIMITS.actionsElements),
  }),
  divider: z.strictObject({ type: z.literal('divider'), block_id: blockId }),
};

const MessageShape = z
  .looseObject({
    text: z.string().max(LIMITS.messageText).optional(),
    blocks: z
      .array(z.looseObject({ type: z.string() }))
      .max(LIMITS.blocksPerMessage)
      .optional(),
  })
  .refine(
    (message) => Boolean(message.text) || (message.blocks?.length ?? 0) > 0,
    'a message needs text or blocks',
  );

/**
 * Every Block Kit limit a message breaks, one line each; empty when Slack would accept it. Takes
 * any value (a renderBlockKit result, or a payload a Slack stand-in received) and checks the block
 * kinds Switchboard renders; any other kind is reported.
 */
export function checkBlockKitLimits(message: unknown): string[] {
  const problems = schemaProblems(MessageShape, message, 'message');
  const blocks =
    typeof message === 'object' && message !== null ? (message as { blocks?: unknown }).blocks : undefined;
  if (!Array.isArray(blocks)) return problems;
  const seen = { actionIds: new Set<string>(), blockIds: new Set<string>() };
  blocks.forEach((block: { type?: unknown; block_id?: unknown; elements?: unknown }, i) => {
    const where = `blocks[${i}]`;
    const shape = typeof block?.type === 'string' ? BLOCK_SHAPES[block.type] : undefined;
    if (!shape) {
      problems.push(`${where}: type ${JSON.stringify(block?.type)} is not one Switchboard renders`);
      return;
    }
    problems.push(...schemaProblems(shape, block, where));
    problems.push(...duplicate(seen.blockIds, block.block_id, `${where}.block_id`));
    if (block.type === 'actions' && Array.isArray(block.elements)) {
      block.elements.forEach((element: { action_id?: unknown }, j) => {
        problems.push(...duplicate(seen.actionIds, element?.action_id, `${where}.elements[${j}].action_id`));
      });
    }
  });
  return problems;
}

function duplicate(seen: Set<string>, id: unknown, where: string): string[] {
  if (typeof id !== 'string') return [];
  if (seen.has(id)) return [`${where}: ${JSON.stringify(id)} is used twice in one message`];
  seen.add(id);
  return [];
}
