import { draftScopeOf } from '../http/page-form.ts';
import { expect, it } from 'vitest';
import { load } from '../../../routes/(participant)/c/feedback/+page.server.ts';
import type { Actor, ParticipantActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { renderItems, renderScale } from '../instruments/instruments.models.ts';
import { sessionFeedbackV1 } from '../instruments/session-feedback-v1.ts';
import { anonymousActor } from '../testing/builders.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { buildSessionFeedback, feedbackOf, readFeedbackAsParticipant, type BuiltSessionFeedback } from '../testing/feedback-builders.ts';
import { auditEventsOfRequest, loadAs, participantViewEntry } from '../testing/page-loads.ts';
import { conversationAndPartyReads, recording } from '../testing/statements.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getParticipantFeedbackPage, submitSessionFeedback } from './feedback.usecases.ts';

/** GET /c/feedback as `actor`: what the page's load returns, or where it redirects to. */
const loadFeedbackPage = (ctx: AppContext, actor: Actor) => loadAs(ctx, load, { actor, path: '/c/feedback' });

/**
 * What the device's home and feedback hold, built from the test's own data: the stored
 * conversation, the builder's participants (Participant 1, 2, … in that order), the answers each
 * sent, and the built-in instrument in the device's language. Only the device's own answers.
 */
async function expectedFeedback(
	ctx: AppContext,
	fb: BuiltSessionFeedback,
	actor: ParticipantActor,
	answered: Readonly<Record<string, Record<string, number>>>
) {
	const conversation = await createConversationsRepository(ctx.db).findConversation(actor.organisationId, fb.conversationId);
	if (!conversation) throw new Error('no conversation');
	const { content } = sessionFeedbackV1;
	const own = answered[actor.partyId];
	const home = {
		conversationId: fb.conversationId,
		method: 'sessionFeedback',
		phase: conversation.phase,
		displayName: `Participant ${fb.participants.findIndex((p) => p.partyId === actor.partyId) + 1}`,
		mode: actor.mode,
		byLink: actor.byLink === true,
		newProfessional: null
	};
	const view = {
		id: fb.conversationId,
		collaborationId: fb.collaborationId,
		method: 'sessionFeedback',
		phase: conversation.phase,
		version: conversation.version,
		startedAt: conversation.startedAt,
		endedAt: conversation.endedAt,
		instrument: { key: sessionFeedbackV1.key, version: sessionFeedbackV1.version, name: content.name[actor.locale] },
		viewer: { kind: 'participant', partyId: actor.partyId, audience: 'adult' },
		items: renderItems(content, 'adult', actor.locale, 'plan'),
		scale: renderScale(content, actor.locale),
		parties: fb.participants.map((participant, index) => ({
			id: participant.partyId,
			displayName: `Participant ${index + 1}`,
			audience: 'adult',
			submitted: participant.partyId in answered,
			paperFilledOn: null,
			isViewer: participant.partyId === actor.partyId
		})),
		answers: own ? [{ partyId: actor.partyId, values: own }] : [],
		canClose: false,
		canSubmit: conversation.phase === 'rating' && !own
	};
	return { home, view };
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

	it("the feedback page shows the device's home and only its own answers, in its own language, on every screen", async () => {
		const fb = await buildSessionFeedback(t.ctx, { participants: 2 });
		const [first, second] = fb.participants as [ParticipantActor, ParticipantActor];
		const conversationId = fb.conversationId;
		const handedOver = (actor: ParticipantActor): ParticipantActor => ({ ...actor, mode: 'handover' });
		const inEnglish = (actor: ParticipantActor): ParticipantActor => ({ ...actor, locale: 'en' });
		const answered: Record<string, Record<string, number>> = {};
		const screens: string[] = [];
		const compare = async (actor: ParticipantActor, screen: 'rate' | 'sent' | 'handBack') => {
			const { home, view } = await expectedFeedback(t.ctx, fb, actor, answered);
			expect(await loadFeedbackPage(t.ctx, actor)).toEqual({
				data: {
					home,
					screen,
					version: view.version,
					view: screen === 'handBack' ? null : view,
					draftScope: draftScopeOf(actor, `feedback-${screen}`)
				}
			});
			screens.push(screen);
		};
		// Nobody has answered: both rate, in the participant's own language.
		await compare(first, 'rate');
		await compare(inEnglish(first), 'rate');
		await submitSessionFeedback({ ctx: t.ctx, actor: first, conversationId, values: feedbackOf(70) });
		answered[first.partyId] = feedbackOf(70);
		// The first has answered: thanks on their own phone, the hand-back screen on a handed-over
		// device (its version only), the questions still for the second, without the first's answers.
		await compare(first, 'sent');
		await compare(handedOver(first), 'handBack');
		await compare(second, 'rate');
		await submitSessionFeedback({ ctx: t.ctx, actor: second, conversationId, values: feedbackOf(40) });
		answered[second.partyId] = feedbackOf(40);
		// Closed by the last answers: each still sees only their own.
		await compare(second, 'sent');
		await compare(handedOver(second), 'handBack');
		expect(screens).toEqual(['rate', 'rate', 'sent', 'handBack', 'rate', 'sent', 'handBack']);

		// The hand-back screen sends no feedback, but the usecase read the device's own feedback all the same.
		const expected = await expectedFeedback(t.ctx, fb, handedOver(first), answered);
		expect(await getParticipantFeedbackPage({ ctx: t.ctx, actor: handedOver(first) })).toEqual(expected);
	});

	it('the feedback page writes one audit event: the access entry of the device viewing its own conversation', async () => {
		const fb = await buildSessionFeedback(t.ctx, { participants: 1 });
		// One actor per request, as hooks.server.ts makes it: the access log has one entry per request.
		const actor = { ...fb.participants[0]!, requestId: 'feedback-now' };
		await loadFeedbackPage(t.ctx, actor);
		expect(await auditEventsOfRequest(t.ctx, 'feedback-now')).toEqual([participantViewEntry(actor)]);
	});

	it('another method goes straight to its own page, a quick check to /c after the one home read and access entry', async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 1 });
		const actor = { ...qc.participants[0]!, requestId: 'feedback-elsewhere' };
		const recorded = recording(t.ctx);
		expect(await loadFeedbackPage(recorded.ctx, actor)).toEqual({ redirect: '/c' });
		expect(conversationAndPartyReads(recorded)).toEqual(['select:conversations', 'select:conversation_parties']);
		// No feedback read: no instrument, no answers.
		expect(recorded.statements).not.toContain('select:instruments');
		expect(await auditEventsOfRequest(t.ctx, 'feedback-elsewhere')).toEqual([participantViewEntry(actor)]);
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
		// Another conversation's feedback is not found for a participant's device: the page reads the
		// device's own conversation, and one that names this one keeps its own party, which is not here.
		const fromOther = { ...other.participants[0]!, conversationId: fb.conversationId };
		await expect(readFeedbackAsParticipant(t.ctx, fromOther)).rejects.toMatchObject({ code: 'not_found' });
	});
});
