import { z } from 'zod';
import { cannot, guardedCommand } from '../src/core/actions.js';
import { text as textArg } from '../src/core/args.js';
import { CLUSTER_CPS_NOTE } from '../src/render/cards.js';
import { context, text } from '../src/render/reply.js';

const args = z.object({
  name: textArg('A name for the new cluster, e.g. eu-core', 64).regex(
    /^[a-z0-9][a-z0-9._-]*$/i,
    'must be letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. eu-core)',
  ),
});

export default guardedCommand({
  name: 'cluster create',
  group: 'config',
  summary: 'Create a cluster: its servers share dialogues, locations and one CPS limit',
  examples: ['cluster create eu-core'],
  risk: 'change',
  args,
  positional: ['name'],
  async check(ctx, { name }) {
    const clusters = await ctx.controlPlane.listClusters();
    const taken = clusters.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (taken)
      throw cannot(
        `create cluster ${name}`,
        `a cluster named ${taken.name} exists already`,
        'Type /cx clusters to see them.',
      );
    return { name };
  },
  card(_ctx, { name }) {
    return {
      title: `Create cluster ${name}`,
      blocks: [
        text(CLUSTER_CPS_NOTE),
        context(
          `Then put servers in it: /cx deploy ... cluster=${name}, or /cx config <server> cluster=${name}.`,
        ),
      ],
      confirmLabel: 'Confirm create',
    };
  },
  async send(ctx, { name }) {
    const { id } = await ctx.controlPlane.createCluster(name);
    return { tone: 'success', blocks: [text(`Cluster ${name} created (id ${id}).`)] };
  },
});
