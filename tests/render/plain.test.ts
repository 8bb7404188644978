import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/render/plain.js';
import {
  actions,
  context,
  divider,
  fields,
  header,
  type Reply,
  reply,
  table,
  text,
} from '../../src/render/reply.js';

const ESC = '\u001b';
const off = (r: Reply, width?: number) => renderPlain(r, { color: false, ...(width ? { width } : {}) });
const on = (r: Reply) => renderPlain(r, { color: true });
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing ANSI to compare layouts
const unstyled = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('renderPlain: headers and text', () => {
  it('prints a header bold in the tone colour, only with color on', () => {
    const r = reply('danger', header('Restart ams-sw-1'), text('611 calls will be cut.'));
    expect(off(r)).toBe('Restart ams-sw-1\n611 calls will be cut.');
    expect(on(r)).toBe(`${ESC}[1;31mRestart ams-sw-1${ESC}[0m\n611 calls will be cut.`);
  });

  it('colours the first text of a reply without a header (an error line)', () => {
    const r: Reply = { tone: 'danger', blocks: [text('No server "x".'), context('Type /cx servers.')] };
    expect(on(r)).toBe(`${ESC}[31mNo server "x".${ESC}[0m\n${ESC}[2mType /cx servers.${ESC}[0m`);
  });

  it('styles bold and code parts, and mentions as @name', () => {
    const r = reply(
      'neutral',
      text(
        'Requested by ',
        { mention: { surface: 'console', id: 'priya', name: 'priya' } },
        ' on ',
        { bold: 'ams-sw-1' },
        ' ',
        { code: '/cx jobs' },
      ),
    );
    expect(off(r)).toBe('Requested by @priya on ams-sw-1 /cx jobs');
    expect(on(r)).toBe(
      `Requested by ${ESC}[1m@priya${ESC}[0m on ${ESC}[1mams-sw-1${ESC}[0m ${ESC}[36m/cx jobs${ESC}[0m`,
    );
  });

  it('prints context lines dim, keeping them dim around a bold part', () => {
    const r = reply('neutral', context('expires ', { bold: 'soon' }));
    expect(off(r)).toBe('expires soon');
    expect(on(r)).toBe(`${ESC}[2mexpires ${ESC}[0m${ESC}[2;1msoon${ESC}[0m`);
  });

  it('shows times as local text: relative, date and time, or time', () => {
    const now = new Date(2024, 4, 6, 9, 0);
    const at = (days: number, hours = 0) => new Date(2024, 4, 6 + days, 9 + hours, 12).toISOString();
    const r = reply(
      'neutral',
      text({ time: at(3), style: 'relative' }),
      text({ time: new Date(2024, 4, 6, 8, 55).toISOString(), style: 'relative' }),
      text({ time: at(5, 2), style: 'datetime' }),
      text({ time: at(0), style: 'time' }),
    );
    expect(renderPlain(r, { color: false, now })).toBe('in 3 days\n5 min ago\n2024-05-11 11:12\n09:12');
  });

  it('wraps text to the width at spaces', () => {
    const r = reply('neutral', text('When ams-sw-1 is full, new calls are redirected to ams-sw-2.'));
    expect(off(r, 24)).toBe('When ams-sw-1 is full,\nnew calls are redirected\nto ams-sw-2.');
  });

  it('removes control characters, so text cannot drive the terminal', () => {
    const r = reply('neutral', header(`evil${ESC}[2Jalias\u0007`), table(['ALIAS'], [[`x${ESC}[31my`]]));
    expect(off(r)).toBe('evil[2Jalias\nALIAS\nx[31my');
  });
});

describe('renderPlain: tables', () => {
  it('aligns columns, right-aligning the ones that say so', () => {
    const r = reply(
      'info',
      table(
        ['IP', 'ALIAS', { label: 'CPS', align: 'right' }],
        [
          ['203.0.113.41', 'ams-lb-1', '12/150'],
          ['198.51.100.7', 'sgp-sw-9', '0/40'],
        ],
      ),
    );
    expect(off(r)).toBe(
      [
        'IP            ALIAS        CPS',
        '203.0.113.41  ams-lb-1  12/150',
        '198.51.100.7  sgp-sw-9    0/40',
      ].join('\n'),
    );
  });

  it('counts emoji as two columns and block characters as one', () => {
    const r = reply(
      'info',
      table(
        ['', 'ALIAS', 'CHANNELS', 'TYPE'],
        [
          ['🟢', 'ams-sw-1', '███████▉░░ 611/700', 'switch'],
          ['🔴', 'sgp-sw-9', '-', 'switch'],
          ['⚪', 'x', '▏░░░░░░░░░ 12/700', 'dispatcher'],
        ],
      ),
    );
    expect(off(r).split('\n')).toEqual([
      '    ALIAS     CHANNELS            TYPE',
      '🟢  ams-sw-1  ███████▉░░ 611/700  switch',
      '🔴  sgp-sw-9  -                   switch',
      '⚪  x         ▏░░░░░░░░░ 12/700   dispatcher',
    ]);
  });

  it('prints the header row bold with color, same layout', () => {
    const r = reply('info', table(['A', 'B'], [['1', '2']]));
    expect(on(r)).toBe(`${ESC}[1mA${ESC}[0m  ${ESC}[1mB${ESC}[0m\n1  2`);
  });

  it('fills missing cells and flattens newlines', () => {
    const r = reply('info', table(['A', 'B', 'C'], [['x'], ['two\nlines', 'y', 'z']]));
    expect(off(r)).toBe('A          B  C\nx\ntwo lines  y  z');
  });
});

describe('renderPlain: fields', () => {
  it('prints Label: value lines with the values aligned', () => {
    const r = reply(
      'info',
      fields({ Status: 'active', 'SIP latency': '4 ms', Cluster: 'eu-core\nsince May' }),
    );
    expect(off(r).split('\n')).toEqual([
      'Status:      active',
      'SIP latency: 4 ms',
      'Cluster:     eu-core',
      '             since May',
    ]);
  });
});

describe('renderPlain: buttons', () => {
  it('prints each button as the exact line that presses it, labels padded', () => {
    const r = reply(
      'warning',
      actions(
        { label: 'Confirm', command: '/cx confirm 7f3a9c', style: 'danger' },
        { label: 'Cancel', command: '/cx cancel 7f3a9c' },
      ),
    );
    expect(off(r)).toBe('[Confirm] /cx confirm 7f3a9c\n[Cancel]  /cx cancel 7f3a9c');
    expect(on(r)).toBe(`${ESC}[31m[Confirm]${ESC}[0m /cx confirm 7f3a9c\n[Cancel]  /cx cancel 7f3a9c`);
  });
});

describe('renderPlain: the rest', () => {
  it('prints a divider and the people to notify', () => {
    const r: Reply = {
      tone: 'success',
      blocks: [text('ams-sw-1 is back.'), divider()],
      notify: [{ surface: 'console', id: 'priya', name: 'priya' }],
    };
    expect(off(r)).toBe(`@priya\nams-sw-1 is back.\n${'─'.repeat(40)}`);
    expect(off(r, 20)).toBe(`@priya\nams-sw-1 is back.\n${'─'.repeat(20)}`);
  });

  it('changes nothing but the styles when color is on', () => {
    const card: Reply = {
      tone: 'warning',
      blocks: [
        header('⚠ Restart ams-sw-1 (203.0.113.42)'),
        text('611 calls in progress ', { bold: 'will be cut' }, '.'),
        fields({ Requested: '@priya', Expires: '09:12' }),
        table(['', 'ALIAS', { label: 'CALLS', align: 'right' }], [['🟢', 'ams-sw-1', '611']]),
        context('Needs an approver other than ', { mention: { surface: 'console', id: 'p', name: 'priya' } }),
        actions(
          { label: 'Confirm restart', command: '/cx confirm 9c2e', style: 'primary' },
          { label: 'Cancel', command: '/cx cancel 9c2e' },
        ),
        divider(),
      ],
      notify: [{ surface: 'console', id: 'p', name: 'priya' }],
    };
    const plain = off(card);
    expect(plain).not.toContain(ESC);
    expect(on(card)).toContain(ESC);
    expect(unstyled(on(card))).toBe(plain);
  });
});
