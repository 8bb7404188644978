import type { InteractionReplyOptions, InteractionUpdateOptions, MessageCreateOptions } from 'discord.js';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  buttonCommand,
  CUSTOM_ID_PREFIX,
  checkDiscordLimits,
  DISCORD_LIMITS,
  type DiscordMessage,
  renderDiscord,
} from '../../src/render/discord.js';
import {
  actions,
  type Button,
  context,
  divider,
  fields,
  header,
  type MentionRef,
  reply,
  type Tone,
  table,
  text,
} from '../../src/render/reply.js';

const marco: MentionRef = { surface: 'discord', id: '112233445566778899', name: 'marco' };
const priya: MentionRef = { surface: 'slack', id: 'U024BE7LH', name: 'priya' };
const NOON_UTC = '2025-01-06T12:00:00.000Z';
const NOON_UNIX = 1736164800;

const description = (message: DiscordMessage, embed = 0) => message.embeds[embed]?.description;
const allButtons = (message: DiscordMessage) => message.components.flatMap((row) => row.components);

/** The rows of every table code block, without the fence and the repeated column labels. */
function tableRows(message: DiscordMessage): string[] {
  return message.embeds
    .flatMap((embed) => [...(embed.description ?? '').matchAll(/```\n([\s\S]*?)\n```/g)])
    .flatMap((match) => match[1]!.split('\n').slice(1));
}

const fleet = (rowCount: number, cell: (row: number, column: number) => string) =>
  table(
    Array.from({ length: 10 }, (_, c) => `COLUMN${c}`),
    Array.from({ length: rowCount }, (_, r) => Array.from({ length: 10 }, (_, c) => cell(r, c))),
  );

const pressing = (count: number): Button[] =>
  Array.from({ length: count }, (_, i) => ({ label: `Server ${i}`, command: `/cx server ams-sw-${i}` }));

const hiddenCount = (message: DiscordMessage, what: string) =>
  Number(new RegExp(`(\\d+) ${what}`).exec(message.embeds.at(-1)?.footer?.text ?? '')?.[1] ?? 0);

describe('renderDiscord: each kind of block', () => {
  it('renders a header as the title of one embed coloured by tone', () => {
    const message = renderDiscord(reply('danger', header('Top-up needed · Quokka Telecom')));
    expect(message).toEqual({
      embeds: [{ color: 0xe74c3c, title: 'Top-up needed · Quokka Telecom' }],
      components: [],
    });
  });

  it('colours each tone: grey, blue, green, orange, red', () => {
    const channels = (tone: Tone) => {
      const color = renderDiscord(reply(tone, text('x'))).embeds[0]!.color!;
      return { r: color >> 16, g: (color >> 8) & 0xff, b: color & 0xff };
    };
    const neutral = channels('neutral');
    expect(
      Math.max(neutral.r, neutral.g, neutral.b) - Math.min(neutral.r, neutral.g, neutral.b),
    ).toBeLessThan(40);
    const info = channels('info');
    expect(info.b).toBeGreaterThan(Math.max(info.r, info.g));
    const success = channels('success');
    expect(success.g).toBeGreaterThan(Math.max(success.r, success.b));
    const warning = channels('warning');
    expect(warning.r).toBeGreaterThan(warning.g);
    expect(warning.g).toBeGreaterThan(warning.b + 50);
    const danger = channels('danger');
    expect(danger.r).toBeGreaterThan(danger.g + 100);
    expect(Math.abs(danger.g - danger.b)).toBeLessThan(30);
  });

  it('cuts a title to 256 characters', () => {
    const message = renderDiscord(reply('neutral', header('t'.repeat(300))));
    expect(message.embeds[0]!.title).toHaveLength(DISCORD_LIMITS.title);
  });

  it('renders text as description markdown, escaping markup in literal text', () => {
    const message = renderDiscord(reply('neutral', text('a*b_c`d~e|f>g\\h <@1> [x](y)')));
    expect(description(message)).toBe('a\\*b\\_c\\`d\\~e\\|f\\>g\\\\h \\<@1\\> \\[x\\](y)');
  });

  it('escapes a heading, subtext or list marker at the start of a line', () => {
    const message = renderDiscord(
      reply('neutral', text('# not a heading\n-# nor subtext\n- nor a list\n-1 °C')),
    );
    expect(description(message)).toBe('\\# not a heading\n\\-# nor subtext\n\\- nor a list\n-1 °C');
  });

  it('renders bold and code spans, a backtick inside code included', () => {
    const message = renderDiscord(
      reply('neutral', text({ bold: 'a*b' }, ' ', { code: 'x y' }, ' ', { code: 'a`b' })),
    );
    expect(description(message)).toBe('**a\\*b** `x y` `` a`b ``');
  });

  it('mentions Discord users by id and everyone else by name', () => {
    const message = renderDiscord(reply('neutral', text({ mention: marco }, ' and ', { mention: priya })));
    expect(description(message)).toBe('<@112233445566778899> and @priya');
  });

  it('renders times as Discord timestamps: relative, date and time, time', () => {
    const message = renderDiscord(
      reply(
        'neutral',
        text({ time: NOON_UTC, style: 'relative' }, ' ', { time: NOON_UTC, style: 'datetime' }, ' ', {
          time: NOON_UTC,
          style: 'time',
        }),
      ),
    );
    expect(description(message)).toBe(`<t:${NOON_UNIX}:R> <t:${NOON_UNIX}:f> <t:${NOON_UNIX}:t>`);
  });

  it('renders fields as embed fields, short values inline, long ones full width', () => {
    const long = 'a value far too long to sit beside another one';
    const message = renderDiscord(reply('neutral', fields({ Status: 'active', Notes: long, Cluster: '' })));
    expect(message.embeds[0]!.fields).toEqual([
      { name: 'Status', value: 'active', inline: true },
      { name: 'Notes', value: long, inline: false },
      { name: 'Cluster', value: '-', inline: true },
    ]);
  });

  it('cuts a field value to 1,024 characters and spreads 30 fields over two embeds', () => {
    const entries = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`F${i}`, `v${i}`]));
    const message = renderDiscord(reply('neutral', fields({ Long: '*'.repeat(2_000) }), fields(entries)));
    expect(message.embeds.map((embed) => embed.fields?.length)).toEqual([25, 6]);
    const cut = message.embeds[0]!.fields![0]!.value;
    expect(cut.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(cut).toMatch(/^(\\\*){500,}…$/);
    expect(checkDiscordLimits(message)).toEqual([]);
  });

  it('renders a table as an aligned code block in the description', () => {
    const message = renderDiscord(
      reply(
        'neutral',
        table(
          ['STATUS', { label: 'CPS', align: 'right' }, 'ALIAS'],
          [
            ['🟢', '12/150', 'ams-lb-1'],
            ['⚪', '2/40', 'x*y'],
          ],
        ),
      ),
    );
    expect(description(message)).toBe(
      '```\nSTATUS     CPS  ALIAS\n🟢      12/150  ams-lb-1\n⚪        2/40  x*y\n```',
    );
  });

  it('puts plain closing context in the footer', () => {
    const message = renderDiscord(
      reply('neutral', text('body'), context('job ', { code: '5012' }), actions()),
    );
    expect(message.embeds[0]!.footer).toEqual({ text: 'job 5012' });
  });

  it('keeps context with a mention or a time, or followed by more, as a subtext line', () => {
    const message = renderDiscord(
      reply(
        'neutral',
        context('Requested by ', { mention: marco }, ' · ', { time: NOON_UTC, style: 'relative' }),
        context('first\nsecond'),
        text('more'),
      ),
    );
    expect(description(message)).toBe(
      `-# Requested by <@112233445566778899> · <t:${NOON_UNIX}:R>\n-# first second\nmore`,
    );
    expect(message.embeds[0]!.footer).toBeUndefined();
  });

  it('renders a divider as a blank line', () => {
    const message = renderDiscord(reply('neutral', text('above'), divider(), text('below')));
    expect(description(message)).toBe('above\n\nbelow');
  });

  it('opens a new embed for a second header and for text after fields, keeping reading order', () => {
    const message = renderDiscord(
      reply(
        'info',
        header('One'),
        fields({ A: '1' }),
        text('after the fields'),
        header('Two'),
        text('second part'),
      ),
    );
    expect(message.embeds.map(({ title, description, fields }) => ({ title, description, fields }))).toEqual([
      { title: 'One', description: undefined, fields: [{ name: 'A', value: '1', inline: true }] },
      { title: undefined, description: 'after the fields', fields: undefined },
      { title: 'Two', description: 'second part', fields: undefined },
    ]);
  });

  it('renders buttons as action rows: Danger, Primary, Secondary, the command in the custom_id', () => {
    const message = renderDiscord(
      reply(
        'warning',
        actions(
          { label: 'Confirm restart', command: '/cx confirm 7f3a9c01', style: 'danger' },
          { label: 'Refresh', command: '/cx servers', style: 'primary' },
          { label: 'Cancel', command: '/cx cancel 7f3a9c01' },
        ),
      ),
    );
    expect(message.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: 'Confirm restart',
            custom_id: 'cx:/cx confirm 7f3a9c01',
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: 'Refresh',
            custom_id: 'cx:/cx servers',
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Cancel',
            custom_id: 'cx:/cx cancel 7f3a9c01',
          },
        ],
      },
    ]);
    expect(message.embeds).toEqual([]);
  });

  it('shows a button whose command repeats an earlier one only once', () => {
    const message = renderDiscord(reply('neutral', actions(...pressing(2)), actions(...pressing(3))));
    expect(allButtons(message).map((b) => b.label)).toEqual(['Server 0', 'Server 1', 'Server 2']);
    expect(checkDiscordLimits(message)).toEqual([]);
  });
});

describe('renderDiscord: private replies and notifications', () => {
  it('marks a private reply ephemeral with the flag as a number', () => {
    expect(renderDiscord({ ...reply('neutral', text('x')), private: true }).flags).toBe(64);
    expect(renderDiscord(reply('neutral', text('x')))).not.toHaveProperty('flags');
  });

  it('mentions the people to notify in the content, where mentions notify', () => {
    const message = renderDiscord({ ...reply('success', text('ams-sw-1 is back')), notify: [marco, priya] });
    expect(message.content).toBe('<@112233445566778899> @priya');
  });

  it('builds options discord.js accepts', () => {
    const message = renderDiscord({ ...reply('info', text('x'), actions(...pressing(1))), private: true });
    const replyOptions: InteractionReplyOptions = message;
    const update: InteractionUpdateOptions = { embeds: message.embeds, components: message.components };
    const post: MessageCreateOptions = { embeds: message.embeds, components: message.components };
    expect([replyOptions.embeds, update.embeds, post.embeds]).toEqual([
      message.embeds,
      message.embeds,
      message.embeds,
    ]);
  });
});

describe('renderDiscord: limits', () => {
  it('splits a 5,000-character text over two embeds between words', () => {
    const words = Array.from({ length: 1_000 }, (_, i) => `w${String(i).padStart(3, '0')}`);
    const message = renderDiscord(reply('neutral', header('Long'), text(words.join(' '))));
    expect(message.embeds).toHaveLength(2);
    expect(
      message.embeds
        .map((embed) => embed.description)
        .join(' ')
        .split(' '),
    ).toEqual(words);
    expect(checkDiscordLimits(message)).toEqual([]);
  });

  it('fills a description to exactly 4,096 characters, newline included, and no further', () => {
    const full = renderDiscord(reply('neutral', text('a'.repeat(2_000)), text('b'.repeat(2_095))));
    expect(full.embeds.map((embed) => embed.description?.length)).toEqual([DISCORD_LIMITS.description]);
    const over = renderDiscord(reply('neutral', text('a'.repeat(2_000)), text('b'.repeat(2_096))));
    expect(over.embeds.map((embed) => embed.description)).toEqual(['a'.repeat(2_000), 'b'.repeat(2_096)]);
  });

  it('counts the blank line of a divider against the description', () => {
    const over = renderDiscord(reply('neutral', text('a'.repeat(2_000)), divider(), text('b'.repeat(2_095))));
    expect(over.embeds).toHaveLength(2);
  });

  it('fits a 500 × 10 fleet table: whole rows in order, and a footer counting the rest', () => {
    const cell = (r: number, c: number) => `r${r}c${c}`;
    const message = renderDiscord(
      reply(
        'neutral',
        header('Servers'),
        fleet(500, cell),
        actions({ label: 'Next page ▸', command: '/cx servers --page 2' }),
      ),
      { overflowHint: 'Use Next page to see the rest.' },
    );
    expect(checkDiscordLimits(message)).toEqual([]);
    const rows = tableRows(message);
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((row, r) => {
      expect(row.split(/\s+/)).toEqual(Array.from({ length: 10 }, (_, c) => cell(r, c)));
    });
    expect(rows.length + hiddenCount(message, 'table rows')).toBe(500);
    expect(message.embeds.at(-1)!.footer!.text).toMatch(
      /^Not shown: \d+ table rows .*Use Next page to see the rest\.$/,
    );
    expect(allButtons(message).map((b) => buttonCommand(b.custom_id))).toEqual(['/cx servers --page 2']);
  });

  it('shows 25 of 30 buttons in five rows of five and says 5 are not shown', () => {
    const message = renderDiscord(reply('neutral', text('Pick a server'), actions(...pressing(30))));
    expect(message.components.map((row) => row.components.length)).toEqual([5, 5, 5, 5, 5]);
    expect(hiddenCount(message, 'buttons')).toBe(5);
    expect(checkDiscordLimits(message)).toEqual([]);
  });

  it('packs the rows tightly when actions blocks would need more than five rows', () => {
    const message = renderDiscord(
      reply(
        'neutral',
        ...Array.from({ length: 6 }, (_, i) => actions({ label: `B${i}`, command: `/cx b ${i}` })),
      ),
    );
    expect(message.components.map((row) => row.components.length)).toEqual([5, 1]);
  });

  it('cuts a button label to 80 characters', () => {
    const message = renderDiscord(
      reply('neutral', actions({ label: 'L'.repeat(100), command: '/cx servers' })),
    );
    expect(allButtons(message)[0]!.label).toHaveLength(DISCORD_LIMITS.buttonLabel);
  });

  it('throws on a command line that does not fit a custom_id', () => {
    const longest = `/cx ${'x'.repeat(DISCORD_LIMITS.customId - CUSTOM_ID_PREFIX.length - 4)}`;
    const fits = renderDiscord(reply('neutral', actions({ label: 'Go', command: longest })));
    expect(allButtons(fits)[0]!.custom_id).toHaveLength(DISCORD_LIMITS.customId);
    expect(() => renderDiscord(reply('neutral', actions({ label: 'Go', command: `${longest}x` })))).toThrow(
      /Button "Go" presses a command line of 98 characters; a Discord button holds 1 to 97/,
    );
  });

  it('keeps the mentions in the content within 2,000 characters', () => {
    const crowd = Array.from({ length: 200 }, (_, i) => ({ ...marco, id: `${112233445566778800 + i}` }));
    const message = renderDiscord({ ...reply('neutral', text('x')), notify: crowd });
    expect(message.content!.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(message.content).toMatch(/^(<@\d+> ?)+$/);
  });
});

describe('buttonCommand (Discord)', () => {
  it('gives back the command line of every rendered button', () => {
    const buttons = [...pressing(3), { label: 'Zone', command: '/cx servers --zone "USA East"' }];
    const message = renderDiscord(reply('neutral', actions(...buttons)));
    expect(allButtons(message).map((b) => buttonCommand(b.custom_id))).toEqual(buttons.map((b) => b.command));
  });

  it('gives nothing for a custom_id that is not ours', () => {
    expect(buttonCommand('other-bot:1')).toBeUndefined();
    expect(buttonCommand('cx:')).toBeUndefined();
  });
});

describe('checkDiscordLimits', () => {
  const embed = (descriptionText: string) => ({ description: descriptionText });
  const button = (custom_id: string) => ({ type: 2, style: 2, label: 'Go', custom_id });
  const row = (...components: object[]) => ({ type: 1, components });

  it('accepts a plain valid message', () => {
    expect(checkDiscordLimits({ content: 'hi', embeds: [], components: [] })).toEqual([]);
  });

  it.each([
    ['2,001 characters of content', { content: 'x'.repeat(2_001) }, /^message\.content: Too big/],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => embed('x')) }, /^message\.embeds: Too big/],
    [
      '4,097 characters of description',
      { embeds: [embed('x'.repeat(4_097))] },
      /^message\.embeds\[0\]\.description/,
    ],
    [
      '6,001 characters across embeds',
      { embeds: [embed('x'.repeat(4_000)), embed('x'.repeat(2_001))] },
      /^message\.embeds: 6001 characters across embeds; Discord allows 6000/,
    ],
    [
      'an empty field value',
      { embeds: [{ fields: [{ name: 'A', value: '' }] }] },
      /^message\.embeds\[0\]\.fields\[0\]\.value: Too small/,
    ],
    ['an empty embed', { embeds: [{ color: 1 }] }, /^message\.embeds\[0\]: an embed needs/],
    [
      'six buttons in a row',
      { components: [row(...Array.from({ length: 6 }, (_, i) => button(`cx:${i}`)))] },
      /^message\.components\[0\]\.components: Too big/,
    ],
    [
      'six rows',
      { components: Array.from({ length: 6 }, (_, i) => row(button(`cx:${i}`))) },
      /^message\.components: Too big/,
    ],
    [
      'a 101-character custom_id',
      { components: [row(button('x'.repeat(101)))] },
      /^message\.components\[0\]\.components\[0\]\.custom_id: Too big/,
    ],
    [
      'a repeated custom_id',
      { components: [row(button('cx:a')), row(button('cx:a'))] },
      /^message\.components\[1\]\.components\[0\]\.custom_id: "cx:a" is used twice/,
    ],
    [
      'an empty message',
      { embeds: [], components: [] },
      /^message: a message needs content, embeds or components/,
    ],
  ])('reports %s', (_name, message, problem) => {
    const problems = checkDiscordLimits(message);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });
});
