import { z } from 'zod';
import { ServerStatus } from '../../domain/schemas.js';
import { conflict } from '../api-error.js';
import { generateFleet, MAX_GENERATED_SERVERS } from '../fleet/generated-fleet.js';
import { FaultSettings, type Faults } from '../http/faults.js';
import { parseInput } from '../http/input.js';
import { jsonReply, okReply } from '../http/reply.js';
import type { Route } from '../http/router.js';
import { type Plane, serverOr404 } from '../plane.js';
import type { SimClock } from '../sim/clock.js';
import { failJob } from '../sim/jobs.js';
import type { Simulation } from '../sim/simulation.js';

const YEAR_SECONDS = 365 * 86_400;

/** Raw live fields: set exactly as given, with none of the side effects a real status change has. */
const SimServerPatch = z
  .strictObject({
    // Tests point a server at a local SIP peer (127.0.0.1) to probe it without leaving the machine.
    ip: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' }),
    channels: z.number().int().min(0),
    channels_max: z.number().int().min(0),
    cps: z.number().min(0),
    cps_max: z.number().min(0),
    status: ServerStatus,
    expires: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value).toISOString())
      .nullable(),
    stale: z.boolean(),
    sip_latency_ms: z.number().min(0).nullable(),
    icmp_latency_ms: z.number().min(0).nullable(),
  })
  .partial();
const SimAccountPatch = z
  .strictObject({ balance: z.number().finite(), getting_started_done: z.boolean() })
  .partial();
const FleetRequest = z.strictObject({
  count: z.number().int().min(0).max(MAX_GENERATED_SERVERS),
  seed: z.number().int().min(0).default(1),
});
const TickRequest = z.strictObject({ seconds: z.number().positive().max(YEAR_SECONDS) });
const ClockRequest = z.strictObject({
  running: z.boolean(),
  speed: z.number().positive().max(1_000_000).optional(),
});
const JobFailure = z.strictObject({ error: z.string().trim().min(1).max(500) });

export interface SimDeps {
  plane: Plane;
  simulation: Simulation;
  clock: SimClock;
  faults: Faults;
}

/** The `_sim/` handle: only the embedded plane has it (CONTROL-PLANE-API.md, last section). */
export function simRoutes({ plane, simulation, clock, faults }: SimDeps): Route[] {
  const clockReply = (fields: Record<string, unknown>) => ({
    ...fields,
    ...clock.state(),
    now: plane.time.iso(),
  });
  return [
    {
      method: 'POST',
      path: '_sim/server/:id',
      handler: ({ params, body }) => {
        const patch = parseInput(SimServerPatch, body, 'body');
        const server = serverOr404(plane, params.id!);
        if (patch.ip !== undefined && patch.ip !== server.ip && plane.servers.usedIps().has(patch.ip)) {
          throw conflict(`${patch.ip} is already the address of another server or an RTP server.`);
        }
        plane.servers.update(params.id!, patch);
        return okReply();
      },
    },
    {
      method: 'POST',
      path: '_sim/account',
      handler: ({ body }) => {
        plane.account.set(parseInput(SimAccountPatch, body, 'body'));
        return okReply();
      },
    },
    {
      method: 'POST',
      path: '_sim/fleet',
      handler: ({ body }) => {
        const { count, seed } = parseInput(FleetRequest, body, 'body');
        plane.db.transaction(() => generateFleet(plane, count, seed))();
        return okReply({ count });
      },
    },
    {
      method: 'POST',
      path: '_sim/tick',
      handler: ({ body }) => {
        const { seconds } = parseInput(TickRequest, body, 'body');
        simulation.advance(seconds, clock.state().running);
        return okReply({ now: plane.time.iso() });
      },
    },
    { method: 'GET', path: '_sim/clock', handler: () => jsonReply(clockReply({})) },
    {
      method: 'POST',
      path: '_sim/clock',
      handler: ({ body }) => {
        clock.set(parseInput(ClockRequest, body, 'body'));
        return okReply(clockReply({}));
      },
    },
    {
      method: 'POST',
      path: '_sim/faults',
      handler: ({ body }) => okReply(faults.set(parseInput(FaultSettings, body ?? {}, 'body'))),
    },
    {
      method: 'POST',
      path: '_sim/job/:id',
      handler: ({ params, body }) => {
        const { error } = parseInput(JobFailure, body, 'body');
        plane.db.transaction(() => failJob(plane, params.id!, error))();
        return okReply();
      },
    },
  ];
}
