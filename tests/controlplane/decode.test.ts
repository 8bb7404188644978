import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from '../../src/controlplane/decode.js';
import * as schemas from '../../src/domain/schemas.js';
import { aServer } from './fixtures.js';

const RESPONSE_SCHEMAS = {
  ServerList: schemas.ServerList,
  Server: schemas.Server,
  Job: schemas.Job,
  JobList: schemas.JobList,
  ClusterList: schemas.ClusterList,
  RtpServerList: schemas.RtpServerList,
  ZoneList: schemas.ZoneList,
  Account: schemas.Account,
  WriteOk: schemas.WriteOk,
  CreatedOk: schemas.CreatedOk,
  DeployOk: schemas.DeployOk,
  ActionOk: schemas.ActionOk,
};

describe('response schemas', () => {
  // The client's speed on big fleets rests on zod's compiled fast path; a schema change that
  // silently drops a schema back to the interpreter should fail here, not in a benchmark.
  it.each(Object.entries(RESPONSE_SCHEMAS))('%s compiles to zod fast path', (_name, schema) => {
    expect(() => z.compile(schema, { strict: true })).not.toThrow();
  });

  it('the compiled server list accepts and rejects exactly what the schema does', () => {
    const compiled = z.compile(schemas.ServerList);
    const samples = [
      [aServer(1), aServer(2, { cluster_id: 4, members: [1] })],
      [aServer(1, { channels: -1 })],
      [aServer(1, { cps: Number.NaN })],
      [{ ...aServer(1), config: { ...aServer(1).config, udp_ports: [70_000] } }],
      [aServer(1, { status: 'gone' as never })],
    ];
    for (const sample of samples) {
      expect(compiled.safeParse(sample).success).toBe(schemas.ServerList.safeParse(sample).success);
    }
  });
});

describe('describeIssues', () => {
  const issuesOf = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) throw new Error('expected issues');
    return result.error.issues;
  };

  it('names the root when the whole answer has the wrong type', () => {
    expect(describeIssues(issuesOf(schemas.ServerList, { servers: [] }), 'servers')).toBe(
      'servers: expected array, got object',
    );
  });

  it('tells a null from a missing field', () => {
    expect(describeIssues(issuesOf(schemas.Zone, { id: null, name: 'UK' }), 'zone')).toBe(
      'zone.id: expected number, got null',
    );
  });

  it('speaks of bounds in words', () => {
    expect(describeIssues(issuesOf(schemas.Job, { ...job(), progress: 140 }), 'job')).toBe(
      'job.progress: must be at most 100',
    );
    expect(describeIssues(issuesOf(schemas.ServerList, [aServer(1, { channels: -3 })]), 'servers')).toBe(
      'servers[0].channels: must be at least 0',
    );
  });

  it('quotes keys that are not plain names', () => {
    const schema = z.object({ 'odd key': z.number() });
    expect(describeIssues(issuesOf(schema, {}), 'x')).toBe('x["odd key"]: missing (expected number)');
  });
});

function job() {
  return {
    id: 1,
    server_id: 2,
    action: 'start',
    status: 'done',
    progress: 100,
    created: 'now',
    finished: null,
    error: null,
  };
}
