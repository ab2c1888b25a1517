import { expect, it } from 'vitest';
import { getLocale } from '#lib/paraglide/runtime.js';
import { load } from '../../../routes/(participant)/c/preparation/+page.server.ts';
import type { Actor, ParticipantActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { startLearningConversation } from '../learning/learning.usecases.ts';
import { getParticipantHome } from '../participation/participation.usecases.ts';
import { anonymousActor } from '../testing/builders.ts';
import { buildSessionFeedback } from '../testing/feedback-builders.ts';
import { buildLearningConversation, prepare } from '../testing/learning-builders.ts';
import { auditEventsOfRequest, loadAs } from '../testing/page-loads.ts';
import { conversationAndPartyReads, recording } from '../testing/statements.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getParticipantPreparationPage, getPreparation } from './preparation.usecases.ts';

/** GET `path` (/c/preparation…) as `actor`: what the page's load returns, or where it redirects to. */
const loadPreparationPage = (ctx: AppContext, actor: Actor, path = '/c/preparation') => loadAs(ctx, load, { actor, path });

/**
 * The page's load as it was until the page read once: the participant's home, then the
 * preparation, each with its own door and its own read of the conversation and its parties.
 */
async function loadedOneAfterTheOther(ctx: AppContext, actor: Actor, path = '/c/preparation') {
	const url = new URL(path, 'http://tweespraak.test');
	const home = await getParticipantHome({ ctx, actor });
	if (home.phase !== 'preparation') return { redirect: '/c' };
	const page = await getPreparation({ ctx, actor, conversationId: home.conversationId, locale: getLocale() });
	return { data: { home, page, saved: url.searchParams.has('saved'), step: url.searchParams.get('step') } };
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

	it('the preparation page shows what the home and the preparation read one after the other showed', async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 2 });
		const [first, second] = lc.participants as [ParticipantActor, ParticipantActor];
		const conversationId = lc.conversationId;
		const compare = async (actor: ParticipantActor, path?: string) =>
			expect(await loadPreparationPage(t.ctx, actor, path)).toEqual(await loadedOneAfterTheOther(t.ctx, actor, path));
		// Nothing prepared yet.
		await compare(first);
		// Prepared and shared by the first (cards, a moment, safety), prepared privately by the second.
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
		await compare(first, '/c/preparation?step=3&saved=1');
		await compare(second, '/c/preparation?step=2');
		await compare({ ...second, mode: 'handover' });
		// A participant who reads in English: the cards in their words, the decks in the page's language.
		await compare({ ...first, locale: 'en' });
		for (const locale of ['en', 'nl'] as const) {
			const english = { ...first, locale: 'en' as const };
			const { home, page } = await getParticipantPreparationPage({ ctx: t.ctx, actor: english, locale });
			expect(home).toEqual(await getParticipantHome({ ctx: t.ctx, actor: english }));
			expect(page).toEqual(await getPreparation({ ctx: t.ctx, actor: english, conversationId, locale }));
		}
	});

	it('the preparation page writes the same audit events as the home and the preparation read one after the other', async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		const actor = lc.participants[0]!;
		// One actor per request, as hooks.server.ts makes it: the access log has one entry per request.
		await loadedOneAfterTheOther(t.ctx, { ...actor, requestId: 'preparation-before' });
		await loadPreparationPage(t.ctx, { ...actor, requestId: 'preparation-now' });
		const before = await auditEventsOfRequest(t.ctx, 'preparation-before');
		expect(before.map((event) => event.action)).toEqual(['access.view', 'preparation.viewed']);
		expect(await auditEventsOfRequest(t.ctx, 'preparation-now')).toEqual(before);
	});

	it('a conversation that is no longer prepared goes back to /c after the same home read and access entry, without a preparation viewed', async () => {
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		await startLearningConversation({ ctx: t.ctx, actor: lc.professional, conversationId: lc.conversationId });
		const actor = lc.participants[0]!;
		const recorded = recording(t.ctx);
		expect(await loadPreparationPage(recorded.ctx, { ...actor, requestId: 'preparation-started' })).toEqual({ redirect: '/c' });
		expect(conversationAndPartyReads(recorded)).toEqual(['select:conversations', 'select:conversation_parties']);
		expect(recorded.statements).not.toContain('select:preparations');
		expect(await loadedOneAfterTheOther(t.ctx, { ...actor, requestId: 'preparation-started-before' })).toEqual({ redirect: '/c' });
		const events = await auditEventsOfRequest(t.ctx, 'preparation-started');
		expect(events.map((event) => event.action)).toEqual(['access.view']);
		expect(events).toEqual(await auditEventsOfRequest(t.ctx, 'preparation-started-before'));
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
