import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBlockKitLimits,
  renderBlockKit,
  buttonCommand as slackButtonCommand,
} from '../../src/render/blockkit.js';
import {
  checkDiscordLimits,
  buttonCommand as discordButtonCommand,
  renderDiscord,
} from '../../src/render/discord.js';
import type { Block, Button, Inline, MentionRef, Reply } from '../../src/render/reply.js';

/** Text made of what breaks renderers: markup characters, entities, emoji, wide letters, newlines. */
const glyph = fc.constantFrom(
  'a',
  'Z',
  '7',
  ' ',
  ' ',
  '\n',
  '&',
  '<',
  '>',
  '*',
  '_',
  '`',
  '~',
  '|',
  '\\',
  '#',
  '-',
  '🟢',
  '⚠',
  'é',
  '中',
  '█',
);
const words = (maxLength: number) => fc.string({ unit: glyph, maxLength, size: 'medium' });

const mention: fc.Arbitrary<MentionRef> = fc.record({
  surface: fc.constantFrom('slack', 'discord', 'console'),
  id: fc.constantFrom('U024BE7LH', '112233445566778899', 'not an id'),
  name: words(40),
});

const inline: fc.Arbitrary<Inline> = fc.oneof(
  { arbitrary: words(400), weight: 4 },
  { arbitrary: words(6_000), weight: 1 },
  fc.record({ bold: words(200) }),
  fc.record({ code: words(200) }),
  fc.record({ mention }),
  fc.record({
    time: fc.oneof(
      fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      words(20),
    ),
    style: fc.constantFrom('relative', 'datetime', 'time'),
  }),
);

const button: fc.Arbitrary<Button> = fc.record({
  label: words(100),
  command: fc
    .string({ unit: fc.constantFrom('a', 'b', '1', '-', ' ', '"'), minLength: 1, maxLength: 90 })
    .map((s) => `/cx ${s}`),
  style: fc.constantFrom(undefined, 'primary', 'danger'),
});

const tableBlock: fc.Arbitrary<Block> = fc.integer({ min: 1, max: 10 }).chain((count) =>
  fc.record({
    kind: fc.constant('table' as const),
    columns: fc.array(fc.record({ label: words(12), align: fc.constantFrom('left', 'right') }), {
      minLength: count,
      maxLength: count,
    }),
    rows: fc.array(fc.array(words(24), { minLength: count, maxLength: count }), {
      maxLength: 400,
      size: 'medium',
    }),
  }),
);

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ kind: fc.constant('header' as const), text: words(300) }),
  fc.record({ kind: fc.constant('text' as const), text: fc.array(inline, { maxLength: 6 }) }),
  fc.record({
    kind: fc.constant('fields' as const),
    fields: fc.array(fc.record({ label: words(60), value: words(2_500) }), { maxLength: 30 }),
  }),
  tableBlock,
  fc.record({ kind: fc.constant('context' as const), text: fc.array(inline, { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('actions' as const), buttons: fc.array(button, { maxLength: 30 }) }),
  fc.constant<Block>({ kind: 'divider' }),
);

const anyReply: fc.Arbitrary<Reply> = fc.record({
  tone: fc.constantFrom('neutral', 'info', 'success', 'warning', 'danger'),
  blocks: fc.array(block, { minLength: 1, maxLength: 60, size: 'medium' }),
  private: fc.boolean(),
  notify: fc.array(mention, { maxLength: 3 }),
});

const commandsOf = (reply: Reply) =>
  new Set(reply.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons.map((x) => x.command.trim()) : [])));

/** Shapes that render to nothing at all (only empty text, say) are not messages anyone sends. */
const saysSomething = (problems: string[]) => problems.filter((p) => !p.includes('a message needs'));

describe('any reply, rendered for Slack and Discord', () => {
  it('stays within every Block Kit limit, and its buttons press commands of the reply', () => {
    fc.assert(
      fc.property(anyReply, (reply) => {
        const message = renderBlockKit(reply);
        expect(saysSomething(checkBlockKitLimits(message))).toEqual([]);
        const commands = commandsOf(reply);
        for (const b of message.blocks) {
          if (b.type !== 'actions') continue;
          for (const element of b.elements) {
            expect(commands.has(slackButtonCommand((element as { value?: string }).value) ?? '')).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stays within every Discord limit, and its buttons press commands of the reply', () => {
    fc.assert(
      fc.property(anyReply, (reply) => {
        const message = renderDiscord(reply);
        expect(saysSomething(checkDiscordLimits(message))).toEqual([]);
        const commands = commandsOf(reply);
        for (const row of message.components) {
          for (const b of row.components)
            expect(commands.has(discordButtonCommand(b.custom_id) ?? '')).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
