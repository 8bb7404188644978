import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import config from '../../commands/config.js';
import restart from '../../commands/restart.js';
import { loadConfig } from '../../src/config.js';
import type { Command } from '../../src/core/command.js';
import type { Actor } from '../../src/core/invocation.js';
import {
  CONSOLE_TRUST_NOTICE,
  canRun,
  consoleTrusted,
  parsePrincipals,
  refusal,
  requiredRole,
  rolesOf,
  startupNotice,
} from '../../src/core/rbac.js';

/** The access policy exactly as the bot gets it: from the environment, through src/config.ts. */
const policyOf = (env: Record<string, string> = {}) => loadConfig({ TZ: 'UTC', ...env }).access;

const slack = (id: string, roles: string[] = []): Actor => ({ surface: 'slack', id, name: id, roles });
const discord = (id: string, roles: string[] = []): Actor => ({ surface: 'discord', id, name: id, roles });
const consoleUser = (id: string): Actor => ({ surface: 'console', id, name: id, roles: [] });

const DISCORD_USER = '80351110224678912';
const DISCORD_ROLE = '41771983423143936';

const readCommand: Command = {
  name: 'servers',
  group: 'fleet',
  summary: 'List servers',
  examples: ['servers'],
  risk: 'read',
  args: z.object({}),
  run: async () => ({ tone: 'neutral', blocks: [] }),
};

describe('parsePrincipals', () => {
  it('reads every kind of principal and skips blank entries', () => {
    expect(
      parsePrincipals(
        `slack:U024BE7LH, slack-group:S0614TZR7,,discord:${DISCORD_USER},discord-role:${DISCORD_ROLE}, console:marco ,*`,
      ),
    ).toEqual([
      { kind: 'user', surface: 'slack', id: 'U024BE7LH' },
      { kind: 'group', surface: 'slack', id: 'S0614TZR7' },
      { kind: 'user', surface: 'discord', id: DISCORD_USER },
      { kind: 'group', surface: 'discord', id: DISCORD_ROLE },
      { kind: 'user', surface: 'console', id: 'marco' },
      { kind: 'anyone' },
    ]);
    expect(parsePrincipals('  ')).toEqual([]);
  });

  it('names the variable and every bad entry, saying what to type instead', () => {
    let message = '';
    try {
      parsePrincipals('slak:U1, slack:u024, discord:12', 'SWITCHBOARD_OPERATORS');
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.startsWith('SWITCHBOARD_OPERATORS: '))).toBe(true);
    expect(lines[0]).toContain('"slak:U1" is not a principal');
    expect(lines[0]).toContain('slack:<member id>');
    expect(lines[1]).toContain('"slack:u024"');
    expect(lines[2]).toContain('17 to 20 digits');
  });
});

describe('rolesOf', () => {
  const policy = policyOf({
    SWITCHBOARD_VIEWERS: 'slack-group:S0614TZR7',
    SWITCHBOARD_OPERATORS: `slack:U0OPERATOR,discord-role:${DISCORD_ROLE}`,
    SWITCHBOARD_APPROVERS: 'slack:U0APPROVER,console:marco',
  });

  it('an approver is also an operator and a viewer; an operator also a viewer', () => {
    expect([...rolesOf(slack('U0APPROVER'), policy)].sort()).toEqual(['approver', 'operator', 'viewer']);
    expect([...rolesOf(slack('U0OPERATOR'), policy)].sort()).toEqual(['operator', 'viewer']);
    expect([...rolesOf(slack('U0SOMEONE', ['S0614TZR7']), policy)]).toEqual(['viewer']);
    expect(rolesOf(slack('U0SOMEONE'), policy).size).toBe(0);
  });

  it('groups match the roles of the actor, on their own platform only', () => {
    expect(rolesOf(discord(DISCORD_USER, [DISCORD_ROLE]), policy).has('operator')).toBe(true);
    expect(rolesOf(discord(DISCORD_USER), policy).has('operator')).toBe(false);
    // The same id as a Slack group, or a Slack id on Discord, grants nothing.
    expect(rolesOf(slack('U0SOMEONE', [DISCORD_ROLE]), policy).size).toBe(0);
    expect(rolesOf(discord('U0APPROVER'), policy).size).toBe(0);
  });

  it('console principals name console users', () => {
    expect(rolesOf(consoleUser('marco'), policy).has('approver')).toBe(true);
    expect(rolesOf(consoleUser('priya'), policy).size).toBe(0);
  });

  it('"*" names everyone, on every surface', () => {
    const open = policyOf({ SWITCHBOARD_OPERATORS: '*' });
    expect(rolesOf(discord(DISCORD_USER), open).has('operator')).toBe(true);
    expect(rolesOf(slack('U0ANYONE'), open).has('approver')).toBe(false);
  });
});

describe('the console default', () => {
  it('with no role variable set, console users are approvers and chat users only viewers', () => {
    const policy = policyOf();
    expect(consoleTrusted(policy)).toBe(true);
    expect(rolesOf(consoleUser('anyone'), policy).has('approver')).toBe(true);
    expect([...rolesOf(slack('U0SOMEONE'), policy)]).toEqual(['viewer']);
    expect(startupNotice(policy)).toBe(CONSOLE_TRUST_NOTICE);
    expect(CONSOLE_TRUST_NOTICE).toContain('every console user is an approver');
  });

  it('any role variable set ends the trust: the console follows the lists like every surface', () => {
    const settings: Record<string, string>[] = [
      { SWITCHBOARD_OPERATORS: 'slack:U0OPERATOR' },
      { SWITCHBOARD_APPROVERS: 'console:marco' },
      { SWITCHBOARD_VIEWERS: 'console:priya' },
    ];
    for (const env of settings) {
      const policy = policyOf(env);
      expect(consoleTrusted(policy)).toBe(false);
      expect(startupNotice(policy)).toBeUndefined();
      expect(rolesOf(consoleUser('priya'), policy).has('operator')).toBe(false);
    }
  });
});

describe('canRun', () => {
  const policy = policyOf({ SWITCHBOARD_OPERATORS: 'slack:U0OPERATOR' });

  it('reads need a viewer, changes an operator', () => {
    expect(requiredRole(readCommand)).toBe('viewer');
    expect(requiredRole(restart)).toBe('operator');
    expect(canRun(slack('U0VIEWER'), readCommand, policy)).toBe(true);
    expect(canRun(slack('U0VIEWER'), restart, policy)).toBe(false);
    expect(canRun(slack('U0OPERATOR'), restart, policy)).toBe(true);
  });

  it('a guarded command called read-only (config <server>) needs only a viewer', () => {
    expect(requiredRole(config, { server: 'ams-sw-1' })).toBe('viewer');
    expect(requiredRole(config, { server: 'ams-sw-1', webrtc: true })).toBe('operator');
    expect(canRun(slack('U0VIEWER'), config, policy, { server: 'ams-sw-1' })).toBe(true);
    expect(canRun(slack('U0VIEWER'), config, policy, { server: 'ams-sw-1', tls: false })).toBe(false);
    // Without the arguments, the command counts as the change it can be.
    expect(canRun(slack('U0VIEWER'), config, policy)).toBe(false);
  });
});

describe('refusal', () => {
  it('with operators unset, says nobody can change anything and which variable to set', () => {
    expect(refusal(slack('U123'), 'operator', policyOf())).toBe(
      'Nobody can change anything yet: SWITCHBOARD_OPERATORS is not set. Ask an admin to add slack:U123 to SWITCHBOARD_OPERATORS.',
    );
    expect(refusal(discord(DISCORD_USER), 'approver', policyOf({ SWITCHBOARD_OPERATORS: '*' }))).toBe(
      `Nobody can confirm a change yet: SWITCHBOARD_APPROVERS is not set. Ask an admin to add discord:${DISCORD_USER} to SWITCHBOARD_APPROVERS.`,
    );
  });

  it('with the role held by others, names the role and the actor’s own principal', () => {
    const policy = policyOf({
      SWITCHBOARD_VIEWERS: 'slack:U0VIEWER',
      SWITCHBOARD_APPROVERS: 'slack:U0APPROVER',
    });
    expect(refusal(slack('U123'), 'operator', policy)).toBe(
      'You are not an operator. Ask an admin to add slack:U123 to SWITCHBOARD_OPERATORS.',
    );
    expect(refusal(consoleUser('priya'), 'approver', policy)).toBe(
      'You are not an approver. Ask an admin to add console:priya to SWITCHBOARD_APPROVERS.',
    );
    expect(refusal(slack('U123'), 'viewer', policy)).toBe(
      'You are not a viewer. Ask an admin to add slack:U123 to SWITCHBOARD_VIEWERS.',
    );
  });
});
