import type { PartyKind } from '#lib/server/conversations/conversations.models.ts';
import type { DomainErrorCode } from '#lib/server/shared/errors.ts';

/**
 * Who may see and write what in a learning conversation, as pure rules. Everything said in the
 * conversation itself (safety, topics, sheets, wish cards, actions) is shared by its parties;
 * a preparation only once its owner has shared it; an evaluation only with its author and the
 * professional.
 */

export interface Viewer {
	kind: PartyKind;
	partyId: string | null;
}

export interface TargetParty {
	id: string;
	kind: PartyKind;
}

/** A preparation stays private until its owner shares it; only then does it appear in the conversation, for everyone. */
export function isPreparationVisible(preparation: { sharedAt: string | null }): boolean {
	return preparation.sharedAt !== null;
}

/** A party always sees their own evaluation; the professional, who learns from it, sees everyone's. */
export function canSeeEvaluationOf(viewer: Viewer, authorPartyId: string): boolean {
	return viewer.kind === 'professional' || (viewer.partyId !== null && viewer.partyId === authorPartyId);
}

/**
 * Why the viewer may not write this party's safety or sheet, or null. Everyone writes their own;
 * the professional may also note a participant's words on the shared screen. Anything else is
 * out of reach (not found), like another conversation's party.
 */
export function writeForRefusal(viewer: Viewer, target: TargetParty | undefined): DomainErrorCode | null {
	if (!target || viewer.partyId === null) return 'not_found';
	if (target.id === viewer.partyId) return null;
	return viewer.kind === 'professional' && target.kind === 'participant' ? null : 'not_found';
}

/**
 * Why the viewer may not write this side of a shared sheet, or null. The sheet is shared:
 * every party of the conversation writes every side, the participant as much as the
 * professional (docs/decisions/013). A party of another conversation is out of reach.
 */
export function sheetWriteRefusal(viewer: Viewer, target: TargetParty | undefined): DomainErrorCode | null {
	if (!target || viewer.partyId === null) return 'not_found';
	return null;
}

/** A wish card goes from a participant to the professional: handed by the participant, or noted for them by the professional. */
export function wishRefusal(viewer: Viewer, target: TargetParty | undefined): DomainErrorCode | null {
	if (!target || target.kind !== 'participant') return 'not_found';
	return writeForRefusal(viewer, target);
}

/** An evaluation is one's own: a participant without a phone evaluates on the handed-over device. */
export function evaluationRefusal(viewer: Viewer, target: TargetParty | undefined): DomainErrorCode | null {
	if (!target || viewer.partyId === null || target.id !== viewer.partyId) return 'not_found';
	return null;
}

/** A conversation discusses a handful of topics, not every card. */
export const MAX_TOPICS = 10;
