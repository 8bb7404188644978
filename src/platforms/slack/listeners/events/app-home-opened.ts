import type { App as BoltApp } from '@slack/bolt';
import { loadFleetOverview } from '../../../../core/fleet-overview.js';
import { hasRole, refusal } from '../../../../core/rbac.js';
import { problem, type Reply } from '../../../../render/reply.js';
import { type SlackContext, slackActor } from '../../context.js';
import { failureReply } from '../../failure.js';
import { homeView } from '../../views/home.js';

/** The App Home tab shows the fleet overview, read afresh each time someone opens it. */
export function registerAppHome(bolt: BoltApp, ctx: SlackContext): void {
  bolt.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await ctx.afterAck(async () => {
      const actor = await slackActor(ctx, { id: event.user });
      const policy = ctx.app.config.access;
      let overview: Reply;
      if (!hasRole(actor, 'viewer', policy)) {
        overview = problem(refusal(actor, 'viewer', policy));
      } else {
        const { fleet, controlPlane, approvals } = ctx.app;
        overview = await loadFleetOverview({ fleet, controlPlane, approvals, now: () => new Date() }).catch(
          (error: unknown) => failureReply(error, ctx.log, 'reading the fleet for the App Home'),
        );
      }
      await client.views.publish({ user_id: event.user, view: homeView(overview) });
    });
  });
}
