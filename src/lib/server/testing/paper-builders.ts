import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import type { AppContext } from '../context.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { isDomainError } from '../shared/errors.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltCollaboration, type BuiltStaff } from './builders.ts';
import type { TestContext } from './test-context.ts';

/**
 * The world the paper entry tests (paper.*.integration.test.ts) share: the days a paper can carry,
 * the refusal an entry meets, and the professionals and conversations around the one typed in.
 */

export const DAY = 24 * 60 * 60_000;

/** Today in the Netherlands by the test clock (YYYY-MM-DD): the day a paper filled in now carries. */
export const today = (ctx: AppContext) => todayInAmsterdam(ctx.clock.now());

/** The day `days` from today in the Netherlands by the test clock (negative: before today). */
export const daysFromToday = (ctx: AppContext, days: number) => todayInAmsterdam(new Date(ctx.clock.now().getTime() + days * DAY));

/** The domain error code an entry is refused with; any other failure, or none, fails the test. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (caught) {
		if (isDomainError(caught)) return caught.code;
		throw caught;
	}
	throw new Error('not refused');
}

/** Everything a refused quick check or session feedback entry could have changed. */
export async function snapshotOfAnswers(ctx: AppContext, organisationId: string, conversationId: string) {
	const repo = createConversationsRepository(ctx.db);
	return {
		conversation: await repo.findConversation(organisationId, conversationId),
		parties: await repo.listParties(organisationId, conversationId),
		ratings: await repo.countRatings(organisationId, conversationId)
	};
}

/**
 * Those who may not type in a conversation's paper: a colleague of its organisation who is a
 * professional and a team lead, and the professional of a like conversation in another organisation.
 */
export async function buildOutsiders<Context extends AppContext, Elsewhere>(
	ctx: Context,
	organisation: { organisationId: string },
	buildElsewhere: (ctx: Context) => Promise<Elsewhere>
): Promise<{ colleague: BuiltStaff; elsewhere: Elsewhere }> {
	const colleague = await buildStaff(ctx, organisation, { roles: ['professional', 'teamLead'] });
	const elsewhere = await buildElsewhere(ctx);
	return { colleague, elsewhere };
}

/**
 * A professional with a collaboration of two participants that began three days before its
 * conversation, which `start` starts now: so a paper day can be before the collaboration, before
 * the conversation, or neither.
 */
export async function buildConversationStartedLater(
	ctx: TestContext,
	start: (input: { ctx: AppContext; actor: BuiltStaff; collaborationId: string }) => Promise<{ conversationId: string }>
): Promise<{ professional: BuiltStaff; collaboration: BuiltCollaboration; conversationId: string }> {
	const admin = await buildOrganisation(ctx);
	const professional = await buildStaff(ctx, admin, { roles: ['professional'] });
	const collaboration = await buildCollaboration(ctx, professional, { participants: 2 });
	ctx.clock.advance(3 * DAY);
	const { conversationId } = await start({ ctx, actor: professional, collaborationId: collaboration.collaborationId });
	return { professional, collaboration, conversationId };
}
