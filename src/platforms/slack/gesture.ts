import type { Invocation } from '../../core/invocation.js';
import { context, type Reply } from '../../render/reply.js';
import type { SlackContext } from './context.js';
import { type SlackConversation, SlackResponder } from './responder.js';
import { WorkingNote } from './working-note.js';

const workingNote = (what: string): Reply => ({
  tone: 'neutral',
  private: true,
  blocks: [context('⏳ Working on ', { code: what }, '…')],
});

/** What the note calls the gesture: the typed line, or the command a click or a form runs. */
const gestureName = (invocation: Invocation) => `/cx ${invocation.text.replace(/^\/cx\s*/i, '')}`.trim();

/** Routes one gesture as the person who made it, answering through `conversation`. */
export async function runGesture(
  ctx: SlackContext,
  invocation: Invocation,
  conversation: SlackConversation,
): Promise<void> {
  const responder = new WorkingNote(
    new SlackResponder(conversation),
    workingNote(gestureName(invocation)),
    ctx.workingNoteMs,
    ctx.log,
  );
  try {
    await ctx.app.router.handle(invocation, responder);
  } finally {
    responder.finish();
  }
}
