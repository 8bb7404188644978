import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AccessPolicy } from '../../core/rbac.js';

/** The Slack user groups the role variables name (`slack-group:S0614TZR7`), each listed once. */
export function slackGroupIds(policy: AccessPolicy): string[] {
  const all = [...policy.viewers, ...policy.operators, ...policy.approvers];
  const ids = all.flatMap((p) => (p.kind === 'group' && p.surface === 'slack' ? [p.id] : []));
  return [...new Set(ids)];
}

export interface SlackGroupsOptions {
  client: WebClient;
  /** Only these groups are looked up: the ones a role names. */
  groupIds: readonly string[];
  /** How long a group's members are trusted. */
  ttlMs: number;
  /** How long a failed lookup is remembered before trying again. */
  failureTtlMs: number;
  log: Logger;
}

const Members = z.object({ users: z.array(z.string()).default([]) });

interface Cached {
  until: number;
  members: Promise<ReadonlySet<string>>;
}

/**
 * Which of the named user groups a person is in (`Actor.roles`), through usergroups.users.list,
 * cached for a few minutes; people asking at once share one lookup. A failed lookup counts as
 * nobody in the group (no group roles, never more) and is logged.
 */
export class SlackGroups {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly options: SlackGroupsOptions) {}

  async rolesOf(userId: string): Promise<string[]> {
    const found = await Promise.all(
      this.options.groupIds.map(async (id) => ((await this.members(id)).has(userId) ? [id] : [])),
    );
    return found.flat();
  }

  private members(groupId: string): Promise<ReadonlySet<string>> {
    const cached = this.cache.get(groupId);
    if (cached && cached.until > Date.now()) return cached.members;
    const members = this.lookUp(groupId);
    this.cache.set(groupId, { until: Date.now() + this.options.ttlMs, members });
    return members;
  }

  private async lookUp(groupId: string): Promise<ReadonlySet<string>> {
    try {
      const answer = await this.options.client.usergroups.users.list({ usergroup: groupId });
      return new Set(Members.parse(answer).users);
    } catch (error) {
      this.options.log.warn(
        { err: error, group: groupId },
        'could not read the members of a Slack user group: nobody gets its role until it can be read',
      );
      const none: ReadonlySet<string> = new Set();
      this.cache.set(groupId, {
        until: Date.now() + this.options.failureTtlMs,
        members: Promise.resolve(none),
      });
      return none;
    }
  }
}
