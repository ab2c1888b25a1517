import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '#lib/server/conversations/conversations.repository.ts';
import { buildFeedbackView, type FeedbackViewInput } from './feedback.views.ts';

function input(phase: ConversationRecord['phase'], viewer: FeedbackViewInput['viewer']): FeedbackViewInput {
	return {
		conversation: {
			id: 'conv',
			organisationId: 'org',
			collaborationId: 'col',
			method: 'sessionFeedback',
			instrumentId: 'ins',
			phase,
			startedBy: 'pro',
			startedAt: '2026-01-01T10:00:00.000Z',
			revealedAt: null,
			endedAt: null,
			joinCode: 'ACDEFG',
			summary: null,
			version: 3
		},
		viewer,
		instrument: {
			key: 'session-feedback',
			version: 1,
			name: 'Feedback',
			items: [{ key: 'overall', pictogram: 'star', label: 'Het gesprek', text: 'Hoe was het?', lang: 'nl' }],
			scale: { min: 'niet goed', max: 'heel goed', points: 10, smileys: [] }
		},
		parties: [
			{
				id: 'mother',
				kind: 'participant',
				participantId: 'p1',
				userId: null,
				present: true,
				submittedAt: '2026-01-01T10:01:00.000Z',
				displayName: 'Moeder',
				audience: 'adult'
			},
			{
				id: 'sam',
				kind: 'participant',
				participantId: 'p2',
				userId: null,
				present: true,
				submittedAt: null,
				displayName: 'Sam',
				audience: 'child'
			}
		],
		// Whatever the caller loaded: the view filters again.
		ratings: [
			{ conversationId: 'conv', partyId: 'mother', instrumentId: 'ins', itemKey: 'overall', value: 80 },
			{ conversationId: 'conv', partyId: 'sam', instrumentId: 'ins', itemKey: 'overall', value: 25 }
		]
	};
}

describe('buildFeedbackView', () => {
	it("gives the professional no participant's answer while the feedback runs, even when they were loaded", () => {
		const view = buildFeedbackView(input('rating', { kind: 'professional' }));
		expect(view.answers).toEqual([]);
		expect(JSON.stringify(view)).not.toContain('80');
		expect(view.parties.map((p) => p.submitted)).toEqual([true, false]);
		expect(view.canClose).toBe(true);
	});

	it('gives the professional every answer once closed', () => {
		const view = buildFeedbackView(input('closed', { kind: 'professional' }));
		expect(view.answers).toEqual([
			{ partyId: 'mother', values: { overall: 80 } },
			{ partyId: 'sam', values: { overall: 25 } }
		]);
		expect(view.canClose).toBe(false);
	});

	it("gives a participant their own answers and never another participant's", () => {
		const view = buildFeedbackView(input('closed', { kind: 'participant', partyId: 'sam' }));
		expect(view.answers).toEqual([{ partyId: 'sam', values: { overall: 25 } }]);
		expect(view.viewer).toEqual({ kind: 'participant', partyId: 'sam', audience: 'child' });
		expect(view.canClose).toBe(false);
	});

	it('lets a participant send only once, and only while it runs', () => {
		expect(buildFeedbackView(input('rating', { kind: 'participant', partyId: 'sam' })).canSubmit).toBe(true);
		expect(buildFeedbackView(input('rating', { kind: 'participant', partyId: 'mother' })).canSubmit).toBe(false);
		expect(buildFeedbackView(input('abandoned', { kind: 'participant', partyId: 'sam' })).canSubmit).toBe(false);
	});
});
