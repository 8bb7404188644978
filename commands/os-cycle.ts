import { serverActionCommand } from '../src/core/server-action.js';

export default serverActionCommand({
  action: 'os-cycle',
  risk: 'disruptive',
  verb: 'OS cycle',
  summary: 'Shut a server down through its operating system and bring it back',
  effect: "Shuts the server down using the operating system's own mechanisms, then brings it back up.",
  calls: 'will be cut',
});
