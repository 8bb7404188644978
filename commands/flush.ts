import { serverActionCommand } from '../src/core/server-action.js';

export default serverActionCommand({
  action: 'flush',
  risk: 'change',
  verb: 'flush',
  summary: 'Force an update of a dispatcher (load balancer)',
  effect: 'Forces a server update: the dispatcher reloads its configuration and its list of switches.',
});
