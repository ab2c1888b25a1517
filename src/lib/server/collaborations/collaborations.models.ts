import { domainError } from '../shared/errors.ts';

/**
 * Pure rules for collaborations: calendar dates in Europe/Amsterdam, when the next conversation
 * is due, and what a client label may not look like. No database, no clock: callers pass "now".
 */

/** A calendar date, 'YYYY-MM-DD'. */
export type CalendarDate = string;

export type DueState = 'none' | 'planned' | 'due' | 'overdue';

/** A conversation counts as "due" from this many days before its date (a fortnight to plan it). */
export const DUE_SOON_DAYS = 14;

export const MIN_RHYTHM_WEEKS = 1;
export const MAX_RHYTHM_WEEKS = 104;
export const LABEL_MAX_LENGTH = 40;

const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Amsterdam',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The date it is in the Netherlands at `now` (so 23:30 UTC on 31 March is already 1 April). */
export function todayInAmsterdam(now: Date): CalendarDate {
	return amsterdamDate.format(now);
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day between 2000 and 2199 written as YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
	const match = DATE_PATTERN.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < 2000 || year > 2199) return false;
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toUtcDate(date: CalendarDate): Date {
	if (!isCalendarDate(date)) throw new Error(`not a calendar date: ${date}`);
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, day));
}

/** Calendar arithmetic: whole days, unaffected by daylight saving time. */
export function addDaysToDate(date: CalendarDate, days: number): CalendarDate {
	const result = toUtcDate(date);
	result.setUTCDate(result.getUTCDate() + days);
	// eslint-disable-next-line no-restricted-syntax -- a calendar date at UTC midnight, not an instant: its UTC date is the date
	return result.toISOString().slice(0, 10);
}

/** The date of the next conversation `rhythmWeeks` after `from`; null when the rhythm is manual. */
export function nextDueFromRhythm(rhythmWeeks: number | null, from: CalendarDate): CalendarDate | null {
	if (rhythmWeeks === null) return null;
	return addDaysToDate(from, rhythmWeeks * 7);
}

/**
 * Where a collaboration stands: 'overdue' once its date has passed, 'due' from DUE_SOON_DAYS
 * before it, 'planned' before that, and 'none' without a date or once closed.
 */
export function dueState(input: { status: 'open' | 'closed'; nextDueOn: CalendarDate | null }, today: CalendarDate): DueState {
	if (input.status === 'closed' || input.nextDueOn === null) return 'none';
	if (input.nextDueOn < today) return 'overdue';
	if (input.nextDueOn <= addDaysToDate(today, DUE_SOON_DAYS)) return 'due';
	return 'planned';
}

/**
 * A label is a pseudonym (initials, a nickname). Eight or more digits in a row, also when split
 * by spaces, dots or dashes, look like a BSN (9 digits, older ones 8) or another personal number.
 */
export function looksLikeNationalId(label: string): boolean {
	return /\d(?:[\s.-]?\d){7,}/.test(label);
}

const labelCollator = new Intl.Collator('nl', { numeric: true });

/** Open collaborations first; within each, the soonest date first (none last), then by label. */
export function compareForList(
	a: { status: 'open' | 'closed'; nextDueOn: CalendarDate | null; label: string; id: string },
	b: { status: 'open' | 'closed'; nextDueOn: CalendarDate | null; label: string; id: string }
): number {
	if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
	if (a.nextDueOn !== b.nextDueOn) {
		if (a.nextDueOn === null) return 1;
		if (b.nextDueOn === null) return -1;
		return a.nextDueOn < b.nextDueOn ? -1 : 1;
	}
	return labelCollator.compare(a.label, b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Changes need an open collaboration; a missing one is not found, a closed one says so. */
export function requireOpen<T extends { status: 'open' | 'closed' }>(collaboration: T | undefined): T {
	if (!collaboration) throw domainError('not_found');
	if (collaboration.status === 'closed') throw domainError('collaboration.closed');
	return collaboration;
}
