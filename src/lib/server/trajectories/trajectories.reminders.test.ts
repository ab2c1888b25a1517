import { describe, expect, it } from 'vitest';
import { dueReminderKind } from './trajectories.reminders.ts';

describe('reminders', () => {
	const moment = { opensOn: '2026-03-01', closesOn: '2026-03-10' };
	it('the opened reminder is due once the moment opens, and only once', () => {
		expect(dueReminderKind({ ...moment, sent: [] }, '2026-02-28')).toBeNull();
		expect(dueReminderKind({ ...moment, sent: [] }, '2026-03-01')).toBe('opened');
		expect(dueReminderKind({ ...moment, sent: ['opened'] }, '2026-03-05')).toBeNull();
	});

	it('two days before the close the closing reminder is due, instead of a late opened one', () => {
		expect(dueReminderKind({ ...moment, sent: ['opened'] }, '2026-03-08')).toBe('closing');
		expect(dueReminderKind({ ...moment, sent: [] }, '2026-03-09')).toBe('closing');
		expect(dueReminderKind({ ...moment, sent: ['closing'] }, '2026-03-10')).toBeNull();
		expect(dueReminderKind({ ...moment, sent: [] }, '2026-03-11')).toBeNull();
	});
});
