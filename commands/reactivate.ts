import { balanceRule, requireBalance } from '../src/core/actions.js';
import { serverActionCommand } from '../src/core/server-action.js';
import { reactivationCheck } from '../src/domain/balance.js';
import { money } from '../src/render/format.js';
import { context, text } from '../src/render/reply.js';

export default serverActionCommand({
  action: 'reactivate',
  risk: 'change',
  verb: 'reactivate',
  summary: 'Reactivate an expired server (the balance must cover it)',
  effect: 'Reactivates the server: it takes calls again once it is back.',
  async precondition(ctx, target, all) {
    const account = await ctx.controlPlane.getAccount();
    const check = reactivationCheck(account, all.length);
    const rule = balanceRule(account, Math.max(0, all.length - 1), 'other server');
    requireBalance(`reactivate ${target.alias}`, 'reactivating it', check, account, rule);
    const cash = (value: number) => money(value, account.currency);
    return [
      text(`Balance: ${cash(check.balance)} available; reactivating needs ${cash(check.needed)} (${rule}).`),
      context(
        'Never let the account run out of credit: after a reactivation, service may not come back at once.',
      ),
    ];
  },
});
