import type { ConversationPhase } from '#lib/server/db/schema.ts';
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

/**
 * Why a participant's paper session feedback cannot be typed in now, or null when it can. Session
 * feedback has no professional party and nothing to be blind about on the professional's side: the
 * client handed the paper over, as a device sends its answers. Only the feedback's own participants,
 * once each, and only those present.
 */
export function paperFeedbackRefusal(parties: readonly PaperParty[], targetId: string): DomainErrorCode | null {
	const target = parties.find((party) => party.id === targetId);
	if (!target || target.kind !== 'participant') return 'not_found';
	if (target.submittedAt !== null) return 'paper.already_entered';
	if (!target.present) return 'conversation.party_absent';
	return null;
}

/**
 * Why a participant's paper preparation cannot be typed in now, or null when it can: only a
 * participant's (the professional writes their own on the screen), once (a preparation already
 * written on a device or typed in from paper stays as it is), while the conversation has not
 * ended (handing the paper over shares it, and sharing is possible until the end), and only of a
 * party taking part.
 */
export function paperPreparationRefusal(
	target: { kind: 'participant' | 'professional'; present: boolean } | undefined,
	state: { prepared: boolean; ended: boolean }
): DomainErrorCode | null {
	if (!target || target.kind !== 'participant') return 'not_found';
	if (state.prepared) return 'paper.preparation_exists';
	if (state.ended) return 'conversation.ended';
	if (!target.present) return 'conversation.party_absent';
	return null;
}

/** A learning conversation takes paper sheets from its sheets step until it ends: sheets exist from then on. */
export const PAPER_SHEET_PHASES: readonly ConversationPhase[] = ['sheets', 'actions', 'evaluation'];

/**
 * Why a party's side of a topic's sheet cannot be typed in from paper by the staff member
 * `userId` now, or null when it can. Every party's side, as on the screen (docs/decisions/013),
 * but a professional's only when it is their own (a co-professional types in their own paper,
 * docs/decisions/020); once per party and topic (a side already written, on a screen or from
 * paper, stays as it is; checked first, so a second entry says so even after the close); from
 * the sheets step until the conversation ends; only of a party taking part.
 */
export function paperSheetRefusal(
	parties: readonly Pick<PaperParty, 'id' | 'kind' | 'userId' | 'present'>[],
	targetId: string,
	userId: string,
	state: { written: boolean; phase: ConversationPhase }
): DomainErrorCode | null {
	const target = parties.find((party) => party.id === targetId);
	if (!target || (target.kind === 'professional' && target.userId !== userId)) return 'not_found';
	if (state.written) return 'paper.sheet_exists';
	if (state.phase === 'closed' || state.phase === 'abandoned') return 'conversation.ended';
	if (!PAPER_SHEET_PHASES.includes(state.phase)) return 'conversation.wrong_phase';
	if (!target.present) return 'conversation.party_absent';
	return null;
}
