import { startQuickCheck } from '../conversations/conversations.usecases.ts';
import { createParticipationRepository } from '../participation/participation.repository.ts';
import { claimParticipant } from '../participation/participation.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff, type BuiltStaff } from './builders.ts';
import type { TestContext } from './test-context.ts';

export interface RunningConversation {
	professional: BuiltStaff;
	collaborationId: string;
	conversationId: string;
	organisationId: string;
	code: string;
	/** Participant parties in the order of the collaboration's participants. */
	partyIds: string[];
}

let addressSequence = 0;

/** A fresh client address per call, so one test's attempts never count against another's budget. */
export function nextAddress(): string {
	addressSequence += 1;
	return `192.0.2.${addressSequence % 250}-${addressSequence}`;
}

/** A quick check started through the conversation engine, with its join code. */
export async function buildRunningConversation(
	ctx: TestContext,
	options: { professional?: BuiltStaff; participants?: number } = {}
): Promise<RunningConversation> {
	const professional = options.professional ?? (await buildStaff(ctx, await buildOrganisation(ctx), { roles: ['professional'] }));
	const { collaborationId, participantIds } = await buildCollaboration(ctx, professional, { participants: options.participants ?? 2 });
	const { conversationId } = await startQuickCheck({ ctx, actor: professional, collaborationId });
	const repo = createParticipationRepository(ctx.db);
	const conversation = await repo.findConversation(professional.organisationId, conversationId);
	if (!conversation?.joinCode) throw new Error('the engine gave the conversation no join code');
	const parties = await repo.listParticipantParties(professional.organisationId, conversationId);
	const partyIds = participantIds.map((participantId) => parties.find((p) => p.participantId === participantId)!.partyId);
	return {
		professional,
		collaborationId,
		conversationId,
		organisationId: professional.organisationId,
		code: conversation.joinCode,
		partyIds
	};
}

/** Joins on an own device as the participant of `partyId`. */
export async function joinAs(ctx: TestContext, world: RunningConversation, partyId: string) {
	return claimParticipant({ ctx, code: world.code, partyId, clientAddress: nextAddress() });
}
