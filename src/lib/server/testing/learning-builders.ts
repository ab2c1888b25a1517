import type { ParticipantActor } from '../access/actor.ts';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { createParticipantsRepository } from '../collaborations/participants.repository.ts';
import type { Locale } from '../db/schema.ts';
import { scheduleLearningConversation, type LinkDelivery, type PrintableLink } from '../preparation/schedule.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from './builders.ts';
import { actorsOf } from './conversation-builders.ts';
import type { TestContext } from './test-context.ts';

/** Builders for learning conversations: planned through the scheduling usecase, in phase 'preparation'. */

export interface BuiltLearningConversation {
	admin: BuiltStaff;
	professional: BuiltStaff;
	collaborationId: string;
	conversationId: string;
	scheduledOn: string;
	professionalPartyId: string;
	participantIds: string[];
	/** One per participant, in build order; devices bound to their party (as a claimed link gives). */
	participants: ParticipantActor[];
	printLinks: PrintableLink[];
}

export async function buildLearningConversation(
	ctx: TestContext,
	options: {
		participants?: number;
		/** E-mail address and language per participant index (in build order). */
		emails?: Record<number, { email: string; locale?: Locale }>;
		/** How each participant (by index) gets a link; 'print' by default. */
		deliveries?: Record<number, LinkDelivery>;
		daysAhead?: number;
		professional?: BuiltStaff;
	} = {}
): Promise<BuiltLearningConversation> {
	const admin = options.professional ? undefined : await buildOrganisation(ctx);
	const professional = options.professional ?? (await buildStaff(ctx, admin!, { roles: ['professional'] }));
	const { collaborationId, participantIds } = await buildCollaboration(ctx, professional, { participants: options.participants ?? 2 });
	const participantsRepo = createParticipantsRepository(ctx.db);
	for (const [index, contact] of Object.entries(options.emails ?? {})) {
		const participant = (await participantsRepo.listParticipants(professional.organisationId, collaborationId)).find(
			(p) => p.id === participantIds[Number(index)]
		)!;
		await participantsRepo.updateParticipant(professional.organisationId, collaborationId, participant.id, {
			displayName: participant.displayName,
			audience: participant.audience,
			locale: contact.locale ?? 'nl',
			email: contact.email
		});
	}
	const scheduledOn = addDaysToDate(todayInAmsterdam(ctx.clock.now()), options.daysAhead ?? 7);
	const deliveries = Object.fromEntries(participantIds.map((id, index) => [id, options.deliveries?.[index] ?? 'print']));
	const scheduled = await scheduleLearningConversation({ ctx, actor: professional, collaborationId, scheduledOn, deliveries });
	const actors = await actorsOf(ctx, professional, scheduled.conversationId, participantIds);
	return {
		admin: admin ?? professional,
		professional,
		collaborationId,
		conversationId: scheduled.conversationId,
		scheduledOn,
		participantIds,
		printLinks: scheduled.printLinks,
		...actors
	};
}
