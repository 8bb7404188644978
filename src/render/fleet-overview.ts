import { deployCheck } from '../domain/balance.js';
import { usageShare } from '../domain/capacity.js';
import { type Account, SERVER_STATUSES, type Server } from '../domain/schemas.js';
import type { Approval } from '../store/approvals-repo.js';
import { money, relativeTime, statusEmoji } from './format.js';
import { type Block, context, fields, header, type Reply, table, text } from './reply.js';
import { channelsText, countBy, serverLabel } from './server-views.js';

/** The fleet at a glance (Slack's App Home): status counts, fullest switches, expiries, money, approvals. */

export interface FleetOverviewInput {
  account: Account;
  servers: readonly Server[];
  pending: readonly Approval[];
  now: Date;
}

const FULLEST_SHOWN = 5;
const PENDING_SHOWN = 10;
/** Test periods ending within this are "soon". */
const SOON_MS = 7 * 24 * 60 * 60 * 1000;

function statusLine(servers: readonly Server[]): string {
  const counts = countBy(servers, (s) => s.status);
  const parts = SERVER_STATUSES.filter((status) => counts.has(status)).map(
    (status) => `${statusEmoji(status)} ${counts.get(status)} ${status}`,
  );
  return parts.length > 0 ? parts.join(' · ') : 'none yet';
}

function balanceLine(account: Account, servers: number): string {
  const deploy = deployCheck(account, servers);
  const verdict = deploy.met
    ? 'covers a further deploy'
    : `${money(deploy.missing, account.currency)} short of a further deploy`;
  return `${money(account.balance, account.currency)} (${verdict})`;
}

function fullest(servers: readonly Server[]): Block[] {
  const switches = servers
    .filter((s) => s.type === 'switch' && s.channels_max > 0 && s.status === 'active')
    .sort((a, b) => usageShare(b.channels, b.channels_max) - usageShare(a.channels, a.channels_max))
    .slice(0, FULLEST_SHOWN);
  if (switches.length === 0) return [];
  return [
    text({ bold: 'Fullest switches' }),
    table(
      ['SERVER', 'CHANNELS'],
      switches.map((s) => [serverLabel(s), channelsText(s.channels, s.channels_max)]),
    ),
  ];
}

function expiring(servers: readonly Server[], now: Date): Block[] {
  const soon = servers
    .filter((s) => s.status !== 'expired' && s.expires !== null)
    .filter((s) => Date.parse(s.expires!) - now.getTime() <= SOON_MS)
    .sort((a, b) => Date.parse(a.expires!) - Date.parse(b.expires!));
  const expired = servers.filter((s) => s.status === 'expired');
  const blocks: Block[] = [];
  if (soon.length > 0) {
    blocks.push(
      text({ bold: 'Test periods ending within 7 days' }),
      table(
        ['SERVER', 'ENDS'],
        soon.map((s) => [serverLabel(s), relativeTime(s.expires!, now)]),
      ),
    );
  }
  if (expired.length > 0) {
    const names = expired.map((s) => s.alias).join(', ');
    blocks.push(text(`🔴 Expired: ${names}. Reactivate with `, { code: '/cx reactivate <server>' }, '.'));
  }
  return blocks;
}

function approvals(pending: readonly Approval[], now: Date): Block[] {
  if (pending.length === 0)
    return [text({ bold: 'Pending approvals' }), text('Nothing is waiting for a Confirm.')];
  const shown = pending.slice(0, PENDING_SHOWN);
  const blocks: Block[] = [
    text({ bold: `Pending approvals · ${pending.length}` }),
    table(
      ['REQUEST', 'BY', 'EXPIRES'],
      shown.map((a) => [a.summary, a.requester.name, relativeTime(a.expiresAt.toISOString(), now)]),
    ),
  ];
  if (pending.length > shown.length) blocks.push(context(`oldest ${shown.length} of ${pending.length}`));
  blocks.push(
    context('Confirm one on its card, or with ', { code: '/cx confirm <id>' }, ' (ids: /cx approvals).'),
  );
  return blocks;
}

export function fleetOverview({ account, servers, pending, now }: FleetOverviewInput): Reply {
  return {
    tone: 'neutral',
    private: true,
    blocks: [
      header(`Fleet · ${account.name}`),
      fields({
        [`Servers · ${servers.length}`]: statusLine(servers),
        Balance: balanceLine(account, servers.length),
      }),
      ...fullest(servers),
      ...expiring(servers, now),
      ...approvals(pending, now),
      context(
        'Updated ',
        { time: now.toISOString(), style: 'datetime' },
        ' · open this tab again to refresh · /cx help',
      ),
    ],
  };
}
