import { z } from 'zod';
import { int, server as serverArg } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { findServer } from '../src/core/fleet.js';
import { relativeTime } from '../src/render/format.js';
import { type Block, context, header, table, text } from '../src/render/reply.js';
import { serverLabel } from '../src/render/server-views.js';
import type { AuditEntry } from '../src/store/audit-repo.js';

function argsText(entry: AuditEntry): string {
  const args = Object.entries(entry.args ?? {}).filter(([, value]) => value !== undefined);
  return args
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}

export default defineCommand({
  name: 'audit',
  group: 'approvals',
  summary: 'The newest audit entries: every request, decision, execution and result',
  examples: ['audit', 'audit 50', 'audit 20 ams-sw-1'],
  risk: 'read',
  args: z.object({
    n: int('How many entries to show', { min: 1, max: 200 }).default(20),
    server: serverArg('Only entries about this server: IP, alias or id').optional(),
  }),
  positional: ['n', 'server'],
  async run(ctx, { n, server: ref }) {
    const server = ref === undefined ? undefined : findServer(await ctx.fleet.servers(), ref);
    const entries = ctx.audit.newest(n, server?.id);
    const now = ctx.now();
    const blocks: Block[] = [
      header(`Audit log${server ? ` · ${serverLabel(server)}` : ''} · newest ${entries.length}`),
    ];
    if (entries.length === 0) {
      blocks.push(text(server ? `Nothing recorded about ${server.alias} yet.` : 'Nothing recorded yet.'));
      return { tone: 'info', blocks };
    }
    blocks.push(
      table(
        ['WHEN', 'EVENT', 'WHO', 'COMMAND', 'OUTCOME', 'REQUEST'],
        entries.map((entry) => [
          relativeTime(entry.at.toISOString(), now),
          entry.event,
          entry.actor ? `${entry.actor.name} (${entry.actor.surface})` : 'switchboard',
          [entry.command, argsText(entry)].filter(Boolean).join(' '),
          [entry.outcome, entry.detail].filter(Boolean).join(': '),
          entry.approvalId ?? '-',
        ]),
      ),
      context('Secrets are never recorded: they show as [secret].'),
    );
    return { tone: 'info', blocks };
  },
});
