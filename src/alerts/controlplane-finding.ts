import type { Finding } from './findings.js';
import { durationText, momentText, plural } from './format.js';

export interface Unreachable {
  /** The control plane's base URL, without credentials. */
  baseUrl: string;
  failedPolls: number;
  /** When the first failed poll of the run happened, and now. */
  since: Date;
  at: Date;
  /** The last error, as fit to show a user (a ControlPlaneError message). */
  error: string;
  timeZone: string;
}

/** The poller's own alert, worded like the rules' findings so the engine handles it the same way. */
export function controlPlaneUnreachable(u: Unreachable): Finding {
  return {
    rule: 'controlplane-unreachable',
    subject: 'controlplane',
    severity: 'critical',
    title: `Control plane unreachable · ${u.baseUrl}`,
    lines: [
      `${plural(u.failedPolls, 'poll')} in a row failed since ${momentText(u.since, u.at, u.timeZone)} (${durationText(u.at.getTime() - u.since.getTime())}).`,
      `Last error: ${u.error}`,
      'Fleet alerts cannot change until it answers again.',
    ],
    values: { failedPolls: u.failedPolls },
  };
}
