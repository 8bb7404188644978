import { beforeAll, describe, expect, it } from 'vitest';
import type { Completion } from '../../../src/core/args.js';
import type { Catalog } from '../../../src/core/catalog.js';
import { loadCatalog } from '../../../src/core/loader.js';
import { completeLine } from '../../../src/platforms/console/complete.js';
import { GOOD_COMMANDS } from '../../core/helpers.js';

const NAMES: Record<string, string[]> = {
  server: ['ams-sw-1', 'ams-sw-2', 'sgp-sw-9'],
  zone: ['USA East', 'UK'],
};
const asked: Completion[] = [];
const complete = async (prefix: string, kind: Completion) => {
  asked.push(kind);
  return (NAMES[kind] ?? []).filter((name) => name.startsWith(prefix));
};

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(GOOD_COMMANDS);
});

const matches = async (line: string) => (await completeLine(catalog, line, complete))[0];

describe('completeLine', () => {
  it('completes command words, with or without /cx and an as-prefix', async () => {
    expect(await completeLine(catalog, 're', complete)).toEqual([['reboot', 'refuse'], 're']);
    expect(await matches('/cx ec')).toEqual(['echo ']);
    expect(await matches('as marco: /cx wh')).toEqual(['whoami ']);
    expect(await matches('u')).toEqual(['uac ']);
  });

  it('completes the second word of a two-word command', async () => {
    expect(await matches('uac ')).toEqual(['set ']);
  });

  it('completes option names of the command, --share on read commands', async () => {
    expect(await matches('echo ams-sw-1 --c')).toEqual(['--cluster', '--count']);
    expect(await matches('echo ams-sw-1 --s')).toEqual(['--server', '--share', '--status']);
    expect(await matches('reboot ams-sw-1 --s')).toEqual(['--server ']);
  });

  it('completes server names where a server goes, through the completer', async () => {
    expect(await completeLine(catalog, 'reboot ams', complete)).toEqual([['ams-sw-1', 'ams-sw-2'], 'ams']);
    expect(await matches('uac set ')).toEqual(['ams-sw-1', 'ams-sw-2', 'sgp-sw-9']);
    expect(asked).toContain('server');
  });

  it('completes command names for help', async () => {
    expect(await matches('help ex')).toEqual(['explode ']);
  });

  it('offers nothing where nothing is known, or when the completer fails', async () => {
    expect(await matches('uac set ams-sw-1 ')).toEqual([]);
    expect(await matches('nosuch x')).toEqual([]);
    const failing = async () => {
      throw new Error('control plane down');
    };
    expect(await completeLine(catalog, 'reboot a', failing)).toEqual([[], 'a']);
  });
});

describe('completeLine: values with spaces', () => {
  it('quotes a name with a space, so it stays one word', async () => {
    const catalog = await loadCatalog(GOOD_COMMANDS);
    const zoneOnly = async (prefix: string) =>
      ['USA East', 'USA West'].filter((name) => name.startsWith(prefix));
    expect((await completeLine(catalog, 'reboot "US', zoneOnly))[0]).toEqual(['"USA East"', '"USA West"']);
    expect((await completeLine(catalog, 'reboot USA E', zoneOnly))[0]).toEqual([]);
    expect((await completeLine(catalog, 'reboot US', zoneOnly))[0]).toEqual(['US"A East"', 'US"A West"']);
  });
});
