import type { Plane } from '../plane.js';
import { expireEveryServer } from './expiry.js';

/** What a server that has not expired costs per day; chosen so the demo account's runway is about 19 days. */
export const DAILY_COST_PER_SERVER = 3;

export function dailySpend(billableServers: number): number {
  return billableServers * DAILY_COST_PER_SERVER;
}

/** Drains the balance for `seconds` of running servers; when it runs out, the servers expire. */
export function chargeForTime(plane: Plane, seconds: number): void {
  const billable = plane.servers.countWhereStatusNot('expired');
  if (billable === 0) return;
  const { before, after } = plane.account.charge((dailySpend(billable) * seconds) / 86_400);
  if (before > 0 && after <= 0) expireEveryServer(plane);
}
