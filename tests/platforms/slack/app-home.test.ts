import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../../src/render/blockkit.js';
import { messageText, PRIYA, ROLES, type SlackHarness, startSlackHarness, VIC } from './harness.js';
import type { Person } from './requests.js';

/** The App Home: the fleet overview, published for whoever opens it, if they may view the fleet. */

const NOC_GROUP = 'S0NOC';
const OUTSIDER: Person = { id: 'U0OUT', name: 'outsider' };

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({
    env: { ...ROLES, SWITCHBOARD_VIEWERS: `slack-group:${NOC_GROUP}` },
  });
  h.stand.groups[NOC_GROUP] = [VIC.id];
});
afterAll(() => h.close());

async function homeOf(who: Person) {
  const before = h.stand.calls('views.publish').length;
  const ack = await h.homeOpened(who);
  expect(ack.status).toBe(200);
  const published = await h.stand.waitFor(
    () => h.stand.calls('views.publish')[before],
    `the home of ${who.name}`,
  );
  expect(published.user_id).toBe(who.id);
  return published.view as { type: string; blocks: unknown[] };
}

describe('the App Home', () => {
  it('shows a viewer the fleet by status, the fullest switches, expiries, balance and pending approvals', async () => {
    await h.command('restart ams-sw-1', PRIYA);
    await h.stand.waitFor(() => h.app.approvals.listPending()[0], 'the pending request');
    const home = await homeOf(VIC);
    expect(home.type).toBe('home');
    const text = messageText(home);
    expect(text).toContain('Fleet · Quokka Telecom');
    expect(text).toMatch(/🟢 \d+ active/);
    expect(text).toContain('Fullest switches');
    expect(text.indexOf('ams-sw-1 (203.0.113.42)')).toBeLessThan(text.indexOf('ams-sw-2 (203.0.113.43)'));
    expect(text).toContain('Test periods ending within 7 days');
    expect(text).toContain('Expired: sgp-sw-9');
    expect(text).toContain('$412.50');
    expect(text).toContain('Pending approvals · 1');
    expect(text).toContain('Restart ams-sw-1');
    expect(checkBlockKitLimits(home)).toEqual([]);
  });

  it('tells someone outside every role what they lack, instead of the fleet', async () => {
    const text = messageText(await homeOf(OUTSIDER));
    expect(text).toContain(
      `You are not a viewer. Ask an admin to add slack:${OUTSIDER.id} to SWITCHBOARD_VIEWERS`,
    );
    expect(text).not.toContain('Quokka Telecom');
  });

  it('reads a user group once for many openings (cached)', () => {
    expect(h.stand.calls('usergroups.users.list')).toEqual([{ usergroup: NOC_GROUP }]);
  });
});
