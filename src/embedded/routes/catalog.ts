import { z } from 'zod';
import { conflict, notFound } from '../api-error.js';
import { parseInput, wholeNumberParam } from '../http/input.js';
import { jsonReply, okReply } from '../http/reply.js';
import type { Route } from '../http/router.js';
import type { Plane } from '../plane.js';

const ListQuery = z.strictObject({ _limit: wholeNumberParam.optional() });
const JobQuery = ListQuery.extend({ server_id: wholeNumberParam.optional() });
const ClusterRequest = z.strictObject({ name: z.string().trim().min(1).max(64) });

/** Jobs, clusters, RTP servers, zones and the account. */
export function catalogRoutes(plane: Plane): Route[] {
  const limit = (query: Record<string, string>) => parseInput(ListQuery, query, 'query')._limit;
  return [
    {
      method: 'GET',
      path: 'setup/job',
      handler: ({ query }) => {
        const { server_id, _limit } = parseInput(JobQuery, query, 'query');
        return jsonReply(plane.jobs.list({ server_id, limit: _limit }));
      },
    },
    {
      method: 'GET',
      path: 'setup/job/:id',
      handler: ({ params }) => {
        const job = plane.jobs.get(params.id!);
        if (!job) throw notFound(`No job with id ${params.id}.`);
        return jsonReply(job);
      },
    },
    {
      method: 'GET',
      path: 'setup/cluster',
      handler: ({ query }) => jsonReply(plane.catalog.clusters(limit(query))),
    },
    {
      method: 'POST',
      path: 'setup/cluster',
      handler: ({ body }) => {
        const { name } = parseInput(ClusterRequest, body, 'body');
        if (plane.catalog.findClusterByName(name))
          throw conflict(`name: a cluster called "${name}" already exists.`);
        return okReply({ id: plane.catalog.addCluster(name) }, 201);
      },
    },
    {
      method: 'GET',
      path: 'setup/rtp',
      handler: ({ query }) => jsonReply(plane.catalog.rtpServers(limit(query))),
    },
    {
      method: 'GET',
      path: 'setup/server/rtp-group',
      handler: ({ query }) => jsonReply(plane.catalog.rtpGroups(limit(query))),
    },
    {
      method: 'GET',
      path: 'setup/zone',
      handler: ({ query }) => jsonReply(plane.catalog.zones(limit(query))),
    },
    { method: 'GET', path: 'setup/account', handler: () => jsonReply(plane.account.get()) },
  ];
}
