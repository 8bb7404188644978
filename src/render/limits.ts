import type { z } from 'zod';
import type { Column, Inline, MentionRef } from './reply.js';

/**
 * What the Block Kit and Discord renderers share to keep a reply inside a platform's limits:
 * cutting text only where the markup stays whole, laying tables out in monospace, and saying
 * what did not fit. Lengths are JavaScript string lengths (UTF-16 units), which never undercount
 * what the platforms count.
 */

const ELLIPSIS = '…';

/** `text` cut to `max` characters, ending with an ellipsis when cut, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - ELLIPSIS.length;
  const beforeCut = text.charCodeAt(cut - 1);
  if (beforeCut >= 0xd800 && beforeCut <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + ELLIPSIS;
}

/**
 * `render(raw)` for the longest prefix of `raw` whose rendering fits `max` (rendering may grow the
 * text, as escaping does), so a cut never splits an entity or a markup pair.
 */
export function fitRendered(raw: string, render: (raw: string) => string, max: number): string {
  let rendered = render(raw);
  let keep = raw.length;
  while (rendered.length > max && keep > 0) {
    keep = Math.min(keep - 1, Math.floor((keep * max) / rendered.length));
    rendered = render(truncate(raw, keep));
  }
  return rendered.length <= max ? rendered : '';
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Greedy packing of tokens (each at most `limit` long) into as few strings of at most `limit` as possible. */
export function packTokens(tokens: readonly string[], limit: number): string[] {
  const packed: string[] = [];
  let current = '';
  for (const token of tokens) {
    if (current && current.length + token.length > limit) {
      packed.push(current);
      current = '';
    }
    current += token;
  }
  if (current) packed.push(current);
  return packed;
}

/** How a platform writes each kind of inline span. `escape` makes literal text show as typed. */
export interface InlineDialect {
  escape(literal: string): string;
  bold(text: string): string;
  code(text: string): string;
  mention(ref: MentionRef): string;
  time(unixSeconds: number, style: TimeStyle, fallback: string): string;
}

export type TimeStyle = 'relative' | 'datetime' | 'time';

/**
 * Inline spans rendered as tokens no longer than `limit`: literal text breaks after whitespace
 * (a very long word breaks anywhere), every other span stays whole, so text packed from these
 * tokens can be split between tokens without breaking markup.
 */
export function inlineTokens(parts: readonly Inline[], dialect: InlineDialect, limit: number): string[] {
  return parts.flatMap((part): string[] => {
    if (typeof part === 'string') return literalTokens(part, dialect.escape, limit);
    if ('bold' in part) return [fitRendered(part.bold, dialect.bold, limit)];
    if ('code' in part) return [fitRendered(part.code, dialect.code, limit)];
    if ('mention' in part) {
      const { mention } = part;
      return [fitRendered(mention.name, (name) => dialect.mention({ ...mention, name }), limit)];
    }
    const ms = Date.parse(part.time);
    if (Number.isNaN(ms)) return literalTokens(part.time, dialect.escape, limit);
    return [dialect.time(Math.floor(ms / 1000), part.style, utcText(ms, part.style))];
  });
}

/** Readable UTC text of a moment, where a platform cannot show the viewer's own time zone. */
function utcText(ms: number, style: TimeStyle): string {
  const iso = new Date(ms).toISOString();
  const clock = `${iso.slice(11, 16)} UTC`;
  return style === 'time' ? clock : `${iso.slice(0, 10)} ${clock}`;
}

function literalTokens(raw: string, escapeLiteral: (literal: string) => string, limit: number): string[] {
  const words = raw.match(/\S+\s*|\s+/g) ?? [];
  return words.flatMap((word) => {
    const escaped = escapeLiteral(word);
    return escaped.length <= limit ? [escaped] : hardSplit(word, escapeLiteral, limit);
  });
}

/** A word too long for one token, cut between code points so each escaped piece fits. */
function hardSplit(word: string, escapeLiteral: (literal: string) => string, limit: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && escapeLiteral(piece + char).length > limit) {
      pieces.push(escapeLiteral(piece));
      piece = '';
    }
    piece += char;
  }
  if (piece) pieces.push(escapeLiteral(piece));
  return pieces;
}

const EMOJI = /\p{Emoji_Presentation}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;
/** Marks (variation selectors among them), controls, format characters and skin tones add no width. */
const ZERO_WIDTH = /\p{M}|\p{Cc}|\p{Cf}|[\u{1F3FB}-\u{1F3FF}]/u;
const ZWJ = 0x200d;
const EMOJI_STYLE = 0xfe0f;
const isRegionalIndicator = (code: number) => code >= 0x1f1e6 && code <= 0x1f1ff;

/**
 * Columns a string takes in a monospace font: emoji and East Asian wide characters take two.
 * Walks code points rather than grapheme clusters (Intl.Segmenter is slow for 5,000-cell tables),
 * folding in what joins a cluster: what a joiner joins, and the second letter of a flag.
 */
export function displayWidth(text: string): number {
  let width = 0;
  let previous = '';
  let afterJoiner = false;
  let flagOpen = false;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const flagLetter = isRegionalIndicator(code);
    if (flagLetter) width += flagOpen ? 0 : 2;
    else if (!afterJoiner) width += codePointWidth(char, code, previous);
    flagOpen = flagLetter && !flagOpen;
    afterJoiner = code === ZWJ;
    previous = char;
  }
  return width;
}

/** The emoji-style selector after a text-style symbol such as ⚠ draws it as a two-column emoji. */
function codePointWidth(char: string, code: number, previous: string): number {
  if (code < 0x300) return code < 0x20 || (code >= 0x7f && code < 0xa0) ? 0 : 1;
  if (code === EMOJI_STYLE) return PICTOGRAPH.test(previous) && !EMOJI.test(previous) ? 1 : 0;
  if (ZERO_WIDTH.test(char)) return 0;
  return EMOJI.test(char) || WIDE.test(char) ? 2 : 1;
}

export interface TableLines {
  header: string;
  rows: string[];
}

const COLUMN_GAP = '  ';

/**
 * A table as aligned monospace lines. Cells become one line each, and backticks become a look-alike
 * so a cell can never close the code fence the table is shown in.
 */
export function layoutTable(columns: readonly Column[], rows: readonly (readonly string[])[]): TableLines {
  const count = rows.reduce((widest, row) => Math.max(widest, row.length), columns.length);
  const clean = (cell: string | undefined) => (cell ?? '').replace(/\s*\n\s*/g, ' ').replaceAll('`', 'ˋ');
  const labels = Array.from({ length: count }, (_, i) => clean(columns[i]?.label));
  const cells = rows.map((row) => Array.from({ length: count }, (_, i) => clean(row[i])));
  const widths = labels.map((label, i) =>
    cells.reduce((widest, row) => Math.max(widest, displayWidth(row[i]!)), displayWidth(label)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => {
        const padding = ' '.repeat(widths[i]! - displayWidth(value));
        return columns[i]?.align === 'right' ? padding + value : value + padding;
      })
      .join(COLUMN_GAP)
      .trimEnd();
  return { header: line(labels), rows: cells.map(line) };
}

/** Longest table line a renderer sends: far wider than any chat window, short enough to always fit. */
export const TABLE_LINE_MAX = 1_000;

/** How many lines from `start` fit in `room` characters, each costing its length plus a newline. */
export function linesThatFit(lines: readonly string[], start: number, room: number): number {
  let used = 0;
  let count = 0;
  for (let i = start; i < lines.length; i++) {
    used += lines[i]!.length + 1;
    if (used > room) break;
    count += 1;
  }
  return count;
}

/** A code fence around lines: the framing costs FENCE_OVERHEAD characters beyond the lines' own. */
export const fence = (lines: readonly string[]): string => `\`\`\`\n${lines.join('\n')}\n\`\`\``;
export const FENCE_OVERHEAD = 7;

/** What a renderer had to leave out of a message. */
export interface Hidden {
  rows: number;
  blocks: number;
  buttons: number;
}

export const DEFAULT_OVERFLOW_HINT = 'Narrow the request (a filter or a page) to see the rest.';

const counted = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "Not shown: 460 table rows and 5 buttons (too much for one Slack message). <hint>", or undefined. */
export function describeHidden(hidden: Hidden, platform: string, hint: string): string | undefined {
  const parts = [
    hidden.rows > 0 ? counted(hidden.rows, 'table row') : '',
    hidden.blocks > 0 ? counted(hidden.blocks, 'more block') : '',
    hidden.buttons > 0 ? counted(hidden.buttons, 'button') : '',
  ].filter(Boolean);
  if (parts.length === 0) return undefined;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Not shown: ${list} (too much for one ${platform} message). ${hint}`;
}

/** Every way `value` breaks `schema`, one line each: "blocks[3].text.text: Too big: ...". */
export function schemaProblems(schema: z.ZodType, value: unknown, where: string): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
    return `${where}${path}: ${issue.message}`;
  });
}
