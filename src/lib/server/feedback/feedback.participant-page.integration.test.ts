import { expect, it } from 'vitest';
import { load } from '../../../routes/(participant)/c/feedback/+page.server.ts';
import type { Actor, ParticipantActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { getParticipantHome } from '../participation/participation.usecases.ts';
import { anonymousActor } from '../testing/builders.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { buildSessionFeedback, feedbackOf } from '../testing/feedback-builders.ts';
import { auditEventsOfRequest, loadAs } from '../testing/page-loads.ts';
import { conversationAndPartyReads, recording } from '../testing/statements.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getFeedbackForParticipant, getParticipantFeedbackPage, submitSessionFeedback } from './feedback.usecases.ts';

/** GET /c/feedback as `actor`: what the page's load returns, or where it redirects to. */
const loadFeedbackPage = (ctx: AppContext, actor: Actor) => loadAs(ctx, load, { actor, path: '/c/feedback' });

/**
 * The page's load as it was until the page read once: the participant's home, then the feedback,
 * each with its own door and its own read of the conversation and its parties.
 */
async function loadedOneAfterTheOther(ctx: AppContext, actor: Actor) {
	const home = await getParticipantHome({ ctx, actor });
	if (home.method !== 'sessionFeedback') return { redirect: '/c' };
	const view = await getFeedbackForParticipant({ ctx, actor, conversationId: home.conversationId });
	const own = view.parties.find((party) => party.isViewer);
	const screen = view.canSubmit ? 'rate' : own?.submitted && home.mode === 'handover' ? 'handBack' : 'sent';
	return { data: { home, screen, version: view.version, view: screen === 'handBack' ? null : view } };
}

describeOnBothDatabases('the session feedback page (/c/feedback)', (dialect) => {
	const t = useTestContext(dialect);

	it('the feedback page reads the conversation and its parties once, in at most 8 statements, and writes one access entry', async () => {
		const fb = await buildSessionFeedback(t.ctx, { participants: 2 });
		const actor = { ...fb.participants[0]!, requestId: 'feedback-page-reads' };
		const recorded = recording(t.ctx);
		expect(await loadFeedbackPage(recorded.ctx, actor)).toMatchObject({ data: { screen: 'rate' } });
		// Was 11: the home's door, conversation and parties, then the feedback's door (its own party
		// query), conversation and parties again.
		expect(recorded.statements.length).toBeLessThanOrEqual(8);
		expect(conversationAndPartyReads(recorded)).toEqual(['select:conversations', 'select:conversation_parties']);
		expect(recorded.statements.filter((statement) => !statement.startsWith('select:'))).toEqual(['insert:audit_events']);
	});

	it('the feedback page shows what the home and the feedback read one after the other showed, on every screen', async () => {
		const fb = await buildSessionFeedback(t.ctx, { participants: 2 });
		const [first, second] = fb.participants as [ParticipantActor, ParticipantActor];
		const conversationId = fb.conversationId;
		const handedOver = (actor: ParticipantActor): ParticipantActor => ({ ...actor, mode: 'handover' });
		const inEnglish = (actor: ParticipantActor): ParticipantActor => ({ ...actor, locale: 'en' });
		const screens: string[] = [];
		const compare = async (actor: ParticipantActor) => {
			const together = await loadFeedbackPage(t.ctx, actor);
			expect(together).toEqual(await loadedOneAfterTheOther(t.ctx, actor));
			screens.push((together as { data: { screen: string } }).data.screen);
		};
		// Nobody has answered: both rate, in the participant's own language.
		await compare(first);
		await compare(inEnglish(first));
		await submitSessionFeedback({ ctx: t.ctx, actor: first, conversationId, values: feedbackOf(70) });
		// The first has answered: thanks on their own phone, the hand-back screen on a handed-over
		// device (its version only), the questions still for the second.
		await compare(first);
		await compare(handedOver(first));
		await compare(second);
		await submitSessionFeedback({ ctx: t.ctx, actor: second, conversationId, values: feedbackOf(40) });
		// Closed by the last answers.
		await compare(second);
		await compare(handedOver(second));
		expect(screens).toEqual(['rate', 'rate', 'sent', 'handBack', 'rate', 'sent', 'handBack']);

		// The hand-back screen sends no feedback, but the usecase read the same feedback as before.
		const { home, view } = await getParticipantFeedbackPage({ ctx: t.ctx, actor: handedOver(first) });
		expect(home).toEqual(await getParticipantHome({ ctx: t.ctx, actor: handedOver(first) }));
		expect(view).toEqual(await getFeedbackForParticipant({ ctx: t.ctx, actor: handedOver(first), conversationId }));
	});

	it('the feedback page writes the same audit events as the home and the feedback read one after the other', async () => {
		const fb = await buildSessionFeedback(t.ctx, { participants: 1 });
		const actor = fb.participants[0]!;
		// One actor per request, as hooks.server.ts makes it: the access log has one entry per request.
		await loadedOneAfterTheOther(t.ctx, { ...actor, requestId: 'feedback-before' });
		await loadFeedbackPage(t.ctx, { ...actor, requestId: 'feedback-now' });
		const before = await auditEventsOfRequest(t.ctx, 'feedback-before');
		expect(before.map((event) => event.action)).toEqual(['access.view']);
		expect(await auditEventsOfRequest(t.ctx, 'feedback-now')).toEqual(before);
	});

	it('another method goes straight to its own page, a quick check to /c after the same home read and access entry', async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 1 });
		const actor = qc.participants[0]!;
		const recorded = recording(t.ctx);
		expect(await loadFeedbackPage(recorded.ctx, { ...actor, requestId: 'feedback-elsewhere' })).toEqual({ redirect: '/c' });
		expect(conversationAndPartyReads(recorded)).toEqual(['select:conversations', 'select:conversation_parties']);
		// No feedback read: no instrument, no answers.
		expect(recorded.statements).not.toContain('select:instruments');
		expect(await loadedOneAfterTheOther(t.ctx, { ...actor, requestId: 'feedback-elsewhere-before' })).toEqual({ redirect: '/c' });
		expect(await auditEventsOfRequest(t.ctx, 'feedback-elsewhere')).toEqual(await auditEventsOfRequest(t.ctx, 'feedback-elsewhere-before'));
		// A learning conversation being prepared: straight to its own page, not by way of /c.
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		expect(await loadFeedbackPage(t.ctx, lc.participants[0]!)).toEqual({ redirect: '/c/preparation' });
	});

	it('a professional, a visitor and a device whose party is not in its conversation get not found from the feedback page', async () => {
		const fb = await buildSessionFeedback(t.ctx, { participants: 1 });
		const other = await buildSessionFeedback(t.ctx, { participants: 1, professional: fb.professional });
		// A device of this conversation bound to another conversation's party.
		const stranger: ParticipantActor = { ...fb.participants[0]!, partyId: other.participants[0]!.partyId, requestId: 'feedback-stranger' };
		for (const actor of [fb.professional, anonymousActor, stranger]) {
			await expect(loadFeedbackPage(t.ctx, actor)).rejects.toMatchObject({ status: 404, body: { message: 'not_found' } });
			await expect(getParticipantFeedbackPage({ ctx: t.ctx, actor })).rejects.toMatchObject({ code: 'not_found' });
		}
		// Reaching nothing, it left no access entry.
		expect(await auditEventsOfRequest(t.ctx, 'feedback-stranger')).toEqual([]);
		// Another conversation's feedback is not found for a participant's device, whatever it asks for.
		const fromOther = other.participants[0]!;
		await expect(getFeedbackForParticipant({ ctx: t.ctx, actor: fromOther, conversationId: fb.conversationId })).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});
