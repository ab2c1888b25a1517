import { describe, expect, it } from 'vitest';
import {
	addDaysToDate,
	compareForList,
	dueState,
	isCalendarDate,
	looksLikeNationalId,
	nextDueFromRhythm,
	requireOpen,
	todayInAmsterdam
} from './collaborations.models.ts';

describe('todayInAmsterdam', () => {
	it('is the Dutch date, which runs ahead of UTC in the evening', () => {
		expect(todayInAmsterdam(new Date('2025-01-15T22:59:59Z'))).toBe('2025-01-15');
		expect(todayInAmsterdam(new Date('2025-01-15T23:00:00Z'))).toBe('2025-01-16'); // CET, UTC+1
		expect(todayInAmsterdam(new Date('2025-07-15T21:59:59Z'))).toBe('2025-07-15');
		expect(todayInAmsterdam(new Date('2025-07-15T22:00:00Z'))).toBe('2025-07-16'); // CEST, UTC+2
	});

	it('follows the switch to and from summer time', () => {
		expect(todayInAmsterdam(new Date('2025-03-30T00:30:00Z'))).toBe('2025-03-30');
		expect(todayInAmsterdam(new Date('2025-10-25T22:30:00Z'))).toBe('2025-10-26');
		expect(todayInAmsterdam(new Date('2025-12-31T23:00:00Z'))).toBe('2026-01-01');
	});
});

describe('calendar dates', () => {
	it('accepts real days only', () => {
		expect(isCalendarDate('2024-02-29')).toBe(true);
		expect(isCalendarDate('2025-02-29')).toBe(false);
		expect(isCalendarDate('2025-04-31')).toBe(false);
		expect(isCalendarDate('2025-13-01')).toBe(false);
		expect(isCalendarDate('2025-1-01')).toBe(false);
		expect(isCalendarDate('01-01-2025')).toBe(false);
		expect(isCalendarDate('1999-12-31')).toBe(false);
		expect(isCalendarDate('')).toBe(false);
	});

	it('adds whole days across months, years and summer time', () => {
		expect(addDaysToDate('2025-01-31', 1)).toBe('2025-02-01');
		expect(addDaysToDate('2024-12-25', 7)).toBe('2025-01-01');
		expect(addDaysToDate('2025-03-29', 2)).toBe('2025-03-31');
		expect(addDaysToDate('2025-03-01', -1)).toBe('2025-02-28');
	});

	it('refuses to calculate with something that is not a date', () => {
		expect(() => addDaysToDate('next week', 1)).toThrow();
	});
});

describe('nextDueFromRhythm', () => {
	it('plans the next conversation N weeks on', () => {
		expect(nextDueFromRhythm(12, '2025-01-06')).toBe('2025-03-31');
		expect(nextDueFromRhythm(1, '2025-12-29')).toBe('2026-01-05');
	});

	it('plans nothing with a manual rhythm', () => {
		expect(nextDueFromRhythm(null, '2025-01-06')).toBeNull();
	});
});

describe('dueState', () => {
	const today = '2025-05-10';
	const open = (nextDueOn: string | null) => ({ status: 'open' as const, nextDueOn });

	it('is overdue once the date has passed, not on the day itself', () => {
		expect(dueState(open('2025-05-09'), today)).toBe('overdue');
		expect(dueState(open('2024-12-01'), today)).toBe('overdue');
		expect(dueState(open('2025-05-10'), today)).toBe('due');
	});

	it('is due within the next fourteen days, planned after that', () => {
		expect(dueState(open('2025-05-24'), today)).toBe('due');
		expect(dueState(open('2025-05-25'), today)).toBe('planned');
	});

	it('is nothing without a date, or once the collaboration is closed', () => {
		expect(dueState(open(null), today)).toBe('none');
		expect(dueState({ status: 'closed', nextDueOn: '2025-01-01' }, today)).toBe('none');
	});
});

describe('looksLikeNationalId', () => {
	it('catches 8 and 9 digit numbers, also with spaces, dots or dashes', () => {
		for (const label of ['123456782', '12345678', 'Fam 123456782', '1234.56.782', '123 456 782', '12-34-56-78', 'J.123456789x']) {
			expect(looksLikeNationalId(label), label).toBe(true);
		}
	});

	it('lets initials, nicknames and short numbers through', () => {
		for (const label of ['Fam. J.', 'Sam (12)', 'Gezin 7', 'M. 2024', 'K-1234567', '12 34 56 7', 'Team 1, kamer 23']) {
			expect(looksLikeNationalId(label), label).toBe(false);
		}
	});
});

describe('compareForList', () => {
	it('puts open first, then the soonest date, undated last, then by label', () => {
		const items = [
			{ id: '1', status: 'closed' as const, nextDueOn: '2025-01-01', label: 'A' },
			{ id: '2', status: 'open' as const, nextDueOn: null, label: 'B' },
			{ id: '3', status: 'open' as const, nextDueOn: '2025-06-01', label: 'C' },
			{ id: '4', status: 'open' as const, nextDueOn: '2025-05-01', label: 'D' },
			{ id: '5', status: 'open' as const, nextDueOn: null, label: 'a' },
			{ id: '6', status: 'open' as const, nextDueOn: '2025-05-01', label: 'Gezin 10' },
			{ id: '7', status: 'open' as const, nextDueOn: '2025-05-01', label: 'Gezin 9' }
		];
		expect(items.toSorted(compareForList).map((i) => i.id)).toEqual(['4', '7', '6', '3', '5', '2', '1']);
	});
});

describe('requireOpen', () => {
	it('passes an open collaboration, refuses a closed one and a missing one', () => {
		expect(requireOpen({ status: 'open' })).toEqual({ status: 'open' });
		expect(() => requireOpen({ status: 'closed' })).toThrow(expect.objectContaining({ code: 'collaboration.closed' }));
		expect(() => requireOpen(undefined)).toThrow(expect.objectContaining({ code: 'not_found' }));
	});
});
