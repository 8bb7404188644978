import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../src/config.js';
import { loadCatalog } from '../../../src/core/loader.js';
import { buildCommandTree, type CommandPayload } from '../../../src/platforms/discord/command-tree.js';
import { checkCommandPayload } from '../../../src/platforms/discord/payload-rules.js';
import { runRegistration } from '../../../src/platforms/discord/register.js';
import { BOT_TOKEN, DiscordStandIn, ids } from './stand-in.js';

let standIn: DiscordStandIn;
let dataDir: string;
let env: Env;
let payload: CommandPayload;
beforeAll(async () => {
  standIn = await DiscordStandIn.start({ id: ids.guild, name: 'NOC', roles: [], channels: [] });
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-register-'));
  env = {
    SWITCHBOARD_DATA_DIR: dataDir,
    DISCORD_TOKEN: BOT_TOKEN,
    DISCORD_APPLICATION_ID: ids.application,
    DISCORD_API_URL: standIn.apiUrl,
  };
  payload = buildCommandTree(await loadCatalog()).payload;
});
afterAll(async () => {
  await standIn?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function register(extra: Env = {}): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runRegistration({ ...env, ...extra }, (line) => lines.push(line));
  return { code, lines };
}

const GLOBAL = `/applications/${ids.application}/commands`;
const GUILD = `/applications/${ids.application}/guilds/${ids.guild}/commands`;

describe('npm run discord:register', () => {
  it('registers /cx on the test server first, with a payload Discord accepts', async () => {
    const { code, lines } = await register({ DISCORD_GUILD_ID: ids.guild });
    expect(code).toBe(0);
    const put = standIn.requests.find((r) => r.method === 'PUT' && r.path === GUILD)!;
    expect(put.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    const body = put.body as unknown as CommandPayload[];
    expect(body).toEqual([payload]);
    expect(checkCommandPayload(body[0]!)).toEqual([]);
    expect(lines[0]).toContain(`on server ${ids.guild}`);
    expect(lines).toContain('  added     /cx fleet servers');
    expect(lines).toContain('  added     /cx actions lb-add');
    expect(lines.at(-1)).toMatch(/^Done: \d+ added, 0 changed, 0 removed, 0 unchanged\.$/);
  });

  it('changes nothing when run again', async () => {
    const { code, lines } = await register({ DISCORD_GUILD_ID: ids.guild });
    expect(code).toBe(0);
    expect(lines.slice(1, -1)).toEqual([]);
    expect(lines.at(-1)).toMatch(/^Nothing changed \(0 added, 0 changed, 0 removed, \d+ unchanged\)\.$/);
  });

  it('reports what changed against what is registered globally, then overwrites it', async () => {
    interface Loose {
      name: string;
      type: number;
      description: string;
      options?: Loose[];
    }
    const stale = structuredClone(payload) as unknown as Loose;
    const fleet = stale.options!.find((o) => o.name === 'fleet')!;
    fleet.options!.find((o) => o.name === 'servers')!.description = 'An older description';
    fleet.options = fleet.options!.filter((o) => o.name !== 'zones');
    stale.options!.push({ name: 'retired', options: [], type: 1, description: 'Gone now' });
    standIn.commands.set(GLOBAL, [stale, { name: 'ping', description: 'Another command', type: 1 }]);

    const { code, lines } = await register();
    expect(code).toBe(0);
    expect(lines[0]).toContain('globally');
    expect(lines.slice(1, -1)).toEqual([
      '  added     /cx fleet zones',
      '  changed   /cx fleet servers',
      '  removed   /cx retired',
      '  removed   /ping',
    ]);
    expect(lines.at(-1)).toMatch(/^Done: 1 added, 1 changed, 2 removed, \d+ unchanged\.$/);
    expect(standIn.commands.get(GLOBAL)).toHaveLength(1);
  });

  it('says what to set when Discord is not configured', async () => {
    const { code, lines } = await register({ DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' });
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  });

  it('says what Discord refused', async () => {
    standIn.intercept((r) =>
      r.method === 'PUT' ? { status: 403, body: { code: 50001, message: 'Missing Access' } } : undefined,
    );
    const { code, lines } = await register({ DISCORD_GUILD_ID: '1100000000000000999' });
    expect(code).toBe(1);
    expect(lines.at(-1)).toContain('Missing Access');
  });
});
