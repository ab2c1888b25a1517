import type { DomainErrorCode } from '../shared/errors.ts';
import type { TrajectoryConsent } from '../db/schema.ts';
import type { CalendarDate, MomentState } from './trajectories.models.ts';

/**
 * Yes/no rules of a trajectory: who may fill in a moment, who may read a buddy-log entry, and
 * whose data a report may contain.
 */

/** Only a participant who said yes is in a report or an export; declined, withdrawn and pending never are. */
export function isReportable(consent: TrajectoryConsent): boolean {
	return consent === 'given';
}

/** Whether a participant has stopped taking part by `today` (a stop may be set for a later day). */
export function hasStopped(stoppedOn: CalendarDate | null, today: CalendarDate): boolean {
	return stoppedOn !== null && stoppedOn <= today;
}

/** Why a participant may not fill in a moment now, or null when they may. */
export function refusalToFillMoment(input: {
	state: MomentState;
	stoppedOn: CalendarDate | null;
	today: CalendarDate;
}): DomainErrorCode | null {
	if (hasStopped(input.stoppedOn, input.today)) return 'trajectory.participant_stopped';
	if (input.state === 'closed') return 'trajectory.moment_closed';
	if (input.state === 'upcoming') return 'trajectory.moment_not_open';
	return null;
}

/**
 * Whether a participant said no to the report: declined, or withdrew their yes. They still take
 * part (their own pages work as before), but nothing more about them is collected through a
 * client: a client's answers serve the report alone (the participant never sees them), and the
 * report leaves them out. Pending is not a no: the answers count once they say yes.
 */
export function hasRefusedConsent(consent: TrajectoryConsent): boolean {
	return consent === 'declined' || consent === 'withdrawn';
}

/**
 * Why a participant's client may not answer through the participant's link now, or null when they
 * may: the participant said no to the report, or cannot fill in the moment themselves.
 */
export function refusalOfClientLink(input: {
	consent: TrajectoryConsent;
	state: MomentState;
	stoppedOn: CalendarDate | null;
	today: CalendarDate;
}): DomainErrorCode | null {
	if (hasRefusedConsent(input.consent)) return 'trajectory.participant_no_consent';
	return refusalToFillMoment(input);
}

export interface BuddyEntryVisibility {
	authorId: string;
	pairId: string;
	shared: boolean;
}

/**
 * A participant reads their own entries, and their buddy's entries only when shared; never an
 * entry of another pair. Nobody else (coordinators included) reads the log's text.
 */
export function canReadBuddyEntry(viewer: { participantId: string; pairId: string | null }, entry: BuddyEntryVisibility): boolean {
	if (entry.authorId === viewer.participantId) return true;
	return viewer.pairId !== null && entry.pairId === viewer.pairId && entry.shared;
}

/** The consent statement stays as people answered it: it can change only while nobody has answered. */
export function canChangeConsentText(consents: readonly TrajectoryConsent[]): boolean {
	return consents.every((consent) => consent === 'pending');
}
