import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindArgs } from '../../src/core/bind.js';
import type { Catalog } from '../../src/core/catalog.js';
import { UserError } from '../../src/core/errors.js';
import { loadCatalog } from '../../src/core/loader.js';
import { tokenize } from '../../src/core/parse.js';
import { splitSecrets } from '../../src/core/secret-args.js';
import { checkBlockKitLimits, renderBlockKit } from '../../src/render/blockkit.js';
import { checkDiscordLimits, renderDiscord } from '../../src/render/discord.js';
import { problem } from '../../src/render/reply.js';
import { lineArbitrary, optionsArbitrary } from './arbitraries.js';

/** Parsing and binding are cheap: every one of these runs. */
const RUNS = 10_000;
/** Rendering a refusal for both platforms costs milliseconds (far more for huge input): fewer. */
const RENDERED_RUNS = 1_000;

/** What leaks when code prints a value it did not mean to. */
const ARTEFACTS = ['undefined', 'NaN', '[object '];

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

/**
 * Parses and binds as the router does. Returns the refusal, if any; throws on anything else
 * thrown, and when a change's arguments would not survive being stored until their Confirm.
 */
function parseAndBind(line: string, options: Record<string, unknown> | undefined): UserError | undefined {
  let stage = 'tokenize';
  try {
    const words = tokenize(line);
    const found = catalog.resolve(words.length > 0 ? words : ['help']);
    if (!found) return undefined;
    stage = `bind ${found.command.name}`;
    const { args } = bindArgs(found.command, found.rest, options);
    if (found.command.risk === 'read') return undefined;
    // A change waits for its Confirm as a JSON row: what comes back must still be valid.
    const { stored, secrets } = splitSecrets(found.command, args);
    const reloaded = JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
    const again = found.command.args.safeParse({ ...reloaded, ...secrets });
    expect(again.success, `${found.command.name} ${JSON.stringify(stored)}`).toBe(true);
    return undefined;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw new Error(`${stage} threw ${String(error)}`, { cause: error });
  }
}

describe('the parser and binder, fuzzed', () => {
  it(`take ${RUNS} random lines and typed options: a clear UserError, or arguments that survive storage`, () => {
    const property = fc.property(lineArbitrary(catalog), optionsArbitrary(catalog), (line, options) => {
      const refusal = parseAndBind(line, options);
      if (!refusal) return;
      expect(refusal.message.trim()).not.toBe('');
      // Typed options may hold anything; only a line alone says what the user can have typed.
      if (options === undefined) {
        const leaked = ARTEFACTS.filter((a) => refusal.message.includes(a) && !line.includes(a));
        expect(leaked, refusal.message).toEqual([]);
      }
    });
    fc.assert(property, { numRuns: RUNS });
  }, 60_000);

  it(`answer ${RENDERED_RUNS} random lines with refusals that fit a Slack and a Discord message`, () => {
    const property = fc.property(lineArbitrary(catalog), optionsArbitrary(catalog), (line, options) => {
      const refusal = parseAndBind(line, options);
      if (!refusal) return;
      const reply = problem(refusal.message, refusal.hint);
      expect(checkBlockKitLimits(renderBlockKit(reply))).toEqual([]);
      expect(checkDiscordLimits(renderDiscord(reply))).toEqual([]);
    });
    fc.assert(property, { numRuns: RENDERED_RUNS });
  }, 60_000);
});
