import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import { itemKeys, renderItems, renderScale } from '#lib/server/instruments/instruments.models.ts';
import { samenSterkerV1 } from '#lib/server/instruments/samen-sterker-v1.ts';
import type { RatingRecord } from './conversations.answers.repository.ts';
import { PHASES } from './conversations.models.ts';
import { buildConversationView, type ConversationViewInput } from './conversations.views.ts';

const content = samenSterkerV1.content;
const KEYS = itemKeys(content);
const SECRET = 13;

function input(phase: ConversationPhase, viewer: { partyId: string | null; kind: 'participant' | 'professional' }): ConversationViewInput {
	const rating = (partyId: string, value: number): RatingRecord[] =>
		KEYS.map((itemKey) => ({ conversationId: 'c1', partyId, instrumentId: 'i1', itemKey, value }));
	const submitted = '2025-01-01T10:00:00.000Z';
	const typedByParty = { mostNotedByProfessional: false, leastNotedByProfessional: false };
	return {
		conversation: {
			id: 'c1',
			organisationId: 'o1',
			collaborationId: 'col1',
			method: 'quickCheck',
			instrumentId: 'i1',
			phase,
			startedBy: 'u1',
			startedAt: submitted,
			revealedAt: null,
			endedAt: null,
			joinCode: 'ACDEFG',
			summary: null,
			version: 3
		},
		viewer,
		instrument: {
			id: 'i1',
			key: 'samenSterker',
			version: 1,
			name: 'Samen Sterker',
			itemKeys: KEYS,
			items: renderItems(content, 'adult', 'nl', 'familyPlan'),
			scale: renderScale(content, 'nl')
		},
		parties: [
			{
				id: 'client',
				kind: 'participant',
				participantId: 'p1',
				userId: null,
				present: true,
				submittedAt: submitted,
				displayName: 'Moeder',
				audience: 'adult'
			},
			{
				id: 'pro',
				kind: 'professional',
				participantId: null,
				userId: 'u1',
				present: true,
				submittedAt: submitted,
				displayName: 'Anna',
				audience: 'professional'
			}
		],
		// Deliberately everything, as if a caller loaded too much: the builder must still hide it.
		ratings: [...rating('client', 60), ...rating('pro', SECRET)],
		reflections: [
			{ partyId: 'client', itemKey: 'omgang', mostSatisfied: 'Eerlijk', leastSatisfied: null, ...typedByParty, updatedAt: submitted },
			{ partyId: 'pro', itemKey: 'omgang', mostSatisfied: 'Geheim', leastSatisfied: null, ...typedByParty, updatedAt: submitted }
		],
		agreements: [],
		reviews: []
	};
}

describe('buildConversationView', () => {
	it("a client cannot see the professional's rating before the reveal", () => {
		for (const phase of ['review', 'rating', 'abandoned'] as const) {
			const view = buildConversationView(input(phase, { partyId: 'client', kind: 'participant' }));
			expect(JSON.stringify(view), phase).not.toContain(`"value":${SECRET}`);
			expect(JSON.stringify(view), phase).not.toContain(`:${SECRET}`);
			expect(JSON.stringify(view), phase).not.toContain('Geheim');
			expect(view.ratings.map((r) => r.partyId)).toEqual(['client']);
			expect(view.ownRatings?.omgang).toBe(60);
			expect(view.gaps).toBeNull();
		}
	});

	it("a professional cannot see the client's rating before the reveal", () => {
		const view = buildConversationView(input('rating', { partyId: 'pro', kind: 'professional' }));
		expect(view.ratings.map((r) => r.partyId)).toEqual(['pro']);
		expect(JSON.stringify(view)).not.toContain('Eerlijk');
	});

	it('shows every party its own and the others’ ratings from the reveal on, with the gaps', () => {
		for (const phase of PHASES.filter((p) => ['revealed', 'reflection', 'agreement', 'closed'].includes(p))) {
			const view = buildConversationView(input(phase, { partyId: 'client', kind: 'participant' }));
			expect(view.ratings.map((r) => r.partyId)).toEqual(['client', 'pro']);
			expect(view.gaps?.[0]).toMatchObject({ spread: 60 - SECRET, highlighted: true });
			expect(view.reflections.map((r) => r.mostSatisfied)).toEqual(['Eerlijk', 'Geheim']);
		}
	});

	it('tells who has submitted without telling what', () => {
		const view = buildConversationView(input('rating', { partyId: 'client', kind: 'participant' }));
		expect(view.parties).toEqual([
			expect.objectContaining({ id: 'client', submitted: true, isViewer: true, displayName: 'Moeder' }),
			expect.objectContaining({ id: 'pro', submitted: true, isViewer: false, displayName: 'Anna' })
		]);
	});

	it('gives the join code to the professional only', () => {
		expect(buildConversationView(input('rating', { partyId: 'pro', kind: 'professional' })).joinCode).toBe('ACDEFG');
		expect(buildConversationView(input('rating', { partyId: 'client', kind: 'participant' })).joinCode).toBeNull();
	});

	it('offers submitting only to a party that has not submitted yet', () => {
		const data = input('rating', { partyId: 'client', kind: 'participant' });
		expect(buildConversationView(data).allowedActions).toEqual([]);
		data.parties[0] = { ...data.parties[0]!, submittedAt: null };
		expect(buildConversationView(data).allowedActions).toEqual(['submitRatings']);
		const coProfessional = buildConversationView(input('rating', { partyId: null, kind: 'professional' }));
		expect(coProfessional.allowedActions).toEqual(['markPresence', 'enterPaper', 'revealNow', 'abandon']);
	});
});
