import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import { TEST_DECKS } from '../testing/learning-decks.ts';
import type { ConversationDeck } from './learning.models.ts';
import { buildLearningView, type LearningViewInput } from './learning.views.ts';

const decks: ConversationDeck[] = TEST_DECKS.map((deck, index) => ({
	id: `d${index}`,
	key: deck.key,
	kind: deck.kind,
	version: 1,
	content: deck.content
}));
const at = '2100-01-10T09:00:00.000Z';

function input(viewer: LearningViewInput['viewer'], phase: ConversationPhase = 'sheets'): LearningViewInput {
	const party = (id: string, kind: 'participant' | 'professional', name: string) => ({
		id,
		kind,
		participantId: kind === 'participant' ? `p-${id}` : null,
		userId: kind === 'professional' ? 'u1' : null,
		present: true,
		submittedAt: null,
		displayName: name,
		audience: kind === 'professional' ? ('professional' as const) : ('adult' as const)
	});
	return {
		conversation: {
			id: 'c1',
			organisationId: 'o1',
			collaborationId: 'col1',
			method: 'learningConversation',
			instrumentId: null,
			phase,
			startedBy: 'u1',
			startedAt: at,
			revealedAt: null,
			endedAt: null,
			joinCode: 'ACDEFG',
			summary: null,
			scheduledOn: '2100-01-10',
			version: 4
		},
		viewer,
		locale: 'nl',
		parties: [party('mother', 'participant', 'Moeder'), party('father', 'participant', 'Vader'), party('pro', 'professional', 'Anna')],
		decks,
		preparations: [
			{
				partyId: 'mother',
				wishes: 'Gedeeld',
				momentA: 'A',
				momentB: null,
				momentC: null,
				safetyJson: '["pause"]',
				safetyOwn: 'Rustig',
				sharedAt: at,
				cards: [
					{ deckId: 'd1', cardKey: 'gehoord-worden' },
					{ deckId: 'd0', cardKey: 'onze-aanpak' }
				]
			},
			// Loaded by mistake: the view still leaves it out.
			{
				partyId: 'father',
				wishes: 'PRIVÉ',
				momentA: null,
				momentB: null,
				momentC: null,
				safetyJson: '["time"]',
				safetyOwn: 'PRIVÉ',
				sharedAt: null,
				cards: []
			}
		],
		safety: [{ partyId: 'pro', suggestionsJson: '["honest"]', ownWords: null, updatedAt: at }],
		topics: [
			{ id: 't2', deckId: null, cardKey: null, ownText: 'School', position: 2, createdAt: at },
			{ id: 't1', deckId: 'd0', cardKey: 'onze-verbinding', ownText: null, position: 1, createdAt: at }
		].toSorted((a, b) => a.position - b.position),
		sheets: [{ topicId: 't1', partyId: 'father', aText: 'Vader A', bText: null, cText: 'Vader C', updatedAt: at }],
		wishes: [{ partyId: 'mother', deckId: 'd2', cardKey: 'luisteren-zonder-oordeel', handedAt: at }],
		moments: [{ id: 'm1', partyId: 'pro', atSeconds: 95, note: 'Hier', createdAt: at }],
		evaluations: [
			{ partyId: 'mother', clarity: 70, overall: 80, remark: null, updatedAt: at },
			{ partyId: 'pro', clarity: 90, overall: 90, remark: 'Goed', updatedAt: at }
		],
		agreements: [],
		reviews: []
	};
}

describe('buildLearningView', () => {
	it('shows only shared preparations, with their cards in deck order', () => {
		const view = buildLearningView(input({ kind: 'professional', partyId: 'pro' }));
		expect(view.preparations.map((p) => [p.partyId, p.wishes, p.cards.map((c) => c.key)])).toEqual([
			['mother', 'Gedeeld', ['onze-aanpak', 'gehoord-worden']]
		]);
		expect(JSON.stringify(view)).not.toContain('PRIVÉ');
	});

	it('fills in safety from a shared preparation until the party says it in the conversation', () => {
		const view = buildLearningView(input({ kind: 'participant', partyId: 'mother' }));
		expect(view.safety).toEqual([
			{ partyId: 'mother', suggestions: ['pause'], ownWords: 'Rustig', saved: false, fromPreparation: true },
			{ partyId: 'father', suggestions: [], ownWords: null, saved: false, fromPreparation: false },
			{ partyId: 'pro', suggestions: ['honest'], ownWords: null, saved: true, fromPreparation: false }
		]);
	});

	it('lists the topics in order, each with a sheet per party side by side', () => {
		const view = buildLearningView(input({ kind: 'participant', partyId: 'father' }));
		expect(view.topics.map((t) => [t.id, t.card?.title ?? t.ownText])).toEqual([
			['t1', 'Onze verbinding'],
			['t2', 'School']
		]);
		expect(view.topics[0]!.sheets).toEqual([
			{ partyId: 'mother', a: null, b: null, c: null, saved: false },
			{ partyId: 'father', a: 'Vader A', b: null, c: 'Vader C', saved: true },
			{ partyId: 'pro', a: null, b: null, c: null, saved: false }
		]);
		expect(view.wishes.map((w) => [w.partyId, w.card.title])).toEqual([['mother', 'Wil je zonder oordeel naar me luisteren?']]);
		expect(view.moments).toEqual([{ id: 'm1', partyId: 'pro', atSeconds: 95, time: '01:35', note: 'Hier' }]);
	});

	it('a participant sees only their own evaluation and no join code; the professional sees all and the code', () => {
		const mother = buildLearningView(input({ kind: 'participant', partyId: 'mother' }, 'evaluation'));
		expect(mother.evaluations.map((e) => e.partyId)).toEqual(['mother']);
		expect(mother.joinCode).toBeNull();
		const father = buildLearningView(input({ kind: 'participant', partyId: 'father' }, 'evaluation'));
		expect(father.evaluations).toEqual([]);
		const pro = buildLearningView(input({ kind: 'professional', partyId: 'pro' }, 'evaluation'));
		expect(pro.evaluations.map((e) => e.partyId)).toEqual(['mother', 'pro']);
		expect(pro.joinCode).toBe('ACDEFG');
	});

	it('offers each viewer the steps of the phase; a co-professional without a party only the leading ones', () => {
		expect(buildLearningView(input({ kind: 'participant', partyId: 'mother' })).allowedActions).toEqual([
			'saveSheet',
			'saveRecordingMoment',
			'removeRecordingMoment',
			'handWish'
		]);
		expect(buildLearningView(input({ kind: 'professional', partyId: null })).allowedActions).toEqual(['startActions', 'abandon']);
		expect(buildLearningView(input({ kind: 'professional', partyId: 'pro' }, 'closed')).allowedActions).toEqual([]);
	});

	it("renders the cards in the viewer's language", () => {
		const view = buildLearningView({ ...input({ kind: 'participant', partyId: 'mother' }), locale: 'en' });
		expect(view.topics[0]!.card?.title).toBe('Our connection');
		expect(view.decks.map((d) => d.title)).toEqual(['Topic cards', 'Value cards', 'Wish cards']);
	});
});
