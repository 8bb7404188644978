import { z } from 'zod';
import { zone } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import type { RtpServer } from '../src/domain/schemas.js';
import { commandLine } from '../src/render/command-line.js';
import { pickName } from '../src/render/name-match.js';
import { actions, type Block, context, header, table, text } from '../src/render/reply.js';
import { countBy } from '../src/render/server-views.js';

const args = z.object({ zone: zone('Only the RTP servers of this zone').optional() });

const byZoneThenAlias = (a: RtpServer, b: RtpServer) =>
  a.zone.localeCompare(b.zone) || a.alias.localeCompare(b.alias) || a.ip.localeCompare(b.ip);

function zonesWithRtp(servers: readonly RtpServer[]): string {
  return [...countBy(servers, (s) => s.zone)].map(([name, n]) => `${name} (${n})`).join(', ');
}

export default defineCommand({
  name: 'rtp',
  group: 'fleet',
  summary: 'RTP servers (streaming media): IP, alias and zone',
  examples: ['rtp', 'rtp --zone UK'],
  risk: 'read',
  args,
  async run(ctx, input) {
    const [all, zones] = await Promise.all([ctx.controlPlane.listRtpServers(), ctx.controlPlane.listZones()]);
    const wanted =
      input.zone === undefined
        ? undefined
        : pickName(
            'zone',
            input.zone,
            [...new Set([...zones.map((z) => z.name), ...all.map((s) => s.zone)])].sort(),
            'Type /cx zones to see them.',
          );
    const shown = all.filter((s) => wanted === undefined || s.zone === wanted).sort(byZoneThenAlias);
    if (wanted !== undefined && shown.length === 0) {
      throw new UserError(
        `No RTP servers in zone ${wanted}.`,
        all.length > 0
          ? `Zones with RTP servers: ${zonesWithRtp(all)}. Type /cx rtp for all.`
          : 'There are no RTP servers at all.',
      );
    }
    const counted =
      wanted === undefined ? `${all.length}` : `${shown.length} of ${all.length} · zone ${wanted}`;
    const blocks: Block[] = [header(`RTP servers · ${counted}`)];
    if (shown.length === 0) blocks.push(text('There are no RTP servers on this account.'));
    else
      blocks.push(
        table(
          ['IP', 'ALIAS', 'ZONE'],
          shown.map((s) => [s.ip, s.alias, s.zone]),
        ),
      );
    blocks.push(context('RTP servers carry the media (audio) of calls; the SIP servers are in /cx servers.'));
    blocks.push(actions({ label: 'Refresh', command: commandLine('rtp', [], { zone: wanted }) }));
    return { tone: 'info', blocks };
  },
});
