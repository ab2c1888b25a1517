import type { ParticipantLinkPurpose } from '../db/schema.ts';
import type { CalendarDate } from '../collaborations/collaborations.models.ts';
import { addDaysToDate } from '../collaborations/collaborations.models.ts';

/**
 * Pure rules of personal links (participant_links): when a link still opens, and how long it
 * may live. No database, no clock: callers pass "now".
 */

export type LinkPurpose = ParticipantLinkPurpose;
export const LINK_PURPOSES: readonly LinkPurpose[] = ['preparation', 'sessionFeedback'];

/** A link never lives longer than this, whatever the caller asks for. */
export const LINK_MAX_DAYS = 30;
/** When the caller names no end. */
export const LINK_DEFAULT_DAYS = 7;
/** A preparation link keeps working until the end of the day after the planned day. */
export const PREPARATION_LINK_DAYS_AFTER_PLANNED = 1;

/** 'replaced': a newer link for the same party and purpose ended it; 'revoked': the professional ended it. */
export type LinkState = 'open' | 'claimed' | 'expired' | 'revoked' | 'replaced';

export interface LinkFacts {
	expiresAt: string;
	claimedAt: string | null;
	/** The device that held the link stopped taking part: it opens again (claimedAt stays as it was). */
	releasedAt?: string | null;
	revokedAt: string | null;
	replacedBy?: string | null;
}

/** Ended (replaced, revoked) wins over claimed wins over expired: the message tells the most useful reason. */
export function linkState(link: LinkFacts, now: Date): LinkState {
	if (link.revokedAt !== null) return link.replacedBy ? 'replaced' : 'revoked';
	if (link.claimedAt !== null && !link.releasedAt) return 'claimed';
	if (link.expiresAt <= now.toISOString()) return 'expired';
	return 'open';
}

/** The end a link gets: the requested one (or the default), never past the maximum and never already over. */
export function linkExpiresAt(now: Date, requested?: Date | null): Date {
	const max = new Date(now.getTime() + LINK_MAX_DAYS * 86_400_000);
	const wanted = requested ?? new Date(now.getTime() + LINK_DEFAULT_DAYS * 86_400_000);
	if (wanted.getTime() <= now.getTime()) return new Date(now.getTime() + 3_600_000);
	return wanted.getTime() > max.getTime() ? max : wanted;
}

const amsterdamOffset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' });

function amsterdamOffsetMinutes(at: Date): number {
	const name = amsterdamOffset.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
	const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
	return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Midnight at the start of a calendar day in the Netherlands, as an instant. */
export function startOfDayInAmsterdam(date: CalendarDate): Date {
	const utcMidnight = new Date(`${date}T00:00:00Z`).getTime();
	// Guess with the offset at noon, then take the offset at the guess: right on the days daylight saving time switches too.
	const guess = new Date(utcMidnight - amsterdamOffsetMinutes(new Date(`${date}T12:00:00Z`)) * 60_000);
	return new Date(utcMidnight - amsterdamOffsetMinutes(guess) * 60_000);
}

/** Until the end of the day after the planned day (Dutch time). */
export function preparationLinkEnd(scheduledOn: CalendarDate): Date {
	return startOfDayInAmsterdam(addDaysToDate(scheduledOn, PREPARATION_LINK_DAYS_AFTER_PLANNED + 1));
}
