import type { Block, Inline, Reply } from '../../src/render/reply.js';

/** Reads a Reply document the way a person reads the rendered message: by labels, not positions. */

type TableBlock = Extract<Block, { kind: 'table' }>;

const inlineText = (part: Inline): string =>
  typeof part === 'string'
    ? part
    : 'bold' in part
      ? part.bold
      : 'code' in part
        ? part.code
        : 'mention' in part
          ? `@${part.mention.name}`
          : part.time;

function blockText(block: Block): string {
  switch (block.kind) {
    case 'header':
      return block.text;
    case 'text':
    case 'context':
      return block.text.map(inlineText).join('');
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'table':
      return [block.columns.map((c) => c.label), ...block.rows].map((row) => row.join(' | ')).join('\n');
    case 'actions':
      return block.buttons.map((b) => `[${b.label}]`).join(' ');
    case 'divider':
      return '---';
  }
}

/** Every word of the reply, one block a line. */
export const textOf = (reply: Reply): string => reply.blocks.map(blockText).join('\n');

export const headerOf = (reply: Reply): string | undefined =>
  reply.blocks.find((b): b is Extract<Block, { kind: 'header' }> => b.kind === 'header')?.text;

export const contextLines = (reply: Reply): string[] =>
  reply.blocks.filter((b) => b.kind === 'context').map(blockText);

export function tables(reply: Reply): TableBlock[] {
  return reply.blocks.filter((b): b is TableBlock => b.kind === 'table');
}

/** The rows of a table as label → cell records. */
export function rowsOf(reply: Reply, index = 0): Record<string, string>[] {
  const found = tables(reply)[index];
  if (!found) throw new Error(`the reply has no table #${index}:\n${textOf(reply)}`);
  return found.rows.map((row) => Object.fromEntries(found.columns.map((c, i) => [c.label, row[i] ?? ''])));
}

/** The row whose `key` column is `value`. */
export function rowWhere(reply: Reply, key: string, value: string, index = 0): Record<string, string> {
  const row = rowsOf(reply, index).find((r) => r[key] === value);
  if (!row) throw new Error(`no row with ${key} = ${value}:\n${textOf(reply)}`);
  return row;
}

/** Field label → value, across every fields block. */
export function fieldsOf(reply: Reply): Record<string, string> {
  return Object.fromEntries(
    reply.blocks.flatMap((b) => (b.kind === 'fields' ? b.fields.map((f) => [f.label, f.value]) : [])),
  );
}

/** Button label → the command line it presses. */
export function buttonsOf(reply: Reply): Record<string, string> {
  return Object.fromEntries(
    reply.blocks.flatMap((b) =>
      b.kind === 'actions' ? b.buttons.map((button) => [button.label, button.command]) : [],
    ),
  );
}
