import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/invocation.js';
import { renderBlockKit } from '../../src/render/blockkit.js';
import { renderDiscord } from '../../src/render/discord.js';
import { type FaultyPlane, startFaultyPlane } from '../faults/faulty-plane.js';
import { type RemoteSwitchboard, startRemoteSwitchboard } from '../faults/remote-switchboard.js';
import { type Recorder, type Switchboard, startSwitchboard } from '../flows/switchboard.js';

/** Every secret setting, each with a marker no other text contains. */
const PLATFORM_SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-1-SECRETslackbot0001',
  SLACK_SIGNING_SECRET: 'SECRETsigning0002',
  SLACK_APP_TOKEN: 'xapp-1-SECRETslackapp0003',
  DISCORD_TOKEN: 'MTA0.SECRETdiscord0004.x',
  DISCORD_APPLICATION_ID: '123456789012345678',
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/123/SECRETwebhook0005',
};
const PLANE_SECRET = 'SECRETconnexcs0006';
/** Typed in quotes, with spaces, as a person would. */
const UAC_SECRET = 'SECRETuac0007 with spaces';
/** Stored and shown on purpose: the search must find it. */
const VISIBLE = 'trunk';
const ROLES = { SWITCHBOARD_OPERATORS: 'console:alice', SWITCHBOARD_APPROVERS: 'console:bob' };
const WRITES = ['POST', 'PUT', 'DELETE'];

interface Exposure {
  where: string;
  bytes: Buffer;
}

/** Every file in the data folder, byte for byte (the database, its WAL, the logs). */
function dataFiles(folder: string, label: string): Exposure[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return dataFiles(path, label);
    return [{ where: `${label} ${name}`, bytes: readFileSync(path) }];
  });
}

/** Every reply as a person reads it, as it is stored in memory, and as each platform is sent it. */
function replies(out: Recorder): Exposure[] {
  return out.seen.flatMap((seen, i) => [
    { where: `reply ${i} text`, bytes: Buffer.from(seen.text) },
    { where: `reply ${i} document`, bytes: Buffer.from(JSON.stringify(seen.reply)) },
    { where: `reply ${i} Slack`, bytes: Buffer.from(JSON.stringify(renderBlockKit(seen.reply))) },
    { where: `reply ${i} Discord`, bytes: Buffer.from(JSON.stringify(renderDiscord(seen.reply))) },
  ]);
}

const logs = (lines: readonly string[]): Exposure[] =>
  lines.map((line, i) => ({ where: `log line ${i}`, bytes: Buffer.from(line) }));

/**
 * Where any of `secrets` shows up in `exposures`; empty when nowhere. Each test also looks for a
 * value that must be there (the UAC user name), so a search that cannot see is caught.
 */
function leaks(exposures: readonly Exposure[], secrets: readonly string[]): string[] {
  return exposures.flatMap(({ where, bytes }) =>
    secrets.filter((secret) => bytes.includes(Buffer.from(secret))).map((secret) => `${secret} in ${where}`),
  );
}

/** The secret markers, and the forms they travel in (a Basic header is base64 of user:password). */
function searchedFor(extra: readonly string[]): string[] {
  const markers = [
    'SECRETslackbot0001',
    'SECRETsigning0002',
    'SECRETslackapp0003',
    'SECRETdiscord0004',
    'SECRETwebhook0005',
  ];
  return [...markers, 'SECRETuac0007', ...extra];
}

const consoleUser = (name: string): Actor => ({ surface: 'console', id: name, name, roles: [] });

let plane: FaultyPlane | undefined;
let remote: RemoteSwitchboard | undefined;
let board: Switchboard | undefined;
afterEach(async () => {
  await remote?.close();
  await plane?.close();
  await board?.close();
  plane = remote = board = undefined;
});

type Runner = (line: string, who?: string) => Promise<string>;

/** The requests and mistakes that carry a UAC password: each must keep it to itself. */
async function uacFlow(run: Runner, pending: () => string): Promise<void> {
  expect(await run(`config ams-sw-1 uac-user=trunk uac-password="${UAC_SECRET}"`)).toContain(
    'Change the config of ams-sw-1',
  );
  expect(await run(`confirm ${pending()}`, 'bob')).toContain('approved by @bob');
  expect(await run(`config ams-sw-1 --uac-pasword="${UAC_SECRET}"`)).toContain(
    'Unknown option --uac-pasword',
  );
  expect(await run(`config ams-sw-1 uac-password="${UAC_SECRET}" extra`)).toContain(
    'Too many arguments (1 extra word)',
  );
  expect(await run('audit 50')).toContain('config');
}

describe('no secret in any log line, reply or file of the data folder', () => {
  it.each([
    ['a user name and password', { CONNEXCS_PASSWORD: PLANE_SECRET }],
    ['a bearer token', { CONNEXCS_TOKEN: PLANE_SECRET, CONNEXCS_USERNAME: '', CONNEXCS_PASSWORD: '' }],
  ])(
    'with ConnexCS signed in with %s, through requests, confirms, mistakes and faults',
    async (_how, auth) => {
      plane = await startFaultyPlane(PLANE_SECRET);
      remote = await startRemoteSwitchboard(plane, { ...PLATFORM_SECRETS, ...ROLES, ...auth });
      const b = remote;
      const run: Runner = (line, who) => b.run(line, who);
      const pending = () => b.app.approvals.listPending().at(-1)!.id;

      expect(await run('servers')).toContain('ams-sw-1');
      await uacFlow(run, pending);

      // A typed request whose write the plane refuses, quoting the credentials it was sent.
      await b.app.router.handle(
        {
          actor: consoleUser('alice'),
          text: 'config',
          options: { server: 'ams-sw-2', 'uac-user': 'trunk2', 'uac-password': UAC_SECRET },
        },
        b.out,
      );
      plane.inject('echo-auth', { methods: WRITES });
      expect(await run(`confirm ${pending()}`, 'bob')).toContain('Not done: Bad request from');
      plane.inject('echo-auth', { methods: ['GET'] });
      expect(await run('server ams-sw-1')).toContain('Bad request from');
      plane.clear();
      await b.app.approvals.settled();

      const basic = Buffer.from(`${plane.embedded.username}:${PLANE_SECRET}`).toString('base64');
      const secrets = searchedFor([PLANE_SECRET, basic]);
      const whileRunning = [...logs(b.logLines), ...replies(b.out), ...dataFiles(b.dataDir, 'running:')];
      expect(b.logLines.length).toBeGreaterThan(5);
      expect(leaks(whileRunning, secrets)).toEqual([]);
      expect(leaks(whileRunning, [VISIBLE])).not.toEqual([]);
      await b.app.close();
      const files = dataFiles(b.dataDir, 'closed:');
      expect(leaks(files, secrets)).toEqual([]);
      expect(leaks(files, [VISIBLE])).not.toEqual([]);
    },
  );

  it('with the embedded control plane in the data folder, and its own password', async () => {
    board = await startSwitchboard({ ...PLATFORM_SECRETS, ...ROLES });
    const b = board;
    const embeddedPassword = b.app.embedded!.password;
    await uacFlow(
      (line, who) => b.run(line, who),
      () => b.lastRequestId(),
    );
    await b.advance(30);
    const secrets = searchedFor([embeddedPassword]);
    const whileRunning = [...logs(b.logLines), ...replies(b.out), ...dataFiles(b.dataDir, 'running:')];
    expect(leaks(whileRunning, secrets)).toEqual([]);
    expect(leaks(whileRunning, [VISIBLE])).not.toEqual([]);
    await b.app.close();
    const files = dataFiles(b.dataDir, 'closed:');
    expect(files.map((file) => file.where)).toContain('closed: control-plane.db');
    expect(leaks(files, secrets)).toEqual([]);
    expect(leaks(files, [VISIBLE])).not.toEqual([]);
  });
});
