import type { Invocation } from '../../core/invocation.js';
import { tokenize } from '../../core/parse.js';
import { context, type Reply } from '../../render/reply.js';
import type { SlackContext } from './context.js';
import { type SlackConversation, SlackResponder } from './responder.js';
import { WorkingNote } from './working-note.js';

const workingNote = (what: string): Reply => ({
  tone: 'neutral',
  private: true,
  blocks: [context('⏳ Working on ', { code: what }, '…')],
});

/** What the note calls the gesture: its command's name only, as the line may hold a password. */
function commandName(ctx: SlackContext, line: string): string {
  try {
    const found = ctx.app.catalog.resolve(tokenize(line));
    return found ? `/cx ${found.command.name}` : '/cx';
  } catch {
    return '/cx';
  }
}

/** Routes one gesture as the person who made it, answering through `conversation`. */
export async function runGesture(
  ctx: SlackContext,
  invocation: Invocation,
  conversation: SlackConversation,
): Promise<void> {
  const responder = new WorkingNote(
    new SlackResponder(conversation),
    workingNote(commandName(ctx, invocation.text)),
    ctx.workingNoteMs,
    ctx.log,
  );
  try {
    await ctx.app.router.handle(invocation, responder);
  } finally {
    responder.finish();
  }
}
