import { expect, it } from 'vitest';
import type { ParticipantActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { renderItems, renderScale } from '../instruments/instruments.models.ts';
import { samenSterkerV1 } from '../instruments/samen-sterker-v1.ts';
import { buildQuickCheck, ratingsOf, type BuiltQuickCheck } from '../testing/conversation-builders.ts';
import { buildSessionFeedback } from '../testing/feedback-builders.ts';
import { count, recording } from '../testing/statements.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createConversationsRepository } from './conversations.repository.ts';
import { getParticipantConversation, submitRatings } from './conversations.usecases.ts';

/**
 * What /c holds for a device of a running quick check, built from the test's own data: the stored
 * conversation, the builder's participants (Participant 1, 2, … in that order) and professional,
 * Samen Sterker in Dutch, and the ratings each party sent. Blind until the reveal: the device's
 * own ratings only.
 */
async function expectedLanding(
	ctx: AppContext,
	qc: BuiltQuickCheck,
	actor: ParticipantActor,
	rated: Readonly<Record<string, Record<string, number>>>
) {
	const conversation = await createConversationsRepository(ctx.db).findConversation(actor.organisationId, qc.conversationId);
	if (!conversation) throw new Error('no conversation');
	const { content } = samenSterkerV1;
	const own = rated[actor.partyId];
	const party = (id: string) => ({ present: true, submitted: id in rated, paperFilledOn: null, isViewer: id === actor.partyId });
	const home = {
		conversationId: qc.conversationId,
		method: 'quickCheck',
		phase: 'rating',
		displayName: `Participant ${qc.participants.findIndex((p) => p.partyId === actor.partyId) + 1}`,
		mode: actor.mode,
		byLink: actor.byLink === true,
		newProfessional: null
	};
	const view = {
		id: qc.conversationId,
		collaborationId: qc.collaborationId,
		method: 'quickCheck',
		phase: 'rating',
		version: conversation.version,
		startedAt: conversation.startedAt,
		revealedAt: null,
		endedAt: null,
		summary: null,
		joinCode: null,
		viewer: { partyId: actor.partyId, kind: 'participant', audience: 'adult' },
		instrument: { id: conversation.instrumentId, key: samenSterkerV1.key, version: samenSterkerV1.version, name: content.name.nl },
		// The organisation's plan term: the default, 'gezinsplan'.
		items: renderItems(content, 'adult', 'nl', 'familyPlan'),
		scale: renderScale(content, 'nl'),
		parties: [
			...qc.participants.map((p, index) => ({
				id: p.partyId,
				kind: 'participant',
				displayName: `Participant ${index + 1}`,
				audience: 'adult',
				...party(p.partyId)
			})),
			{
				id: qc.professionalPartyId,
				kind: 'professional',
				displayName: qc.professional.name,
				audience: 'professional',
				...party(qc.professionalPartyId)
			}
		],
		ownRatings: own ?? null,
		ratings: own ? [{ partyId: actor.partyId, values: own }] : [],
		ownTexts: null,
		texts: [],
		gaps: null,
		review: [],
		reviewComplete: true,
		reflections: [],
		agreement: null,
		allowedActions: own ? [] : ['submitRatings']
	};
	return { home, view };
}

describeOnBothDatabases('the participant’s landing page (/c)', (dialect) => {
	const t = useTestContext(dialect);

	it('reads the conversation, its parties and the organisation once each, and writes one access entry', async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 2 });
		const actor = { ...qc.participants[0]!, requestId: 'landing-page' };
		const recorded = recording(t.ctx);
		const { home, view } = await getParticipantConversation({ ctx: recorded.ctx, actor });
		expect(home.conversationId).toBe(qc.conversationId);
		expect(view?.parties.filter((party) => party.isViewer)).toHaveLength(1);
		const { statements } = recorded;
		expect(count(statements, 'select:conversations')).toBe(1);
		expect(count(statements, 'select:conversation_parties')).toBe(1);
		expect(count(statements, 'select:participants')).toBe(1);
		expect(count(statements, 'select:organisations')).toBe(1);
		expect(statements.filter((s) => !s.startsWith('select:'))).toEqual(['insert:audit_events']);
	});

	it('builds none of its statements again on the next load, before and after the reveal', async () => {
		// The page a phone loads after each answer: its reads are built and compiled once (db/reusable.ts).
		const qc = await buildQuickCheck(t.ctx, { participants: 1 });
		const [participant] = qc.participants;
		const actor = { ...participant!, requestId: 'landing-page-again' };
		const recorded = recording(t.ctx);
		await getParticipantConversation({ ctx: recorded.ctx, actor });
		await submitRatings({ ctx: t.ctx, actor, conversationId: qc.conversationId, values: ratingsOf(40) });
		await submitRatings({ ctx: t.ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(20) });
		// The first load after the reveal reads both parties' ratings and reflections: a statement of another shape.
		const { view } = await getParticipantConversation({ ctx: recorded.ctx, actor });
		expect(view?.phase).toBe('revealed');
		recorded.built.length = 0;
		const statementsBefore = recorded.statements.length;
		await getParticipantConversation({ ctx: recorded.ctx, actor });
		expect(recorded.statements.length - statementsBefore).toBeGreaterThanOrEqual(10);
		expect(recorded.built).toEqual([]);
	});

	it('shows each device its home and the conversation with only its own ratings before the reveal', async () => {
		const qc = await buildQuickCheck(t.ctx, { participants: 2 });
		await submitRatings({ ctx: t.ctx, actor: qc.participants[0]!, conversationId: qc.conversationId, values: ratingsOf(40) });
		const rated = { [qc.participants[0]!.partyId]: ratingsOf(40) };
		for (const participant of qc.participants) {
			expect(await getParticipantConversation({ ctx: t.ctx, actor: participant })).toEqual(
				await expectedLanding(t.ctx, qc, participant, rated)
			);
		}
	});

	it('sends no conversation for a method with a page of its own (session feedback), and refuses a professional', async () => {
		const feedback = await buildSessionFeedback(t.ctx);
		const { home, view } = await getParticipantConversation({ ctx: t.ctx, actor: feedback.participants[0]! });
		expect(home.method).toBe('sessionFeedback');
		expect(view).toBeNull();
		await expect(getParticipantConversation({ ctx: t.ctx, actor: feedback.professional })).rejects.toMatchObject({ code: 'not_found' });
	});
});
