import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandFileError, loadCatalog } from '../../src/core/loader.js';
import { FIXTURES, GOOD_COMMANDS } from './helpers.js';

async function loadError(folder: string): Promise<CommandFileError> {
  const error = await loadCatalog(join(FIXTURES, folder)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CommandFileError);
  return error as CommandFileError;
}

describe('loadCatalog', () => {
  it('loads every command file of a folder', async () => {
    const catalog = await loadCatalog(GOOD_COMMANDS);
    expect(catalog.names()).toEqual([
      'ack',
      'balance-check',
      'echo',
      'explode',
      'help',
      'reboot',
      'refuse',
      'tune',
      'uac set',
      'whoami',
    ]);
    expect(catalog.resolve(['uac', 'set', 'ams-sw-1'])?.command.risk).toBe('change');
  });

  it("loads the repository's own commands, help among them", async () => {
    const catalog = await loadCatalog();
    expect(catalog.get('help')?.group).toBe('help');
  });

  it('names the file and the problem: a summary too long', async () => {
    const error = await loadError('bad-summary');
    expect(error.file).toBe('tests/fixtures/commands/bad-summary/wordy.ts');
    expect(error.message).toBe(
      "tests/fixtures/commands/bad-summary/wordy.ts: summary must be at most 100 characters (Discord's limit)",
    );
  });

  it('names the file and the problem: a positional argument that is not a field', async () => {
    expect((await loadError('bad-positional')).message).toBe(
      'tests/fixtures/commands/bad-positional/ghost.ts: positional "target" is not a field of args',
    );
  });

  it('names the file and the problem: an import that throws', async () => {
    expect((await loadError('bad-import')).message).toBe(
      'tests/fixtures/commands/bad-import/broken.ts: cannot be imported: broken on purpose',
    );
  });

  it('names the file and the problem: no default export', async () => {
    expect((await loadError('no-default')).message).toMatch(
      /^tests\/fixtures\/commands\/no-default\/named\.ts: has no default export/,
    );
  });

  it('names both files of a duplicate name', async () => {
    expect((await loadError('duplicate')).message).toBe(
      'tests/fixtures/commands/duplicate/second.ts: is named "twin", like tests/fixtures/commands/duplicate/first.ts: rename one',
    );
  });

  it('refuses an example that does not run as written', async () => {
    expect((await loadError('bad-example')).message).toBe(
      'tests/fixtures/commands/bad-example/stale.ts: example "stale --cluster eu-core" does not work: Unknown option --cluster.',
    );
  });
});
