import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { type BalanceCheck, deployCheck, reactivationCheck } from '../src/domain/balance.js';
import type { Account } from '../src/domain/schemas.js';
import { commandLine } from '../src/render/command-line.js';
import { money } from '../src/render/format.js';
import { actions, type Block, context, fields, header, text } from '../src/render/reply.js';

const GETTING_STARTED_URL = 'https://docs.connexcs.com/getting-started/';

function checkText(check: BalanceCheck, currency: string): string {
  return check.met ? '✅ the balance covers it' : `❌ ${money(check.missing, currency)} missing`;
}

/** "$160.00 ($20.00 + $20.00 × 7 servers already on the account)". */
function neededText(account: Account, servers: number, check: BalanceCheck): string {
  const unit = money(account.server_price, account.currency);
  const others = servers === 1 ? '1 server' : `${servers} servers`;
  return `${money(check.needed, account.currency)} (${unit} + ${unit} × ${others} already on the account)`;
}

export default defineCommand({
  name: 'balance',
  group: 'fleet',
  summary: 'Available balance, and what a further deploy needs ($20 + $20 per server on the account)',
  examples: ['balance'],
  risk: 'read',
  args: z.object({}),
  async run(ctx) {
    const [account, servers] = await Promise.all([ctx.controlPlane.getAccount(), ctx.fleet.servers()]);
    const deploy = deployCheck(account, servers.length);
    const expired = servers.filter((s) => s.status === 'expired').length;
    const blocks: Block[] = [
      header(`Balance · ${account.name}`),
      fields({
        'Available balance': money(account.balance, account.currency),
        'Servers on the account':
          expired > 0 ? `${servers.length} (${expired} expired)` : String(servers.length),
        'A further deploy needs': neededText(account, servers.length, deploy),
        'Deploy balance': checkText(deploy, account.currency),
        'Getting Started': account.getting_started_done ? 'done' : '⚠ not done',
      }),
    ];
    if (!deploy.met) {
      blocks.push(text(`Add at least ${money(deploy.missing, account.currency)} to deploy another server.`));
    }
    if (!account.getting_started_done) {
      blocks.push(text(`⚠ Finish the Getting Started checklist before deploying: ${GETTING_STARTED_URL}`));
    }
    if (expired > 0) {
      const reactivate = reactivationCheck(account, servers.length);
      blocks.push(
        text(
          `Reactivating an expired server needs ${money(reactivate.needed, account.currency)} available: ${checkText(reactivate, account.currency)}.`,
        ),
      );
    }
    blocks.push(
      context('Available balance is credit plus debit limit. A deploy is delivered within about 5 minutes.'),
    );
    blocks.push(actions({ label: 'Refresh', command: commandLine('balance') }));
    const ready = deploy.met && account.getting_started_done;
    return { tone: account.balance < 0 ? 'danger' : ready ? 'success' : 'warning', blocks };
  },
});
