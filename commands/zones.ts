import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { commandLine } from '../src/render/command-line.js';
import { actions, type Block, context, header, table, text } from '../src/render/reply.js';
import { countBy } from '../src/render/server-views.js';

export default defineCommand({
  name: 'zones',
  group: 'fleet',
  summary: 'Zones, with how many servers and RTP servers each has',
  examples: ['zones'],
  risk: 'read',
  args: z.object({}),
  async run(ctx) {
    const [zones, servers, rtp] = await Promise.all([
      ctx.controlPlane.listZones(),
      ctx.fleet.servers(),
      ctx.controlPlane.listRtpServers(),
    ]);
    const switches = countBy(
      servers.filter((s) => s.type === 'switch'),
      (s) => s.zone,
    );
    const dispatchers = countBy(
      servers.filter((s) => s.type === 'dispatcher'),
      (s) => s.zone,
    );
    const media = countBy(rtp, (s) => s.zone);
    // A server can sit in a zone the zone list no longer offers: show it rather than lose it.
    const names = [
      ...new Set([...zones.map((z) => z.name), ...switches.keys(), ...dispatchers.keys(), ...media.keys()]),
    ].sort((a, b) => a.localeCompare(b));
    const rows = names.map((name) => {
      const [sw, lb, r] = [switches.get(name) ?? 0, dispatchers.get(name) ?? 0, media.get(name) ?? 0];
      return [name, String(sw + lb), String(sw), String(lb), String(r)];
    });
    const right = (label: string) => ({ label, align: 'right' as const });
    const blocks: Block[] = [
      header(`Zones · ${names.length} · ${servers.length} servers · ${rtp.length} RTP servers`),
    ];
    if (rows.length === 0) blocks.push(text('No zones are offered on this account.'));
    else {
      blocks.push(
        table(['ZONE', right('SERVERS'), right('SWITCHES'), right('DISPATCHERS'), right('RTP')], rows),
      );
      blocks.push(context(`Servers of one zone: ${commandLine('servers', [], { zone: names[0] })}`));
    }
    blocks.push(actions({ label: 'Refresh', command: commandLine('zones') }));
    return { tone: 'info', blocks };
  },
});
