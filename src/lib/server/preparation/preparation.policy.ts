import type { ConversationPhase } from '#lib/server/db/schema.ts';

/**
 * Who sees a preparation: its owner always; anyone else (the other party, the professional, a
 * co-professional) only once the owner shared it. Team leads and admins never reach a
 * conversation at all (access/permissions.ts).
 */
export function canSeePreparation(viewerPartyId: string | null, ownerPartyId: string, sharedAt: string | null): boolean {
	if (viewerPartyId !== null && viewerPartyId === ownerPartyId) return true;
	return sharedAt !== null;
}

/** A preparation is written before the conversation starts; after that it is what it was. */
export function canEditPreparation(phase: ConversationPhase): boolean {
	return phase === 'preparation';
}

/** A shared part can be taken back until the conversation starts; after that, what was said was said. */
export function canTakeBackPreparation(phase: ConversationPhase): boolean {
	return phase === 'preparation';
}

/** Sharing brings it into the conversation: possible until the conversation has ended. */
export function canSharePreparation(phase: ConversationPhase): boolean {
	return phase !== 'closed' && phase !== 'abandoned';
}
