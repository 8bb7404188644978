import { relativeTime } from './format.js';
import type { Block, Button, Column, Inline, Reply, Tone } from './reply.js';

/** The console's renderer: aligned text, with ANSI styles only when `color` is on (the layout never changes). */

export interface PlainOptions {
  color: boolean;
  /** Terminal columns: text and context lines wrap to it. */
  width?: number;
  /** For relative times ("in 3 days"); defaults to the current time. */
  now?: Date;
}

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

const SGR: Record<Style, string> = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' };

const TONE_STYLE: Record<Tone, Style | undefined> = {
  neutral: undefined,
  info: 'cyan',
  success: 'green',
  warning: 'yellow',
  danger: 'red',
};

const BUTTON_STYLE: Record<NonNullable<Button['style']>, Style> = { primary: 'green', danger: 'red' };

const DIVIDER_WIDTH = 40;
const COLUMN_GAP = '  ';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the ANSI escape is the point
const ANSI = /\u001b\[[0-9;]*m/g;
/** Control characters other than newline: an alias or a reason must not drive the terminal. */
const CONTROL = /(?![\n])\p{Cc}/gu;
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const graphemes = new Intl.Segmenter();

/** Columns one grapheme takes in a terminal: emoji and East Asian wide characters take two. */
function graphemeWidth(grapheme: string): number {
  if (/^[\p{Mn}\p{Cf}]+$/u.test(grapheme)) return 0;
  if (
    /\p{Emoji_Presentation}/u.test(grapheme) ||
    (grapheme.includes('\ufe0f') && /\p{Emoji}/u.test(grapheme))
  )
    return 2;
  return WIDE.test(grapheme) ? 2 : 1;
}

/** Terminal columns a string takes, ANSI styles excluded (block characters ▏…█░ take one). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text.replace(ANSI, ''))) width += graphemeWidth(segment);
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

const clean = (text: string) => text.replaceAll('\t', ' ').replace(CONTROL, '');

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** Local time: "2024-05-11 11:00", "11:00", or "in 3 days". */
function timeText(iso: string, style: 'relative' | 'datetime' | 'time', now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  if (style === 'relative') return relativeTime(iso, now);
  const clock = `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}`;
  if (style === 'time') return clock;
  return `${at.getFullYear()}-${twoDigits(at.getMonth() + 1)}-${twoDigits(at.getDate())} ${clock}`;
}

class PlainRenderer {
  private readonly now: Date;

  constructor(private readonly options: PlainOptions) {
    this.now = options.now ?? new Date();
  }

  style(text: string, styles: readonly (Style | undefined)[]): string {
    const codes = styles.filter((s) => s !== undefined).map((s) => SGR[s]);
    if (!this.options.color || codes.length === 0 || text === '') return text;
    return `\u001b[${codes.join(';')}m${text}\u001b[0m`;
  }

  /** Each part carries the block's base style, so a bold word inside a dim line stays dim around it. */
  inline(parts: readonly Inline[], base: readonly (Style | undefined)[]): string {
    return parts
      .map((part) => {
        if (typeof part === 'string') return this.style(clean(part), base);
        if ('bold' in part) return this.style(clean(part.bold), [...base, 'bold']);
        if ('code' in part) return this.style(clean(part.code), [...base, 'cyan']);
        if ('mention' in part) return this.style(`@${clean(part.mention.name)}`, [...base, 'bold']);
        return this.style(timeText(part.time, part.style, this.now), base);
      })
      .join('');
  }

  /** Greedy word wrap to the terminal width; words longer than a line stay whole. */
  wrap(text: string): string[] {
    const { width } = this.options;
    return text.split('\n').flatMap((line) => {
      if (width === undefined || displayWidth(line) <= width) return [line];
      const lines: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        const candidate = current === '' ? word : `${current} ${word}`;
        if (current !== '' && displayWidth(candidate) > width) {
          lines.push(current);
          current = word;
        } else {
          current = candidate;
        }
      }
      lines.push(current);
      return lines;
    });
  }

  table(columns: readonly Column[], rows: readonly string[][]): string[] {
    const cells = rows.map((row) => columns.map((_, i) => clean(row[i] ?? '').replaceAll('\n', ' ')));
    const labels = columns.map((column) => clean(column.label));
    const widths = columns.map((_, i) =>
      Math.max(displayWidth(labels[i]!), ...cells.map((row) => displayWidth(row[i]!))),
    );
    const line = (row: readonly string[], styles: readonly Style[]) =>
      row
        .map((cell, i) =>
          (columns[i]!.align === 'right' ? padStart : padEnd)(this.style(cell, styles), widths[i]!),
        )
        .join(COLUMN_GAP)
        .trimEnd();
    return [line(labels, ['bold']), ...cells.map((row) => line(row, []))];
  }

  fields(entries: readonly { label: string; value: string }[]): string[] {
    const labelWidth = Math.max(...entries.map((entry) => displayWidth(clean(entry.label)) + 1));
    return entries.flatMap(({ label, value }) => {
      const [first = '', ...more] = clean(value).split('\n');
      const head = `${padEnd(this.style(`${clean(label)}:`, ['bold']), labelWidth)} `;
      const indent = ' '.repeat(labelWidth + 1);
      return [`${head}${first}`.trimEnd(), ...more.map((line) => `${indent}${line}`.trimEnd())];
    });
  }

  /** Each button as the exact line that presses it, commands aligned. */
  buttons(buttons: readonly Button[]): string[] {
    const labels = buttons.map((button) => `[${clean(button.label)}]`);
    const width = Math.max(...labels.map(displayWidth));
    return buttons.map((button, i) => {
      const label = this.style(labels[i]!, [button.style && BUTTON_STYLE[button.style]]);
      return `${padEnd(label, width)} ${clean(button.command)}`;
    });
  }

  block(block: Block, toneStyle: Style | undefined): string[] {
    switch (block.kind) {
      case 'header':
        return [this.style(clean(block.text), ['bold', toneStyle])];
      case 'text':
        return this.wrap(this.inline(block.text, [toneStyle]));
      case 'context':
        return this.wrap(this.inline(block.text, ['dim']));
      case 'fields':
        return block.fields.length > 0 ? this.fields(block.fields) : [];
      case 'table':
        return this.table(block.columns, block.rows);
      case 'actions':
        return block.buttons.length > 0 ? this.buttons(block.buttons) : [];
      case 'divider':
        return [
          this.style('─'.repeat(Math.min(this.options.width ?? DIVIDER_WIDTH, DIVIDER_WIDTH)), ['dim']),
        ];
    }
  }

  reply(reply: Reply): string {
    const lines: string[] = [];
    if (reply.notify?.length)
      lines.push(reply.notify.map((who) => this.style(`@${clean(who.name)}`, ['bold'])).join(' '));
    // The tone colours the header; a reply without one (an error line) colours its first text.
    let toneStyle = TONE_STYLE[reply.tone];
    const headed = reply.blocks.some((block) => block.kind === 'header');
    for (const block of reply.blocks) {
      const tinted = block.kind === 'header' || (!headed && block.kind === 'text');
      lines.push(...this.block(block, tinted ? toneStyle : undefined));
      if (tinted) toneStyle = undefined;
    }
    return lines.join('\n');
  }
}

export function renderPlain(reply: Reply, options: PlainOptions): string {
  return new PlainRenderer(options).reply(reply);
}
