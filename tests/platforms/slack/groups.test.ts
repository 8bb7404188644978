import { WebClient } from '@slack/web-api';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { SlackGroups, slackGroupIds } from '../../../src/platforms/slack/groups.js';
import { BOT_TOKEN } from './harness.js';
import { SlackStandIn } from './stand-in.js';

/** Slack user groups as roles: only the groups a role names, looked up once a while, nothing on failure. */

let stand: SlackStandIn;
let client: WebClient;
beforeAll(async () => {
  stand = await SlackStandIn.start();
  stand.groups.S0NOC = ['U0VIC', 'U0PRIYA'];
  stand.groups.S0LEADS = ['U0MARCO'];
  client = new WebClient(BOT_TOKEN, { slackApiUrl: stand.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(() => stand.close());

function groups(groupIds: string[], ttlMs: number) {
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
  return { groups: new SlackGroups({ client, groupIds, ttlMs, failureTtlMs: 0, log }), warnings };
}

describe('Slack user groups', () => {
  it('are the groups the role variables name, each once', () => {
    const { access } = loadConfig({
      SWITCHBOARD_VIEWERS: 'slack-group:S0NOC,slack:U0VIC',
      SWITCHBOARD_OPERATORS: 'slack-group:S0NOC,discord-role:123456789012345678',
      SWITCHBOARD_APPROVERS: 'slack-group:S0LEADS',
    });
    expect(slackGroupIds(access)).toEqual(['S0NOC', 'S0LEADS']);
  });

  it('give a person the ids of the named groups they are in, read once while cached', async () => {
    const { groups: cached } = groups(['S0NOC', 'S0LEADS'], 60_000);
    const before = stand.calls('usergroups.users.list').length;
    expect(await cached.rolesOf('U0VIC')).toEqual(['S0NOC']);
    expect(await cached.rolesOf('U0MARCO')).toEqual(['S0LEADS']);
    expect(await cached.rolesOf('U0NOBODY')).toEqual([]);
    expect(stand.calls('usergroups.users.list').slice(before)).toEqual([
      { usergroup: 'S0NOC' },
      { usergroup: 'S0LEADS' },
    ]);
  });

  it('give no role while a lookup fails, logged, and read again once the failure is forgotten', async () => {
    stand.override('usergroups.users.list', () => ({ body: { ok: false, error: 'missing_scope' } }));
    const { groups: failing, warnings } = groups(['S0NOC'], 60_000);
    expect(await failing.rolesOf('U0VIC')).toEqual([]);
    expect(warnings.join('\n')).toContain('could not read the members of a Slack user group');
    stand.restore('usergroups.users.list');
    expect(await failing.rolesOf('U0VIC')).toEqual(['S0NOC']);
  });
});
