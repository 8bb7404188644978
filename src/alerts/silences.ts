import type { Silence } from '../store/silences-repo.js';
import type { Finding } from './findings.js';

/**
 * Whether a silence covers a finding. A cluster's silence covers the cluster's own alerts and
 * those of its servers (a server finding carries its cluster); `all` covers everything, the
 * control plane's own alert included.
 */
export function silenceCovers(silence: Pick<Silence, 'scope' | 'target'>, finding: Finding): boolean {
  switch (silence.scope) {
    case 'all':
      return true;
    case 'rule':
      return finding.rule === silence.target;
    case 'server':
      return finding.subject === `server:${silence.target}`;
    case 'cluster':
      return finding.cluster !== undefined && String(finding.cluster.id) === silence.target;
  }
}

/** The first of `silences` that covers the finding. */
export function coveringSilence<S extends Pick<Silence, 'scope' | 'target'>>(
  silences: readonly S[],
  finding: Finding,
): S | undefined {
  return silences.find((silence) => silenceCovers(silence, finding));
}

export function isInForce(silence: Pick<Silence, 'startsAt' | 'endsAt'>, at: Date): boolean {
  return silence.startsAt.getTime() <= at.getTime() && at.getTime() < silence.endsAt.getTime();
}
