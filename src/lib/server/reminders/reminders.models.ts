import { addDaysToDate, type CalendarDate } from '../collaborations/collaborations.models.ts';

/**
 * When reminders go out. Pure: callers pass today's date in the Netherlands.
 *
 * A professional gets one reminder per due date of a collaboration, from DUE_REMINDER_LEAD_DAYS
 * before that date: a week is enough to agree on a moment with a family, and close enough not to
 * be forgotten. A date that is set (or comes into view) later than that — tomorrow, or today —
 * gets its reminder at once; a date already past gets none (the list shows it as overdue).
 */
export const DUE_REMINDER_LEAD_DAYS = 7;

/** The due dates that get a reminder today: from today up to DUE_REMINDER_LEAD_DAYS ahead, inclusive. */
export function dueReminderWindow(today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
	return { from: today, to: addDaysToDate(today, DUE_REMINDER_LEAD_DAYS) };
}

export function isInDueReminderWindow(dueOn: CalendarDate, today: CalendarDate): boolean {
	const { from, to } = dueReminderWindow(today);
	return dueOn >= from && dueOn <= to;
}

/**
 * One reminder per collaboration, due date and professional: two instances scheduling at once,
 * or one scheduling every few minutes, enqueue it once. A new date is a new reminder.
 */
export function collaborationDueKey(input: { collaborationId: string; dueOn: CalendarDate; userId: string }): string {
	return `${input.collaborationId}:${input.dueOn}:${input.userId}`;
}
