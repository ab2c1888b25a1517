import { describe, expect, it } from 'vitest';
import { collaborationDueKey, DUE_REMINDER_LEAD_DAYS, dueReminderWindow, isInDueReminderWindow } from './reminders.models.ts';

describe('when a professional is reminded of a due conversation', () => {
	it('the reminder window runs from today to a week ahead, inclusive', () => {
		expect(DUE_REMINDER_LEAD_DAYS).toBe(7);
		expect(dueReminderWindow('2026-03-25')).toEqual({ from: '2026-03-25', to: '2026-04-01' });
	});

	it('a date exactly a week ahead is reminded of; eight days ahead is not yet', () => {
		expect(isInDueReminderWindow('2026-04-01', '2026-03-25')).toBe(true);
		expect(isInDueReminderWindow('2026-04-02', '2026-03-25')).toBe(false);
	});

	it('a date set for today or tomorrow is reminded of at once', () => {
		expect(isInDueReminderWindow('2026-03-25', '2026-03-25')).toBe(true);
		expect(isInDueReminderWindow('2026-03-26', '2026-03-25')).toBe(true);
	});

	it('a date already past gets no reminder any more', () => {
		expect(isInDueReminderWindow('2026-03-24', '2026-03-25')).toBe(false);
	});

	it('the window crosses month and year ends and the change to summer time by whole days', () => {
		expect(dueReminderWindow('2026-12-28')).toEqual({ from: '2026-12-28', to: '2027-01-04' });
		expect(dueReminderWindow('2026-03-27')).toEqual({ from: '2026-03-27', to: '2026-04-03' });
	});

	it('one reminder per collaboration, due date and professional: a new date is a new reminder', () => {
		const key = collaborationDueKey({ collaborationId: 'c1', dueOn: '2026-04-01', userId: 'u1' });
		expect(key).toBe(collaborationDueKey({ collaborationId: 'c1', dueOn: '2026-04-01', userId: 'u1' }));
		expect(key).not.toBe(collaborationDueKey({ collaborationId: 'c1', dueOn: '2026-04-02', userId: 'u1' }));
		expect(key).not.toBe(collaborationDueKey({ collaborationId: 'c1', dueOn: '2026-04-01', userId: 'u2' }));
	});
});
