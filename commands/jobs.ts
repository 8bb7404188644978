import { z } from 'zod';
import { server as serverArg } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { findServer } from '../src/core/fleet.js';
import { commandLine } from '../src/render/command-line.js';
import { actions, type Block, context, header, table, text } from '../src/render/reply.js';
import { JOB_COLUMNS, jobRows, newestFirst, serverLabel, serverRef } from '../src/render/server-views.js';

const JOBS_SHOWN = 20;

export default defineCommand({
  name: 'jobs',
  group: 'fleet',
  summary: "A server's recent jobs (installs, restarts, deploys): status, progress, timing, errors",
  examples: ['jobs ams-sw-1', 'jobs 203.0.113.42'],
  risk: 'read',
  args: z.object({ server: serverArg('The server whose jobs to show: IP, alias or id') }),
  positional: ['server'],
  async run(ctx, input) {
    const all = await ctx.fleet.servers();
    const server = findServer(all, input.server);
    const jobs = newestFirst(await ctx.controlPlane.listJobs(server.id));
    const now = ctx.now();
    const ref = serverRef(server, all);
    const blocks: Block[] = [header(`Jobs · ${serverLabel(server)}`)];
    if (jobs.length === 0) {
      blocks.push(text(`No jobs for ${server.alias} yet: actions such as restart or install show up here.`));
    } else {
      const shown = jobs.slice(0, JOBS_SHOWN);
      blocks.push(table(JOB_COLUMNS, jobRows(shown, now)));
      const running = jobs.filter((j) => j.status === 'queued' || j.status === 'running').length;
      const summary = [`newest ${shown.length} of ${jobs.length}`];
      if (running > 0) summary.push(`${running} not finished yet`);
      blocks.push(context(summary.join(' · ')));
    }
    blocks.push(
      actions(
        { label: 'Refresh', command: commandLine('jobs', [ref]) },
        { label: 'Server', command: commandLine('server', [ref]) },
      ),
    );
    const failed = jobs[0]?.status === 'failed';
    return { tone: failed ? 'warning' : 'info', blocks };
  },
});
