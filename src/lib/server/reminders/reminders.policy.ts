import type { MembershipStatus } from '../db/schema.ts';

/**
 * Pure rules: may this mail still go out when its job runs? Each returns the reason it may not
 * (a code for the log), or null. Checked at run time, because a lot can change between
 * enqueueing and sending: a collaboration closes, a professional leaves, an address is removed.
 */

export type SkipReason =
	| 'recipient_gone'
	| 'recipient_deactivated'
	| 'recipient_removed'
	| 'no_email'
	| 'collaboration_gone'
	| 'collaboration_closed'
	| 'not_a_professional'
	| 'date_changed';

/** Staff are mailed while their membership of the organisation is active. */
export function staffRecipientSkipReason(member: { status: MembershipStatus } | undefined): SkipReason | null {
	if (!member) return 'recipient_gone';
	if (member.status !== 'active') return 'recipient_deactivated';
	return null;
}

/** A participant is mailed while they take part in an open collaboration and gave an address. */
export function participantRecipientSkipReason(
	participant: { removedAt: string | null; email: string | null } | undefined,
	collaboration: { status: 'open' | 'closed' } | undefined
): SkipReason | null {
	if (!participant) return 'recipient_gone';
	if (participant.removedAt !== null) return 'recipient_removed';
	if (!participant.email) return 'no_email';
	if (!collaboration) return 'collaboration_gone';
	if (collaboration.status !== 'open') return 'collaboration_closed';
	return null;
}

/**
 * The "conversation due" reminder still fits: the collaboration is open, the recipient still
 * works on it, and the date it announces is still the planned one (a conversation held since, or
 * a new date, makes it stale; a new date gets a reminder of its own).
 */
export function dueReminderSkipReason(
	collaboration: { status: 'open' | 'closed'; nextDueOn: string | null } | undefined,
	input: { dueOn: string; isProfessional: boolean }
): SkipReason | null {
	if (!collaboration) return 'collaboration_gone';
	if (collaboration.status !== 'open') return 'collaboration_closed';
	if (!input.isProfessional) return 'not_a_professional';
	if (collaboration.nextDueOn !== input.dueOn) return 'date_changed';
	return null;
}
