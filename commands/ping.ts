import { z } from 'zod';
import { int, server as serverArg } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import type { Server } from '../src/domain/schemas.js';
import { sipUdpPorts, sipUdpTargets } from '../src/probe/targets.js';
import type { ProbeResult, ProbeTarget } from '../src/probe/types.js';
import { commandLine } from '../src/render/command-line.js';
import { duration, statusEmoji } from '../src/render/format.js';
import { actions, type Block, context, fields, header, type Tone, table } from '../src/render/reply.js';
import { serverLabel } from '../src/render/server-views.js';

const args = z.object({
  server: serverArg('The server: IP, alias or id'),
  port: int("One SIP UDP port; default: 5060 and the server's additional UDP ports", {
    min: 1,
    max: 65535,
  }).optional(),
});

/** Nearby answers take well under a millisecond: measured figures keep a decimal while small. */
function ms(value: number): string {
  const shown = Number.isInteger(value) || value >= 10 ? Math.round(value) : value.toFixed(1);
  return `${shown} ms`;
}

const waited = (value: number) => (value < 1_000 ? ms(value) : duration(value));

function resultRow(result: ProbeResult): string[] {
  const port = `UDP ${result.target.port}`;
  switch (result.outcome) {
    case 'answered':
      return [port, result.statusLine, ms(result.rttMs), String(result.transmissions)];
    case 'timeout':
      return [port, 'no answer', `gave up after ${waited(result.waitedMs)}`, String(result.transmissions)];
    case 'error':
      return [port, `not sent: ${result.message}`, '-', '0'];
  }
}

function toneOf(results: readonly ProbeResult[]): Tone {
  const answered = results.filter((r) => r.outcome === 'answered').length;
  if (answered === results.length) return 'success';
  return answered > 0 ? 'warning' : 'danger';
}

function insideText(server: Server): string {
  const part = (name: string, value: number | null) =>
    `${name} ${value === null ? 'not measured' : ms(value)}`;
  return `${part('SIP', server.sip_latency_ms)} · ${part('ICMP', server.icmp_latency_ms)}`;
}

/** What the figures mean for this server, when they need a word. */
function notes(server: Server, results: readonly ProbeResult[], port: number | undefined): string[] {
  const found: string[] = [];
  const ports = sipUdpPorts(server);
  if (port !== undefined && !ports.includes(port)) {
    found.push(`UDP ${port} is not one of its SIP UDP ports (${ports.join(', ')}).`);
  }
  if (server.status !== 'active') {
    found.push(`The control plane says it is ${server.status}: it is not expected to answer.`);
  } else if (results.some((r) => r.outcome === 'timeout') && results.every((r) => r.outcome !== 'answered')) {
    found.push(
      'The control plane says it is active, but it does not answer here: look at firewalls and routing between this network and the server.',
    );
  }
  return found;
}

function targetsOf(server: Server, port: number | undefined): ProbeTarget[] {
  if (server.ip === '') {
    throw new UserError(
      `${server.alias} has no IP address yet (it is ${server.status}).`,
      `Ping it once its deploy is delivered: /cx jobs ${server.alias}`,
    );
  }
  return port === undefined ? sipUdpTargets(server) : [{ host: server.ip, port }];
}

export default defineCommand({
  name: 'ping',
  group: 'fleet',
  summary: "SIP OPTIONS from Switchboard to a server: answer and round trip, next to the control plane's",
  examples: ['ping ams-sw-1', 'ping 203.0.113.42 5080'],
  risk: 'read',
  args,
  positional: ['server', 'port'],
  async run(ctx, input) {
    if (!ctx.probe) {
      throw new UserError(
        'This Switchboard runs no SIP prober, so it cannot ping servers itself.',
        "The control plane's own SIP and ICMP latency is in /cx server <server>.",
      );
    }
    const server = await ctx.fleet.resolveServer(input.server);
    const prober = ctx.probe;
    const results = await Promise.all(targetsOf(server, input.port).map((target) => prober.probe(target)));
    const blocks: Block[] = [
      header(`📡 SIP OPTIONS from Switchboard · ${serverLabel(server)}`),
      table(
        ['PORT', 'ANSWER', { label: 'ROUND TRIP', align: 'right' }, { label: 'SENT', align: 'right' }],
        results.map(resultRow),
      ),
      fields({
        'Control plane (from inside)': insideText(server),
        Status: `${statusEmoji(server.status)} ${server.status}`,
      }),
    ];
    const said = notes(server, results, input.port);
    if (said.length > 0) blocks.push(context(said.join(' ')));
    const again = commandLine('ping', input.port === undefined ? [input.server] : [input.server, input.port]);
    blocks.push(actions({ label: 'Ping again', command: again }));
    return { tone: toneOf(results), blocks };
  },
});
