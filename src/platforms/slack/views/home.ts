import type { HomeView } from '@slack/types';
import { renderBlockKit } from '../../../render/blockkit.js';
import type { Reply } from '../../../render/reply.js';

/** A Reply as the App Home tab: the same blocks a message would carry. */
export function homeView(reply: Reply): HomeView {
  return { type: 'home', blocks: renderBlockKit(reply).blocks };
}
