import { z } from 'zod';
import { DeployRequest, ServerAction, ServerStatus, ServerType, ServerUpdate } from '../../domain/schemas.js';
import { notFound } from '../api-error.js';
import { parseInput, wholeNumberParam } from '../http/input.js';
import { okReply, rawJsonReply } from '../http/reply.js';
import type { Route } from '../http/router.js';
import { runAction } from '../ops/actions.js';
import { updateServer } from '../ops/configure.js';
import { deployServer } from '../ops/deploy.js';
import { addMember, removeMember } from '../ops/members.js';
import type { Plane } from '../plane.js';

const ServerFilter = z.strictObject({
  cluster_id: wholeNumberParam.optional(),
  type: ServerType.optional(),
  status: ServerStatus.optional(),
  zone: z.string().min(1).optional(),
  _limit: wholeNumberParam.optional(),
});
const ActionRequest = z.strictObject({ action: ServerAction });
const MemberRequest = z.strictObject({ server_id: z.number().int().positive() });

/** Servers: list, read, configure, deploy, actions and dispatcher members. */
export function serverRoutes(plane: Plane): Route[] {
  const inTransaction = <T>(work: () => T): T => plane.db.transaction(work)();
  return [
    {
      method: 'GET',
      path: 'setup/server',
      handler: ({ query }) => {
        const { _limit, ...filter } = parseInput(ServerFilter, query, 'query');
        return rawJsonReply(plane.servers.listJson({ ...filter, limit: _limit }));
      },
    },
    {
      method: 'POST',
      path: 'setup/server',
      handler: ({ body }) => {
        const request = parseInput(DeployRequest.strict(), body, 'body');
        return okReply(
          inTransaction(() => deployServer(plane, request)),
          201,
        );
      },
    },
    {
      method: 'GET',
      path: 'setup/server/:id',
      handler: ({ params }) => {
        const json = plane.servers.getJson(params.id!);
        if (json === undefined) throw notFound(`No server with id ${params.id}.`);
        return rawJsonReply(json);
      },
    },
    {
      method: 'PUT',
      path: 'setup/server/:id',
      handler: ({ params, body }) => {
        const update = parseInput(ServerUpdate.strict(), body, 'body');
        inTransaction(() => updateServer(plane, params.id!, update));
        return okReply();
      },
    },
    {
      method: 'POST',
      path: 'setup/server/:id/action',
      handler: ({ params, body }) => {
        const { action } = parseInput(ActionRequest, body, 'body');
        return okReply(
          inTransaction(() => runAction(plane, params.id!, action)),
          202,
        );
      },
    },
    {
      method: 'POST',
      path: 'setup/server/:id/member',
      handler: ({ params, body }) => {
        const { server_id } = parseInput(MemberRequest, body, 'body');
        inTransaction(() => addMember(plane, params.id!, server_id));
        return okReply();
      },
    },
    {
      method: 'DELETE',
      path: 'setup/server/:id/member/:server_id',
      handler: ({ params }) => {
        inTransaction(() => removeMember(plane, params.id!, params.server_id!));
        return okReply();
      },
    },
  ];
}
