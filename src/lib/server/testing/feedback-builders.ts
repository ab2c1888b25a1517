import type { Actor, ParticipantActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import type { Audience } from '../db/schema.ts';
import { getParticipantFeedbackPage, startSessionFeedback } from '../feedback/feedback.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from './builders.ts';
import { participantActorFor } from './conversation-builders.ts';

/** The four items of session feedback v1. */
export const FEEDBACK_ITEM_KEYS = ['relationship', 'goals', 'approach', 'overall'] as const;

/** The same value for every session feedback item. */
export function feedbackOf(value: number): Record<string, number> {
	return Object.fromEntries(FEEDBACK_ITEM_KEYS.map((key) => [key, value]));
}

export interface BuiltSessionFeedback {
	professional: BuiltStaff;
	collaborationId: string;
	conversationId: string;
	/** One per participant, in the order they were built. */
	participants: ParticipantActor[];
}

/** An organisation, a professional, a collaboration with participants, and session feedback started in it. */
export async function buildSessionFeedback(
	ctx: AppContext,
	options: { participants?: number; audience?: Audience; professional?: BuiltStaff } = {}
): Promise<BuiltSessionFeedback> {
	const professional = options.professional ?? (await buildStaff(ctx, await buildOrganisation(ctx), { roles: ['professional'] }));
	const collaboration = await buildCollaboration(ctx, professional, {
		participants: options.participants ?? 1,
		audience: options.audience
	});
	const { conversationId } = await startSessionFeedback({ ctx, actor: professional, collaborationId: collaboration.collaborationId });
	const participants: ParticipantActor[] = [];
	for (const participantId of collaboration.participantIds) {
		participants.push(await participantActorFor(ctx, { organisationId: professional.organisationId, conversationId, participantId }));
	}
	return { professional, collaborationId: collaboration.collaborationId, conversationId, participants };
}

/**
 * Session feedback as the device's own page (/c/feedback) shows it, through the page's one read
 * (getParticipantFeedbackPage): the device's own conversation only. Fails the test when the
 * device's conversation is not session feedback.
 */
export async function readFeedbackAsParticipant(ctx: AppContext, actor: Actor) {
	const { view } = await getParticipantFeedbackPage({ ctx, actor });
	if (!view) throw new Error('/c/feedback shows no feedback for this device');
	return view;
}
