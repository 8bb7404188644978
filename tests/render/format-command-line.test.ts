import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/core/parse.js';
import { commandLine, quoteWord } from '../../src/render/command-line.js';

describe('commandLine', () => {
  it('writes positional words, then the flags that are set', () => {
    expect(commandLine('servers', [], { cluster: 'eu-core', type: undefined, page: 2 })).toBe(
      '/cx servers --cluster eu-core --page 2',
    );
    expect(commandLine('jobs', ['ams-sw-1'])).toBe('/cx jobs ams-sw-1');
    expect(commandLine('zones')).toBe('/cx zones');
  });

  it('quotes words the tokenizer would split', () => {
    expect(quoteWord('USA East')).toBe('"USA East"');
    expect(quoteWord('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteWord('UK')).toBe('UK');
    expect(quoteWord('\u201cmy\u201d')).toBe('"\\\u201cmy\\\u201d"');
  });

  it('reads back as the same words', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 4 }), (values) => {
        const line = commandLine('servers', values);
        expect(tokenize(line)).toEqual(['servers', ...values]);
      }),
    );
  });
});
