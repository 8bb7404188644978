import fc from 'fast-check';
import type { Catalog } from '../../src/core/catalog.js';
import type { Command } from '../../src/core/command.js';
import { fieldsOf } from '../../src/core/fields.js';

/**
 * Command lines and Discord-like typed options as hostile or careless people produce them: real
 * command words and option names mixed with quotes, unicode, control characters and huge strings.
 */

const SERVER_REFS = [
  'ams-sw-1',
  'ams-sw-2',
  'ams-lb-1',
  '203.0.113.42',
  '198.51.100.7',
  '3',
  '0',
  '-1',
  'sgp-sw-9',
];
const VALUES = [
  'on',
  'off',
  'true',
  'false',
  'yes',
  'none',
  '',
  '0',
  '-5',
  '1e309',
  'NaN',
  '9007199254740993',
  'null',
];
const QUOTES = ['"', "'", '\u201c', '\u201d', '\u2018', '\u2019', '\\'];
const SEPARATORS = [' ', '  ', '\t', '\n', ' \r\n ', '\u00a0', '\u3000'];

const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
  maxLength: 8,
});

/**
 * Longer than a platform lets anyone type (Slack and Discord cap a command's text near 4,000 and
 * 6,000 characters), in one word or many, with markup that escaping makes longer still.
 */
const hugeString = fc
  .tuple(
    fc.constantFrom('a', 'é', '💥', '<@U1>', '*', '`', 'ams-sw-1 '),
    fc.integer({ min: 1_000, max: 8_000 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Any text at all, weighted towards what breaks parsers. */
export const anyText = fc.oneof(
  { arbitrary: fc.string({ maxLength: 30 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  { arbitrary: controlChars, weight: 2 },
  { arbitrary: fc.constantFrom(...VALUES, ...SERVER_REFS), weight: 4 },
  { arbitrary: hugeString, weight: 1 },
);

const separator = fc.constantFrom(...SEPARATORS);

/** Words after a command: mostly its own options, with values that are right, nearly right or wild. */
function wordsFor(command: Command, otherFields: readonly string[]) {
  const own = fieldsOf(command);
  const choices = own.flatMap((f) => f.choices ?? []);
  const field = fc.oneof(
    { arbitrary: fc.constantFrom(...own.map((f) => f.name), 'share'), weight: 5 },
    { arbitrary: fc.constantFrom(...otherFields, 'uac_user', 'UAC-Password'), weight: 1 },
  );
  const value = fc.oneof(
    { arbitrary: fc.constantFrom(...VALUES, ...SERVER_REFS, ...choices), weight: 3 },
    { arbitrary: anyText, weight: 2 },
  );
  return fc.oneof(
    { arbitrary: fc.constantFrom(...SERVER_REFS, ...choices), weight: 2 },
    { arbitrary: field.map((name) => `--${name}`), weight: 2 },
    { arbitrary: fc.tuple(field, value).map(([name, v]) => `--${name}=${v}`), weight: 3 },
    { arbitrary: fc.tuple(field, value).map(([name, v]) => `${name}=${v}`), weight: 4 },
    {
      arbitrary: fc.tuple(fc.constantFrom(...QUOTES), anyText).map(([q, text]) => `${q}${text}${q}`),
      weight: 2,
    },
    { arbitrary: fc.constantFrom(...QUOTES), weight: 1 },
    { arbitrary: anyText, weight: 1 },
  );
}

export function lineArbitrary(catalog: Catalog): fc.Arbitrary<string> {
  const fieldNames = [...new Set(catalog.list().flatMap((command) => fieldsOf(command).map((f) => f.name)))];
  const examples = catalog.list().flatMap((command) => command.examples);
  const prefix = fc.constantFrom('', '', '/cx ', '/CX ', '/cxx ', ' ');
  const commandLine = fc
    .constantFrom(...catalog.list())
    .chain((command) =>
      fc
        .tuple(
          prefix,
          fc.constantFrom(command.name, command.name.toUpperCase()),
          fc.array(fc.tuple(separator, wordsFor(command, fieldNames)), { maxLength: 4 }),
        )
        .map(([start, name, rest]) => start + name + rest.map(([s, w]) => s + w).join('')),
    );
  const mutatedExample = fc
    .tuple(fc.constantFrom(...examples), fc.array(fc.tuple(separator, anyText), { maxLength: 2 }))
    .map(([example, extra]) => example + extra.map(([s, w]) => s + w).join(''));
  const words = fc
    .array(fc.tuple(anyText, separator), { maxLength: 5 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
  return fc.oneof(
    { arbitrary: commandLine, weight: 6 },
    { arbitrary: fc.constantFrom(...examples), weight: 1 },
    { arbitrary: mutatedExample, weight: 2 },
    { arbitrary: words, weight: 1 },
  );
}

/** Typed options as a Discord interaction might carry them, and values no interaction should. */
export function optionsArbitrary(catalog: Catalog): fc.Arbitrary<Record<string, unknown> | undefined> {
  const names = [...new Set(catalog.list().flatMap((command) => fieldsOf(command).map((f) => f.name)))];
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...names, 'share'), weight: 5 },
    { arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  );
  const value = fc.oneof(
    { arbitrary: fc.constantFrom(...VALUES, ...SERVER_REFS), weight: 4 },
    { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean()), weight: 3 },
    { arbitrary: anyText, weight: 2 },
    {
      arbitrary: fc.anything({
        maxDepth: 2,
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withTypedArray: true,
        withSparseArray: true,
      }),
      weight: 2,
    },
  );
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 2 },
    { arbitrary: fc.dictionary(key, value, { maxKeys: 4 }), weight: 1 },
  );
}
