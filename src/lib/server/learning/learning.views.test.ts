import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '#lib/server/db/schema.ts';
import type { StoredDeck } from '#lib/server/decks/decks.models.ts';
import { samenleerwijzerV1 } from '#lib/server/decks/topic-decks-v1.ts';
import { valuesV1, wishesV1 } from '#lib/server/decks/value-wish-decks-v1.ts';
import type { PartyPreparation } from '#lib/server/preparation/preparation.usecases.ts';
import { renderDeckCard } from './learning.models.ts';
import { buildLearningView, type LearningViewInput } from './learning.views.ts';

const at = '2100-01-10T09:00:00.000Z';
const decks: StoredDeck[] = [samenleerwijzerV1, valuesV1, wishesV1].map((deck, index) => ({
	...deck,
	id: `d${index}`,
	organisationId: null,
	derivedFrom: null,
	publishedAt: at
}));
const card = (deckIndex: number, key: string) =>
	renderDeckCard(
		decks[deckIndex]!,
		decks[deckIndex]!.content.cards.find((c) => c.key === key)!,
		'nl'
	);

function preparation(
	partyId: string,
	shared: boolean | PartyPreparation['sharedParts'],
	content: Partial<NonNullable<PartyPreparation['preparation']>>
): PartyPreparation {
	const sharedParts: PartyPreparation['sharedParts'] =
		shared === true ? ['wishes', 'cards', 'moment', 'safety'] : shared === false ? [] : shared;
	return {
		partyId,
		kind: 'participant',
		displayName: null,
		isViewer: false,
		shared: sharedParts.length > 0,
		sharedAt: sharedParts.length > 0 ? at : null,
		sharedParts,
		paperFilledOn: null,
		preparation: { wishes: null, cards: [], moment: null, safety: [], safetyOwn: null, ...content }
	};
}

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
			preparation('mother', true, {
				wishes: 'Gedeeld',
				moment: { a: 'A', b: null, c: null, card: null },
				safety: ['mayPause'],
				safetyOwn: 'Rustig',
				cards: [card(0, 'onze-aanpak'), card(1, 'gehoord-worden')]
			}),
			// The viewer's own unshared preparation, as the preparation feature gives it to its owner: not on this screen.
			{ ...preparation('father', false, { wishes: 'PRIVÉ', safety: ['takeTime'], safetyOwn: 'PRIVÉ' }), isViewer: true }
		],
		safety: [{ partyId: 'pro', suggestionsJson: '["letFinish"]', ownWords: null, updatedAt: at }],
		topics: [
			{ id: 't2', deckId: null, cardKey: null, ownText: 'School', position: 2, createdAt: at },
			{ id: 't1', deckId: 'd0', cardKey: 'onze-verbinding', ownText: null, position: 1, createdAt: at }
		].toSorted((a, b) => a.position - b.position),
		sheets: [{ topicId: 't1', partyId: 'father', aText: 'Vader A', bText: null, cText: 'Vader C', updatedAt: at, paperFilledOn: null }],
		wishes: [{ partyId: 'mother', deckId: 'd2', cardKey: 'zonder-oordeel', handedAt: at }],
		moments: [{ id: 'm1', partyId: 'pro', atSeconds: 95, note: 'Hier', topicId: null, createdAt: at }],
		evaluations: [
			{ partyId: 'mother', clarity: 70, overall: 80, remark: null, updatedAt: at },
			{ partyId: 'pro', clarity: 90, overall: 90, remark: 'Goed', updatedAt: at }
		],
		agreements: [],
		reviews: []
	};
}

describe('buildLearningView', () => {
	it('shows only shared preparations, also to their owner', () => {
		const view = buildLearningView(input({ kind: 'professional', partyId: 'pro' }));
		expect(view.preparations.map((p) => [p.partyId, p.wishes, p.cards.map((c) => c.key)])).toEqual([
			['mother', 'Gedeeld', ['onze-aanpak', 'gehoord-worden']]
		]);
		expect(JSON.stringify(view)).not.toContain('PRIVÉ');
	});

	it('shows only the parts of a preparation its owner shared, to everyone and to the owner alike', () => {
		const base = input({ kind: 'professional', partyId: 'pro' });
		const partly = { ...base.preparations[0]!, sharedParts: ['cards' as const] };
		const view = buildLearningView({ ...base, preparations: [partly, base.preparations[1]!] });
		expect(view.preparations).toEqual([
			{
				partyId: 'mother',
				wishes: null,
				moment: null,
				cards: [expect.objectContaining({ key: 'onze-aanpak' }), expect.objectContaining({ key: 'gehoord-worden' })],
				safety: { suggestions: [], ownWords: null },
				paperFilledOn: null
			}
		]);
		expect(JSON.stringify(view)).not.toContain('Gedeeld');
		expect(JSON.stringify(view)).not.toContain('Rustig');
	});

	it("offers the viewer their own prepared moment on its card's topic as a starting point, shared or not, and nobody else's", () => {
		const base = input({ kind: 'participant', partyId: 'father' });
		const moment = { a: 'Eigen A', b: 'Eigen B', c: null, card: { deckId: 'd0', cardKey: 'onze-verbinding' } };
		const own = { ...preparation('father', false, { moment }), isViewer: true };
		const view = buildLearningView({ ...base, preparations: [base.preparations[0]!, own] });
		expect(view.ownPreparedMoment).toEqual({ a: 'Eigen A', b: 'Eigen B', c: null, topicIds: ['t1'] });
		// Not shared: in no one's shared preparations, not even the owner's.
		expect(view.preparations.find((p) => p.partyId === 'father')).toBeUndefined();
		// Without a card it is offered on every topic.
		const anyTopic = { ...own, preparation: { ...own.preparation!, moment: { ...moment, card: null } } };
		expect(buildLearningView({ ...base, preparations: [anyTopic] }).ownPreparedMoment?.topicIds).toEqual(['t1', 't2']);
		// The professional's view never offers the father's moment.
		const pro = buildLearningView({ ...input({ kind: 'professional', partyId: 'pro' }), preparations: [base.preparations[0]!, own] });
		expect(pro.ownPreparedMoment).toBeNull();
		expect(JSON.stringify(pro)).not.toContain('Eigen A');
	});

	it('fills in safety from a shared preparation until the party says it in the conversation', () => {
		const view = buildLearningView(input({ kind: 'participant', partyId: 'mother' }));
		expect(view.safety).toEqual([
			{ partyId: 'mother', suggestions: ['mayPause'], ownWords: 'Rustig', saved: false, fromPreparation: true },
			{ partyId: 'father', suggestions: [], ownWords: null, saved: false, fromPreparation: false },
			{ partyId: 'pro', suggestions: ['letFinish'], ownWords: null, saved: true, fromPreparation: false }
		]);
	});

	it('lists the topics in order, each with a sheet per party side by side', () => {
		const view = buildLearningView(input({ kind: 'participant', partyId: 'father' }));
		expect(view.topics.map((t) => [t.id, t.card?.title ?? t.ownText])).toEqual([
			['t1', 'Onze verbinding'],
			['t2', 'School']
		]);
		expect(view.topics[0]!.sheets).toEqual([
			{ partyId: 'mother', a: null, b: null, c: null, saved: false, paperFilledOn: null },
			{ partyId: 'father', a: 'Vader A', b: null, c: 'Vader C', saved: true, paperFilledOn: null },
			{ partyId: 'pro', a: null, b: null, c: null, saved: false, paperFilledOn: null }
		]);
		expect(view.wishes.map((w) => [w.partyId, w.card.title])).toEqual([['mother', 'Luisteren zonder oordeel']]);
		expect(view.moments).toEqual([{ id: 'm1', partyId: 'pro', atSeconds: 95, time: '01:35', note: 'Hier', topicId: null }]);
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
		expect(view.decks.map((d) => d.title)).toEqual(['Topics of the Samenleerwijzer', 'What matters to me?', 'Wish cards']);
	});
});
