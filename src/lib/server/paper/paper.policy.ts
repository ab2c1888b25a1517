import type { DomainErrorCode } from '#lib/server/shared/errors.ts';

/**
 * Who may have answers typed in from paper, and when (docs/decisions/020). The blind rule holds
 * on paper too: the professional gives their own ratings first (on the screen or from their own
 * paper form), and only then types in a client's paper, which they then read.
 */

export interface PaperParty {
	id: string;
	kind: 'participant' | 'professional';
	userId: string | null;
	present: boolean;
	submittedAt: string | null;
}

/** Why `targetId`'s paper answers cannot be typed in by the staff member `userId` now, or null when they can. */
export function paperEntryRefusal(parties: readonly PaperParty[], targetId: string, userId: string): DomainErrorCode | null {
	const target = parties.find((party) => party.id === targetId);
	// Another professional's own form is theirs to type in: not found, like any party out of reach.
	if (!target || (target.kind === 'professional' && target.userId !== userId)) return 'not_found';
	if (target.submittedAt !== null) return 'paper.already_entered';
	if (!target.present) return 'conversation.party_absent';
	const professionals = parties.filter((party) => party.kind === 'professional');
	if (target.kind === 'participant' && (professionals.length === 0 || professionals.some((party) => party.submittedAt === null)))
		return 'paper.own_first';
	return null;
}
