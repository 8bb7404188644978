import { serverActionCommand } from '../src/core/server-action.js';

export default serverActionCommand({
  action: 'install',
  risk: 'disruptive',
  verb: 'install',
  summary: 'Install the latest script on a server (applies a waiting update)',
  effect: 'Installs the latest script on the server; its SIP service restarts to load it.',
  calls: 'may be cut',
});
