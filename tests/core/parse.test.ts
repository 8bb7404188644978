import { describe, expect, it } from 'vitest';
import { parseActingAs, stripCommandPrefix, tokenize } from '../../src/core/parse.js';
import { thrown } from './helpers.js';

describe('tokenize', () => {
  it('splits on any run of white space', () => {
    expect(tokenize('  servers   --cluster\teu-core ')).toEqual(['servers', '--cluster', 'eu-core']);
  });

  it('strips a leading /cx, with or without words after it', () => {
    expect(tokenize('/cx servers')).toEqual(['servers']);
    expect(tokenize('  /CX   server ams-sw-1')).toEqual(['server', 'ams-sw-1']);
    expect(tokenize('/cx')).toEqual([]);
  });

  it('keeps /cx inside a word or later in the line', () => {
    expect(tokenize('/cxservers')).toEqual(['/cxservers']);
    expect(tokenize('help /cx')).toEqual(['help', '/cx']);
  });

  it('groups words in double or single quotes', () => {
    expect(tokenize('deploy --zone "USA East" --reason \'zone outage\'')).toEqual([
      'deploy',
      '--zone',
      'USA East',
      '--reason',
      'zone outage',
    ]);
  });

  it('joins a quoted part to the word it touches', () => {
    expect(tokenize('config ams-sw-1 alias="ams sw 1"')).toEqual(['config', 'ams-sw-1', 'alias=ams sw 1']);
  });

  it('keeps an empty quoted word', () => {
    expect(tokenize('note --text ""')).toEqual(['note', '--text', '']);
  });

  it('keeps the other quote inside quotes', () => {
    expect(tokenize(`say "it's" 'a "b"'`)).toEqual(['say', "it's", 'a "b"']);
  });

  it('escapes with a backslash inside double quotes only', () => {
    expect(tokenize('say "a \\"quoted\\" word" "back\\\\slash"')).toEqual([
      'say',
      'a "quoted" word',
      'back\\slash',
    ]);
    expect(tokenize("say 'a\\b' c\\d")).toEqual(['say', 'a\\b', 'c\\d']);
  });

  it('reads curly quotes as quotes (chat clients send them)', () => {
    expect(tokenize('servers --zone \u201cUSA East\u201d --reason \u2018zone outage\u2019')).toEqual([
      'servers',
      '--zone',
      'USA East',
      '--reason',
      'zone outage',
    ]);
  });

  it('refuses an unterminated quote with a hint', () => {
    expect(thrown(() => tokenize('restart ams-sw-1 --reason "zone outage'))).toEqual({
      message: 'A double quote is not closed.',
      hint: 'Close it after the words it groups, e.g. --reason "zone outage"',
    });
    expect(thrown(() => tokenize("restart --reason 'oops")).message).toBe('A single quote is not closed.');
    expect(thrown(() => tokenize('say "ends with a backslash\\')).message).toBe(
      'A double quote is not closed.',
    );
  });

  it('gives nothing for an empty line', () => {
    expect(tokenize('   ')).toEqual([]);
  });
});

describe('stripCommandPrefix', () => {
  it('removes /cx and the space around the line', () => {
    expect(stripCommandPrefix('  /cx servers --share ')).toBe('servers --share');
    expect(stripCommandPrefix('servers')).toBe('servers');
  });
});

describe('parseActingAs', () => {
  it('reads the name and the line after the colon', () => {
    expect(parseActingAs('as marco: /cx confirm 9c2e61f0a4b7')).toEqual({
      name: 'marco',
      line: '/cx confirm 9c2e61f0a4b7',
    });
    expect(parseActingAs('  AS priya.k :servers')).toEqual({ name: 'priya.k', line: 'servers' });
  });

  it('leaves lines without the prefix alone', () => {
    expect(parseActingAs('servers --zone "as x: y"')).toBeUndefined();
    expect(parseActingAs('as marco confirm 1')).toBeUndefined();
    expect(parseActingAs('assign: x')).toBeUndefined();
  });
});
