import { expect, it } from 'vitest';
import { draftScopeOf } from '../http/page-form.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { load } from '../../../routes/(participant)/c/preparation/+page.server.ts';
import type { Actor, ParticipantActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import type { ClientLocale } from '../db/schema.ts';
import { renderDeck } from '../decks/decks.models.ts';
import { getConversationDecks } from '../decks/decks.usecases.ts';
import { startLearningConversation } from '../learning/learning.usecases.ts';
import { anonymousActor } from '../testing/builders.ts';
import { buildSessionFeedback } from '../testing/feedback-builders.ts';
import { buildLearningConversation, prepare, type BuiltLearningConversation } from '../testing/learning-builders.ts';
import { NOTHING_PREPARED } from '../testing/preparation-fixtures.ts';
import { auditEventsOfRequest, loadAs, participantViewEntry } from '../testing/page-loads.ts';
import { conversationAndPartyReads, recording } from '../testing/statements.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getParticipantPreparationPage, getPreparation } from './preparation.view.usecases.ts';

/** GET `path` (/c/preparation…) as `actor`: what the page's load returns, or where it redirects to. */
const loadPreparationPage = (ctx: AppContext, actor: Actor, path = '/c/preparation') => loadAs(ctx, load, { actor, path });

/**
 * What the device's home and preparation page hold, built from the test's own data: the stored
 * conversation, the builder's participants (Participant 1, 2, … in that order), `own` (the
 * device's preparation as the test saved it), and the conversation's topic and value decks in
 * `locale`, worded for a client.
 */
async function expectedPreparation(
	ctx: AppContext,
	lc: BuiltLearningConversation,
	actor: ParticipantActor,
	locale: ClientLocale,
	own: typeof NOTHING_PREPARED | Record<keyof typeof NOTHING_PREPARED, unknown> = NOTHING_PREPARED
) {
	const { version } = await ctx.db
		.selectFrom('conversations')
		.select('version')
		.where('organisationId', '=', actor.organisationId)
		.where('id', '=', lc.conversationId)
		.executeTakeFirstOrThrow();
	const decks = await getConversationDecks(ctx, { organisationId: actor.organisationId, conversationId: lc.conversationId });
	const home = {
		conversationId: lc.conversationId,
		method: 'learningConversation',
		phase: 'preparation',
		displayName: `Participant ${lc.participants.findIndex((p) => p.partyId === actor.partyId) + 1}`,
		mode: actor.mode,
		byLink: actor.byLink === true,
		newProfessional: null
	};
	const page = {
		conversationId: lc.conversationId,
		version: Number(version),
		phase: 'preparation',
		scheduledOn: lc.scheduledOn,
		partyId: actor.partyId,
		editable: true,
		shareable: true,
		decks: decks.filter((deck) => deck.kind === 'topic' || deck.kind === 'value').map((deck) => renderDeck(deck, locale, 'client')),
		own
	};
	return { home, page };
}

describeOnBothDatabases('the preparation page (/c/preparation)', (dialect) => {
	const t = useTestContext(dialect);

	it('the preparation page reads the conversation and its parties once, in at most 8 statements', async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 2 });
		const actor = { ...lc.participants[0]!, requestId: 'preparation-page-reads' };
		const recorded = recording(t.ctx);
		expect(await loadPreparationPage(recorded.ctx, actor)).toMatchObject({ data: { page: { partyId: actor.partyId } } });
		// Was 10: the home's door, conversation and parties, then the preparation's door (its own
		// party query) and conversation again.
		expect(recorded.statements.length).toBeLessThanOrEqual(8);
		expect(conversationAndPartyReads(recorded)).toEqual(['select:conversations', 'select:conversation_parties']);
		// The access entry, and the preparation's own "viewed" event.
		expect(recorded.statements.filter((statement) => !statement.startsWith('select:'))).toEqual([
			'insert:audit_events',
			'insert:audit_events'
		]);
	});

	it("the preparation page shows the device's home and its own preparation, shared or not, with the decks in the page's language", async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 2 });
		const [first, second] = lc.participants as [ParticipantActor, ParticipantActor];
		const conversationId = lc.conversationId;
		const pageLocale = getLocale();
		const compare = async (actor: ParticipantActor, own?: Parameters<typeof expectedPreparation>[4], path = '/c/preparation') => {
			const { home, page } = await expectedPreparation(t.ctx, lc, actor, pageLocale, own);
			const url = new URL(path, 'http://tweespraak.test');
			expect(await loadPreparationPage(t.ctx, actor, path)).toEqual({
				data: {
					home,
					page,
					saved: url.searchParams.has('saved'),
					step: url.searchParams.get('step'),
					draftScope: draftScopeOf(actor, `preparation-${url.searchParams.get('step') ?? '1'}`)
				}
			});
		};
		// Nothing prepared yet.
		await compare(first);
		// Prepared and shared by the first (cards, a moment, safety), prepared privately by the second.
		const preparedAt = t.ctx.clock.now().toISOString();
		await prepare(t.ctx, {
			actor: first,
			conversationId,
			preparation: {
				wishes: 'Wat ik wil bespreken',
				cards: [{ deckId: lc.decks.values, cardKey: 'gehoord-worden' }],
				momentA: 'A',
				momentB: 'B',
				momentC: 'C',
				momentCard: { deckId: lc.decks.samenleerwijzer, cardKey: 'onze-verbinding' },
				safety: ['mayPause', 'letFinish'],
				safetyOwn: 'Tijd'
			}
		});
		await prepare(t.ctx, { actor: second, conversationId, preparation: { wishes: 'Alleen voor mij' }, share: false });
		const firstOwn = {
			wishes: 'Wat ik wil bespreken',
			cards: [`${lc.decks.values}:gehoord-worden`],
			momentA: 'A',
			momentB: 'B',
			momentC: 'C',
			momentCard: `${lc.decks.samenleerwijzer}:onze-verbinding`,
			// In the fixed order of the suggestions, whatever order they were picked in.
			safety: ['letFinish', 'mayPause'],
			safetyOwn: 'Tijd',
			sharedAt: preparedAt,
			sharedParts: ['wishes', 'cards', 'moment', 'safety'],
			canTakeBack: true,
			updatedAt: preparedAt
		};
		// Each sees their own preparation only: the second's private one never reaches the first.
		const secondOwn = { ...NOTHING_PREPARED, wishes: 'Alleen voor mij', updatedAt: preparedAt };
		await compare(first, firstOwn, '/c/preparation?step=3&saved=1');
		await compare(second, secondOwn, '/c/preparation?step=2');
		await compare({ ...second, mode: 'handover' }, secondOwn);
		// A participant who reads in English: the decks in the page's language.
		await compare({ ...first, locale: 'en' }, firstOwn);
		for (const locale of ['en', 'nl'] as const) {
			const english = { ...first, locale: 'en' as const };
			const expected = await expectedPreparation(t.ctx, lc, english, locale, firstOwn);
			expect(await getParticipantPreparationPage({ ctx: t.ctx, actor: english, locale })).toEqual(expected);
		}
	});

	it('the preparation page writes the access entry of the device viewing its own conversation and its own preparation viewed', async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		// One actor per request, as hooks.server.ts makes it: the access log has one entry per request.
		const actor = { ...lc.participants[0]!, requestId: 'preparation-now' };
		await loadPreparationPage(t.ctx, actor);
		// Who viewed whose preparation, in which conversation; never what it holds.
		const viewed = {
			...participantViewEntry(actor),
			action: 'preparation.viewed',
			targetType: 'conversationParty',
			targetId: actor.partyId,
			details: JSON.stringify({ conversationId: lc.conversationId }),
			collaborationId: null,
			actorRole: null
		};
		expect(await auditEventsOfRequest(t.ctx, 'preparation-now')).toEqual([participantViewEntry(actor), viewed]);
	});

	it('a conversation that is no longer prepared goes back to /c after the one home read and access entry, without a preparation viewed', async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		await startLearningConversation({ ctx: t.ctx, actor: lc.professional, conversationId: lc.conversationId });
		const actor = { ...lc.participants[0]!, requestId: 'preparation-started' };
		const recorded = recording(t.ctx);
		expect(await loadPreparationPage(recorded.ctx, actor)).toEqual({ redirect: '/c' });
		expect(conversationAndPartyReads(recorded)).toEqual(['select:conversations', 'select:conversation_parties']);
		expect(recorded.statements).not.toContain('select:preparations');
		expect(await auditEventsOfRequest(t.ctx, 'preparation-started')).toEqual([participantViewEntry(actor)]);
		// Session feedback is never prepared either: its device goes straight to its own page.
		const fb = await buildSessionFeedback(t.ctx, { participants: 1 });
		expect(await loadPreparationPage(t.ctx, fb.participants[0]!)).toEqual({ redirect: '/c/feedback' });
	});

	it('a professional, a visitor and a device whose party is not in its conversation get not found from the preparation page', async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		const other = await buildLearningConversation(t.ctx, { participants: 1, professional: lc.professional });
		// A device of this conversation bound to another conversation's party.
		const stranger: ParticipantActor = {
			...lc.participants[0]!,
			partyId: other.participants[0]!.partyId,
			requestId: 'preparation-stranger'
		};
		for (const actor of [lc.professional, anonymousActor, stranger]) {
			await expect(loadPreparationPage(t.ctx, actor)).rejects.toMatchObject({ status: 404, body: { message: 'not_found' } });
			await expect(getParticipantPreparationPage({ ctx: t.ctx, actor })).rejects.toMatchObject({ code: 'not_found' });
		}
		// Reaching nothing, it left no access entry and no preparation viewed.
		expect(await auditEventsOfRequest(t.ctx, 'preparation-stranger')).toEqual([]);
		// Another conversation's preparation is not found for a participant's device.
		await expect(getPreparation({ ctx: t.ctx, actor: other.participants[0]!, conversationId: lc.conversationId })).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});
