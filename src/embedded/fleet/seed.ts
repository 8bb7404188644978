import type { Plane } from '../plane.js';
import { DEMO_ACCOUNT, seedDemoFleet } from './demo-fleet.js';
import { ZONES } from './zones.js';

export type SeedKind = 'demo' | 'empty';

/** ConnexCS's own media servers: there on every account. */
const RTP_SERVERS = [
  { ip: '192.0.2.10', alias: 'rtp-lon-1', zone: 'UK' },
  { ip: '192.0.2.11', alias: 'rtp-ams-1', zone: 'Amsterdam' },
  { ip: '192.0.2.12', alias: 'rtp-nyc-1', zone: 'USA East' },
] as const;

/**
 * Fills a new database. `empty` is a brand-new account: no servers, no balance, Getting Started
 * not done yet (set them with `_sim/account`).
 */
export function seedPlane(plane: Plane, kind: SeedKind): void {
  plane.db.transaction(() => {
    for (const zone of ZONES) plane.catalog.addZone(zone.name);
    for (const rtp of RTP_SERVERS) plane.catalog.addRtpServer(rtp);
    if (kind === 'empty') {
      plane.account.create({ ...DEMO_ACCOUNT, balance: 0, getting_started_done: false });
      return;
    }
    plane.account.create(DEMO_ACCOUNT);
    seedDemoFleet(plane);
  })();
}
