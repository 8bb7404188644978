import type { RespondArguments } from '@slack/bolt';
import type { ActionsBlock, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { ChatPostMessageArguments, ChatUpdateArguments } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_KIT_LIMITS,
  buttonCommand,
  checkBlockKitLimits,
  renderBlockKit,
  SLACK_ACTION_ID,
} from '../../src/render/blockkit.js';
import { displayWidth } from '../../src/render/limits.js';
import {
  actions,
  type Button,
  context,
  divider,
  fields,
  header,
  type MentionRef,
  reply,
  table,
  text,
} from '../../src/render/reply.js';

const priya: MentionRef = { surface: 'slack', id: 'U024BE7LH', name: 'priya' };
const marco: MentionRef = { surface: 'discord', id: '112233445566778899', name: 'marco' };
const NOON_UTC = '2025-01-06T12:00:00.000Z';
const NOON_UNIX = 1736164800;

const sections = (blocks: KnownBlock[]) => blocks.filter((b): b is SectionBlock => b.type === 'section');
const sectionText = (block: KnownBlock | undefined) => (block as SectionBlock).text?.text;
const buttonsOf = (blocks: KnownBlock[]) =>
  blocks
    .filter((b): b is ActionsBlock => b.type === 'actions')
    .flatMap((b) => b.elements as { value?: string }[]);

/** The rows of every table section, without the fence and the repeated column labels. */
function tableRows(blocks: KnownBlock[]): string[] {
  return sections(blocks)
    .map((s) => s.text?.text ?? '')
    .filter((t) => t.startsWith('```\n'))
    .flatMap((t) => t.slice(4, -4).split('\n').slice(1));
}

const fleet = (rowCount: number, cell: (row: number, column: number) => string) =>
  table(
    Array.from({ length: 10 }, (_, c) => `COLUMN${c}`),
    Array.from({ length: rowCount }, (_, r) => Array.from({ length: 10 }, (_, c) => cell(r, c))),
  );

const pressing = (count: number): Button[] =>
  Array.from({ length: count }, (_, i) => ({ label: `Server ${i}`, command: `/cx server ams-sw-${i}` }));

describe('renderBlockKit: each kind of block', () => {
  it('renders a header as a plain_text header led by the tone mark', () => {
    const message = renderBlockKit(reply('success', header('ams-sw-1 is back')));
    expect(message.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '✅ ams-sw-1 is back', emoji: true } },
    ]);
  });

  it('puts the tone mark on the first text when there is no header, and never doubles an emoji', () => {
    const marked = renderBlockKit(reply('danger', text('Top-up needed')));
    expect(sectionText(marked.blocks[0])).toBe('🔴 Top-up needed');
    const ownEmoji = renderBlockKit(reply('warning', text('⚠ test period ends in 2 days')));
    expect(sectionText(ownEmoji.blocks[0])).toBe('⚠ test period ends in 2 days');
    const neutral = renderBlockKit(reply('neutral', header('Servers')));
    expect((neutral.blocks[0] as HeaderBlock).text.text).toBe('Servers');
  });

  it('cuts a header to 150 characters', () => {
    const message = renderBlockKit(reply('neutral', header('h'.repeat(400))));
    const shown = (message.blocks[0] as HeaderBlock).text.text;
    expect(shown).toHaveLength(BLOCK_KIT_LIMITS.headerText);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('renders text as mrkdwn, escaping &, < and > in literal text', () => {
    const message = renderBlockKit(
      reply('neutral', text('calls <b> & more > 3 ', { bold: 'will be cut' }, ' on ', { code: 'a<b' })),
    );
    expect(message.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'calls &lt;b&gt; &amp; more &gt; 3 *will be cut* on `a&lt;b`' },
    });
  });

  it('keeps bold and code spans closed when their text holds * or `', () => {
    const message = renderBlockKit(reply('neutral', text({ bold: 'a*b' }, ' ', { code: 'x`y' })));
    expect(sectionText(message.blocks[0])).toBe('*a∗b* `xˋy`');
  });

  it('mentions Slack users by id and everyone else by name', () => {
    const message = renderBlockKit(reply('neutral', text({ mention: priya }, ' and ', { mention: marco })));
    expect(sectionText(message.blocks[0])).toBe('<@U024BE7LH> and @marco');
  });

  it('shows times in the viewer time zone with a UTC fallback', () => {
    const message = renderBlockKit(
      reply(
        'neutral',
        text({ time: NOON_UTC, style: 'relative' }),
        text({ time: NOON_UTC, style: 'datetime' }),
        text({ time: NOON_UTC, style: 'time' }),
        text({ time: 'next tuesday', style: 'time' }),
      ),
    );
    expect(message.blocks.map(sectionText)).toEqual([
      `<!date^${NOON_UNIX}^{ago}|2025-01-06 12:00 UTC>`,
      `<!date^${NOON_UNIX}^{date_short_pretty} {time}|2025-01-06 12:00 UTC>`,
      `<!date^${NOON_UNIX}^{time}|12:00 UTC>`,
      'next tuesday',
    ]);
  });

  it('renders fields as sections of at most 10, labels bold and values escaped', () => {
    const entries = Object.fromEntries(Array.from({ length: 23 }, (_, i) => [`Label ${i}`, `a<${i}`]));
    const message = renderBlockKit(reply('neutral', fields(entries)));
    expect(sections(message.blocks).map((s) => s.fields?.length)).toEqual([10, 10, 3]);
    expect(sections(message.blocks)[2]!.fields![2]).toEqual({ type: 'mrkdwn', text: '*Label 22*\na&lt;22' });
  });

  it('cuts a field to 2,000 characters and shows an empty value as -', () => {
    const message = renderBlockKit(reply('neutral', fields({ Notes: '&'.repeat(3_000), Cluster: '' })));
    const [notes, cluster] = sections(message.blocks)[0]!.fields!;
    expect(notes!.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.fieldText);
    expect(notes!.text).toMatch(/^\*Notes\*\n(&amp;)+…$/);
    expect(cluster!.text).toBe('*Cluster*\n-');
  });

  it('renders a table as an aligned code block, emoji two columns wide', () => {
    const message = renderBlockKit(
      reply(
        'neutral',
        table(
          ['STATUS', { label: 'CPS', align: 'right' }, 'ALIAS'],
          [
            ['🟢', '12/150', 'ams-lb-1'],
            ['⚪', '2/40', 'x<y'],
          ],
        ),
      ),
    );
    expect(message.blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '```\nSTATUS     CPS  ALIAS\n🟢      12/150  ams-lb-1\n⚪        2/40  x&lt;y\n```',
        },
        expand: true,
      },
    ]);
  });

  it('keeps a backtick in a cell from closing the table fence', () => {
    const message = renderBlockKit(reply('neutral', table(['A'], [['x```y']])));
    expect(sectionText(message.blocks[0])).toBe('```\nA\nxˋˋˋy\n```');
  });

  it('renders context as a context block, a divider as a divider', () => {
    const message = renderBlockKit(reply('neutral', context('Requested by ', { mention: priya }), divider()));
    expect(message.blocks).toEqual([
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Requested by <@U024BE7LH>' }] },
      { type: 'divider' },
    ]);
  });

  it('renders buttons with styles, numbered action ids and the command line as value', () => {
    const message = renderBlockKit(
      reply(
        'warning',
        actions(
          { label: 'Confirm restart', command: '/cx confirm 7f3a9c01', style: 'danger' },
          { label: 'Refresh', command: '/cx servers', style: 'primary' },
        ),
        actions({ label: 'Cancel', command: '/cx cancel 7f3a9c01' }),
      ),
    );
    expect(message.blocks).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Confirm restart', emoji: true },
            action_id: 'cx:0',
            value: '/cx confirm 7f3a9c01',
            style: 'danger',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Refresh', emoji: true },
            action_id: 'cx:1',
            value: '/cx servers',
            style: 'primary',
          },
        ],
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Cancel', emoji: true },
            action_id: 'cx:2',
            value: '/cx cancel 7f3a9c01',
          },
        ],
      },
    ]);
  });
});

describe('renderBlockKit: limits', () => {
  it('splits a 5,000-character text into sections of at most 3,000, between words', () => {
    const words = Array.from({ length: 1_000 }, (_, i) => `w${String(i).padStart(3, '0')}`);
    const message = renderBlockKit(reply('neutral', text(words.join(' '))));
    const texts = sections(message.blocks).map((s) => s.text!.text);
    expect(texts.length).toBe(2);
    for (const piece of texts) expect(piece.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.sectionText);
    expect(texts.join(' ').split(' ')).toEqual(words);
    expect(checkBlockKitLimits(message)).toEqual([]);
  });

  it('fills a section to exactly 3,000 characters and no further', () => {
    const full = renderBlockKit(reply('neutral', text('x'.repeat(3_000))));
    expect(sections(full.blocks).map((s) => s.text!.text.length)).toEqual([3_000]);
    const over = renderBlockKit(reply('neutral', text('&'.repeat(601))));
    expect(sections(over.blocks).map((s) => s.text!.text)).toEqual(['&amp;'.repeat(600), '&amp;']);
  });

  it('fits a 500 × 10 fleet table, every row whole and in order', () => {
    const cell = (r: number, c: number) => `r${r}c${c}`;
    const message = renderBlockKit(reply('neutral', header('Servers'), fleet(500, cell)));
    expect(checkBlockKitLimits(message)).toEqual([]);
    const rows = tableRows(message.blocks);
    expect(rows).toHaveLength(500);
    rows.forEach((row, r) => {
      expect(row.split(/\s+/)).toEqual(Array.from({ length: 10 }, (_, c) => cell(r, c)));
    });
    for (const section of sections(message.blocks)) expect(section.text!.text).toMatch(/^```\nCOLUMN0 {2}/);
  });

  it('cuts a table too large for 50 blocks, keeps the paging buttons and says how many rows are missing', () => {
    const wideCell = (r: number, c: number) => `r${r}c${c}`.padEnd(30, '·');
    const message = renderBlockKit(
      reply(
        'neutral',
        header('Servers'),
        fleet(500, wideCell),
        actions({ label: 'Next page ▸', command: '/cx servers --page 2' }),
      ),
      { overflowHint: 'Use Next page to see the rest.' },
    );
    expect(checkBlockKitLimits(message)).toEqual([]);
    expect(message.blocks).toHaveLength(BLOCK_KIT_LIMITS.blocksPerMessage);
    expect(message.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ value: '/cx servers --page 2' }],
    });
    const note = (message.blocks.at(-2) as ContextBlock).elements[0] as { text: string };
    const missing = Number(/^Not shown: (\d+) table rows/.exec(note.text)?.[1]);
    expect(note.text).toContain('Use Next page to see the rest.');
    const shown = tableRows(message.blocks);
    expect(shown.length + missing).toBe(500);
    shown.forEach((row, r) => {
      expect(row.split(/\s+/)).toEqual(Array.from({ length: 10 }, (_, c) => wideCell(r, c)));
    });
  });

  it('puts 30 buttons in two actions blocks (25 and 5) with unique action ids', () => {
    const message = renderBlockKit(reply('neutral', actions(...pressing(30))));
    const blocks = message.blocks as ActionsBlock[];
    expect(blocks.map((b) => b.elements.length)).toEqual([25, 5]);
    const ids = blocks.flatMap((b) => b.elements.map((e) => (e as { action_id: string }).action_id));
    expect(new Set(ids).size).toBe(30);
    for (const id of ids) expect(id).toMatch(SLACK_ACTION_ID);
    expect(checkBlockKitLimits(message)).toEqual([]);
  });

  it('cuts a button label to 75 characters', () => {
    const message = renderBlockKit(
      reply('neutral', actions({ label: 'L'.repeat(90), command: '/cx servers' })),
    );
    const [button] = (message.blocks[0] as ActionsBlock).elements as { text: { text: string } }[];
    expect(button!.text.text).toHaveLength(BLOCK_KIT_LIMITS.buttonLabel);
  });

  it('throws on a command line longer than 255 characters or an empty one', () => {
    const longest = `/cx ${'x'.repeat(251)}`;
    expect(() => renderBlockKit(reply('neutral', actions({ label: 'Go', command: longest })))).not.toThrow();
    expect(() => renderBlockKit(reply('neutral', actions({ label: 'Go', command: `${longest}x` })))).toThrow(
      /Button "Go" presses a command line of 256 characters; a Slack button holds 1 to 255/,
    );
    expect(() => renderBlockKit(reply('neutral', actions({ label: 'Go', command: '  ' })))).toThrow(
      /Button "Go"/,
    );
  });

  it('keeps context to 10 elements of 3,000 characters', () => {
    const message = renderBlockKit(reply('neutral', context('word '.repeat(10_000))));
    const { elements } = message.blocks[0] as ContextBlock;
    expect(elements).toHaveLength(BLOCK_KIT_LIMITS.contextElements);
    expect(checkBlockKitLimits(message)).toEqual([]);
  });
});

describe('buttonCommand (Slack)', () => {
  it('gives back the command line of every rendered button', () => {
    const buttons = [...pressing(3), { label: 'Zone', command: '/cx servers --zone "USA East"' }];
    const message = renderBlockKit(reply('neutral', actions(...buttons)));
    expect(buttonsOf(message.blocks).map((b) => buttonCommand(b.value))).toEqual(
      buttons.map((b) => b.command),
    );
  });

  it('gives nothing for a missing, blank or oversized value', () => {
    expect(buttonCommand(undefined)).toBeUndefined();
    expect(buttonCommand('  ')).toBeUndefined();
    expect(buttonCommand('x'.repeat(256))).toBeUndefined();
  });
});

describe('renderBlockKit: notifications', () => {
  it('mentions the people to notify in the fallback text and in a closing context', () => {
    const done = { ...reply('success', text('ams-sw-1 is back')), notify: [priya] };
    const message = renderBlockKit(done);
    expect(message.text).toBe('<@U024BE7LH> ✅ ams-sw-1 is back');
    expect(message.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '<@U024BE7LH>' }],
    });
  });

  it('always has a fallback text, even for a reply that is only a table', () => {
    const message = renderBlockKit(reply('neutral', table(['IP', 'ALIAS'], [['203.0.113.41', 'ams-lb-1']])));
    expect(message.text).toBe('IP · ALIAS');
  });

  it('builds arguments Bolt and the Web API accept', () => {
    const message = renderBlockKit(reply('info', header('Servers'), actions(...pressing(2))));
    const post: ChatPostMessageArguments = { channel: 'C1', ...message };
    const update: ChatUpdateArguments = { channel: 'C1', ts: '1.2', ...message };
    const respond: RespondArguments = { response_type: 'ephemeral', ...message };
    expect([post.text, update.text, respond.text]).toEqual(['ℹ️ Servers', 'ℹ️ Servers', 'ℹ️ Servers']);
  });
});

describe('checkBlockKitLimits', () => {
  const header151 = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };
  const button = (action_id: string, value = '/cx servers') => ({
    type: 'button',
    text: { type: 'plain_text', text: 'Go' },
    action_id,
    value,
  });
  const pressingIds = (count: number) => Array.from({ length: count }, (_, i) => button(`cx:${i}`));

  it('accepts a plain valid message', () => {
    expect(checkBlockKitLimits({ text: 'hi', blocks: [{ type: 'divider' }] })).toEqual([]);
  });

  it.each([
    [
      '51 blocks',
      { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) },
      /^message\.blocks: Too big/,
    ],
    ['a long header', { blocks: [header151] }, /^blocks\[0\]\.text\.text: Too big/],
    [
      '11 fields',
      {
        blocks: [
          { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) },
        ],
      },
      /^blocks\[0\]\.fields: Too big/,
    ],
    [
      'a 3,001-character section',
      { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3_001) } }] },
      /^blocks\[0\]\.text\.text: Too big/,
    ],
    [
      'emoji on mrkdwn',
      { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } }] },
      /^blocks\[0\]\.text: Unrecognized key/,
    ],
    [
      '26 buttons',
      { blocks: [{ type: 'actions', elements: pressingIds(26) }] },
      /^blocks\[0\]\.elements: Too big/,
    ],
    [
      'a 256-character value',
      { blocks: [{ type: 'actions', elements: [button('cx:0', 'v'.repeat(256))] }] },
      /^blocks\[0\]\.elements\[0\]\.value: Too big/,
    ],
    [
      'a repeated action id',
      {
        blocks: [
          { type: 'actions', elements: [button('cx:0')] },
          { type: 'actions', elements: [button('cx:0')] },
        ],
      },
      /^blocks\[1\]\.elements\[0\]\.action_id: "cx:0" is used twice/,
    ],
    [
      'an unknown block type',
      { blocks: [{ type: 'secton' }] },
      /^blocks\[0\]: type "secton" is not one Switchboard renders/,
    ],
    ['an empty message', { text: '', blocks: [] }, /^message: a message needs text or blocks/],
    ['no message at all', null, /^message: /],
  ])('reports %s', (_name, message, problem) => {
    const problems = checkBlockKitLimits(message);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });
});

describe('displayWidth (table alignment on both platforms)', () => {
  it.each([
    ['ams-sw-1', 8],
    ['🟢', 2],
    ['⚠', 1],
    ['⚠️', 2],
    ['👍🏽', 2],
    ['👨‍👩‍👧', 2],
    ['🇳🇱', 2],
    ['中文', 4],
    ['e\u0301', 1],
    ['███▉░', 5],
  ])('%s takes %i columns', (value, columns) => {
    expect(displayWidth(value)).toBe(columns);
  });
});
