import { serverActionCommand } from '../src/core/server-action.js';

export default serverActionCommand({
  action: 'stop',
  risk: 'disruptive',
  verb: 'stop',
  summary: 'Stop a server: it takes no calls until started again',
  effect: 'Deactivates the server: it takes no calls until someone starts it again.',
  calls: 'will be cut',
});
