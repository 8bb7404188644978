import { decisionCommand } from '../src/core/decision-command.js';

export default decisionCommand(
  'cancel',
  'Cancel a pending request (what the Cancel button does): your own, or any as an approver',
);
