import { describe, expect, it } from 'vitest';
import { dueReminderSkipReason, participantRecipientSkipReason, staffRecipientSkipReason } from './reminders.policy.ts';

describe('whether a queued mail still goes out', () => {
	it('a staff member is mailed while active, not once deactivated or gone', () => {
		expect(staffRecipientSkipReason({ status: 'active' })).toBeNull();
		expect(staffRecipientSkipReason({ status: 'deactivated' })).toBe('recipient_deactivated');
		expect(staffRecipientSkipReason(undefined)).toBe('recipient_gone');
	});

	it('a participant is mailed only with an address, while taking part in an open collaboration', () => {
		const open = { status: 'open' as const };
		const participant = { removedAt: null, email: 'p@example.nl' };
		expect(participantRecipientSkipReason(participant, open)).toBeNull();
		expect(participantRecipientSkipReason({ ...participant, email: null }, open)).toBe('no_email');
		expect(participantRecipientSkipReason({ ...participant, email: '' }, open)).toBe('no_email');
		expect(participantRecipientSkipReason({ ...participant, removedAt: '2026-01-01T00:00:00.000Z' }, open)).toBe('recipient_removed');
		expect(participantRecipientSkipReason(participant, { status: 'closed' })).toBe('collaboration_closed');
		expect(participantRecipientSkipReason(participant, undefined)).toBe('collaboration_gone');
		expect(participantRecipientSkipReason(undefined, open)).toBe('recipient_gone');
	});

	it('a due reminder goes out for an open collaboration, to its professional, for the date still planned', () => {
		const collaboration = { status: 'open' as const, nextDueOn: '2026-04-01' };
		expect(dueReminderSkipReason(collaboration, { dueOn: '2026-04-01', isProfessional: true })).toBeNull();
		expect(dueReminderSkipReason({ ...collaboration, status: 'closed' }, { dueOn: '2026-04-01', isProfessional: true })).toBe(
			'collaboration_closed'
		);
		expect(dueReminderSkipReason(collaboration, { dueOn: '2026-04-01', isProfessional: false })).toBe('not_a_professional');
		expect(dueReminderSkipReason(collaboration, { dueOn: '2026-03-30', isProfessional: true })).toBe('date_changed');
		expect(dueReminderSkipReason({ ...collaboration, nextDueOn: null }, { dueOn: '2026-04-01', isProfessional: true })).toBe(
			'date_changed'
		);
		expect(dueReminderSkipReason(undefined, { dueOn: '2026-04-01', isProfessional: true })).toBe('collaboration_gone');
	});
});
