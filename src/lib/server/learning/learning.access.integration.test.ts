import { expect, it } from 'vitest';
import type { Actor } from '../access/actor.ts';
import { systemActor } from '../access/actor.ts';
import { abandonConversation, closeConversation } from '../conversations/conversations.usecases.ts';
import { startHandover } from '../participation/handover.usecases.ts';
import { authenticateDevice, claimParticipant } from '../participation/participation.usecases.ts';
import { nextAddress } from '../testing/participation-world.ts';
import { anonymousActor, buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { buildLearningConversation, type BuiltLearningConversation } from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import {
	addRecordingMoment,
	chooseTopic,
	getLearningConversationForParticipant,
	getLearningConversationForStaff,
	handWish,
	removeAction,
	removeRecordingMoment,
	removeTopic,
	saveAction,
	saveEvaluation,
	saveSafety,
	saveSheet,
	startActions,
	startEvaluation,
	startLearningConversation,
	startSheets,
	startTopics
} from './learning.usecases.ts';

const action = { kind: 'change' as const, what: 'Bellen', who: 'both' as const, dueOn: '2100-02-01', successMeasure: 'Gebeld' };

/** Every usecase of the learning conversation, as `actor` would call it on `lc`. */
function everyUsecase(
	ctx: TestContext,
	actor: Actor,
	lc: BuiltLearningConversation,
	ids: { topicId: string; momentId: string; actionId: string }
) {
	const conversationId = lc.conversationId;
	const input = { ctx, actor, conversationId };
	return [
		() => getLearningConversationForStaff({ ...input, locale: 'nl' }),
		() => startLearningConversation(input),
		() => startTopics(input),
		() => startSheets(input),
		() => startActions(input),
		() => startEvaluation(input),
		() => saveSafety({ ...input, suggestions: ['takeTime'] }),
		() => chooseTopic({ ...input, ownText: 'Iets' }),
		() => removeTopic({ ...input, topicId: ids.topicId }),
		() => saveSheet({ ...input, topicId: ids.topicId, a: 'A' }),
		() => addRecordingMoment({ ...input, at: '00:05', note: 'Hier' }),
		() => removeRecordingMoment({ ...input, momentId: ids.momentId }),
		() => handWish({ ...input, deckId: lc.decks.wishes, cardKey: 'zonder-oordeel' }),
		() => saveAction({ ...input, input: action }),
		() => removeAction({ ...input, actionId: ids.actionId }),
		() => saveEvaluation({ ...input, clarity: 50, overall: 50 }),
		() => closeConversation(input),
		() => abandonConversation(input)
	];
}

describeOnBothDatabases('learning conversation: who may reach it', (dialect) => {
	const t = useTestContext(dialect);

	/** A conversation in the sheets phase with a topic, a moment and (made earlier) an action to name. */
	async function world(ctx: TestContext, participants = 1) {
		const lc = await buildLearningConversation(ctx, { participants });
		const { conversationId, professional: actor } = lc;
		await startLearningConversation({ ctx, actor, conversationId });
		await startTopics({ ctx, actor, conversationId });
		const { topicId } = await chooseTopic({ ctx, actor, conversationId, deckId: lc.decks.samenleerwijzer, cardKey: 'onze-verbinding' });
		await startSheets({ ctx, actor, conversationId });
		const { momentId } = await addRecordingMoment({ ctx, actor, conversationId, at: '00:01', note: 'Begin' });
		return { lc, ids: { topicId, momentId, actionId: 'no-such-action' } };
	}

	async function expectAllRefused(ctx: TestContext, actor: Actor, lc: BuiltLearningConversation, ids: Parameters<typeof everyUsecase>[3]) {
		for (const attempt of everyUsecase(ctx, actor, lc, ids)) await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
		await expect(getLearningConversationForParticipant({ ctx, actor, conversationId: lc.conversationId })).rejects.toMatchObject({
			code: 'not_found'
		});
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId: lc.conversationId });
		expect([view.phase, view.topics.length, view.moments.length, view.actions.length]).toEqual(['sheets', 1, 1, 0]);
	}

	it('allowed: the professional who holds the collaboration leads every step', async () => {
		const { ctx } = t;
		const { lc } = await world(ctx);
		await expect(
			getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId: lc.conversationId })
		).resolves.toMatchObject({
			phase: 'sheets',
			joinCode: expect.stringMatching(/^[A-Z0-9]{8}$/)
		});
	});

	it('allowed: a co-professional leads it too, and gets a party of their own by starting it', async () => {
		const { ctx } = t;
		const holder = await buildStaff(ctx, await buildOrganisation(ctx), { roles: ['professional'] });
		const co = await buildStaff(ctx, holder, { roles: ['professional'] });
		const collaboration = await buildCollaboration(ctx, holder, { coProfessionals: [{ userId: co.userId }] });
		const lc = await buildLearningConversation(ctx, { professional: holder, collaborationId: collaboration.collaborationId });
		await startLearningConversation({ ctx, actor: co, conversationId: lc.conversationId });
		await saveSafety({ ctx, actor: co, conversationId: lc.conversationId, suggestions: ['noJudging'] });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: co, conversationId: lc.conversationId });
		expect(view.parties.filter((p) => p.kind === 'professional')).toHaveLength(2);
		expect(view.safety.find((s) => s.partyId === view.viewer.partyId)).toMatchObject({ suggestions: ['noJudging'], saved: true });
	});

	it('denied: a professional who does not hold the collaboration gets not found for everything', async () => {
		const { ctx } = t;
		const { lc, ids } = await world(ctx);
		await expectAllRefused(ctx, await buildStaff(ctx, lc.professional, { roles: ['professional'] }), lc, ids);
	});

	it('denied: admins and team leads never see a learning conversation', async () => {
		const { ctx } = t;
		const { lc, ids } = await world(ctx);
		for (const roles of [['admin'], ['teamLead'], ['teamLead', 'admin'], ['trajectoryCoordinator']] as const) {
			await expectAllRefused(ctx, await buildStaff(ctx, lc.professional, { roles: [...roles] }), lc, ids);
		}
	});

	it('denied: anonymous and system actors, and a professional of another organisation', async () => {
		const { ctx } = t;
		const { lc, ids } = await world(ctx);
		const other = await buildLearningConversation(ctx);
		for (const actor of [anonymousActor, systemActor, other.professional]) await expectAllRefused(ctx, actor, lc, ids);
	});

	it("denied: a participant's device reaches only its own conversation", async () => {
		const { ctx } = t;
		const { lc, ids } = await world(ctx);
		const { lc: other } = await world(ctx);
		const fromOther = other.participants[0]!;
		await expectAllRefused(ctx, fromOther, lc, ids);
		// A forged actor that names this conversation but keeps the other party is refused as well.
		await expectAllRefused(ctx, { ...fromOther, conversationId: lc.conversationId }, lc, ids);
	});

	it("a participant takes part in their own conversation but cannot set the professional's pace", async () => {
		const { ctx } = t;
		const { lc, ids } = await world(ctx, 2);
		const [client, otherClient] = lc.participants as [Actor & { partyId: string }, Actor & { partyId: string }];
		const conversationId = lc.conversationId;
		const input = { ctx, actor: client, conversationId };
		// Allowed: the shared sheet (every side of it), a moment, a wish card, their own view.
		await saveSheet({ ...input, topicId: ids.topicId, a: 'Mijn A' });
		await saveSheet({ ...input, topicId: ids.topicId, partyId: lc.professionalPartyId, b: 'Genoteerd voor de begeleider' });
		const { momentId } = await addRecordingMoment({ ...input, at: '00:30', note: 'Mijn moment' });
		await handWish({ ...input, deckId: lc.decks.wishes, cardKey: 'zonder-oordeel' });
		await removeRecordingMoment({ ...input, momentId });
		await expect(getLearningConversationForParticipant(input)).resolves.toMatchObject({ joinCode: null, viewer: { kind: 'participant' } });
		// Denied: the pace and the professional's view, a party of another conversation, another's wish, the professional's moment.
		const denied = [
			() => getLearningConversationForStaff({ ...input, locale: 'nl' }),
			() => startActions(input),
			() => closeConversation(input),
			() => abandonConversation(input),
			() => saveSheet({ ...input, topicId: ids.topicId, partyId: 'party-of-another-conversation', a: 'Niet hier' }),
			() => handWish({ ...input, partyId: otherClient.partyId, deckId: lc.decks.wishes, cardKey: 'weten-wat-er-komt' }),
			() => removeRecordingMoment({ ...input, momentId: ids.momentId })
		];
		for (const attempt of denied) await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId });
		const written = view.topics[0]!.sheets.map((s) => [s.partyId, s.a ?? s.b]).filter(([, text]) => text !== null);
		expect(written).toEqual(
			expect.arrayContaining([
				[client.partyId, 'Mijn A'],
				[lc.professionalPartyId, 'Genoteerd voor de begeleider']
			])
		);
		expect(written).toHaveLength(2);
		expect(view.wishes.map((w) => w.partyId)).toEqual([client.partyId]);
		expect(view.moments.map((m) => m.id)).toEqual([ids.momentId]);
		expect(view.phase).toBe('sheets');
	});

	it('the professional notes for a participant on the shared sheet, and hands no wish of their own', async () => {
		const { ctx } = t;
		const { lc, ids } = await world(ctx);
		const client = lc.participants[0]!;
		const input = { ctx, actor: lc.professional, conversationId: lc.conversationId };
		await saveSheet({ ...input, topicId: ids.topicId, partyId: client.partyId, c: 'Voor de cliënt genoteerd' });
		await handWish({ ...input, partyId: client.partyId, deckId: lc.decks.wishes, cardKey: 'weten-wat-er-komt' });
		await expect(handWish({ ...input, deckId: lc.decks.wishes, cardKey: 'zonder-oordeel' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(saveSheet({ ...input, topicId: ids.topicId, partyId: 'someone-else', a: 'x' })).rejects.toMatchObject({
			code: 'not_found'
		});
		const view = await getLearningConversationForParticipant({ ctx, actor: client, conversationId: lc.conversationId });
		expect(view.topics[0]!.sheets.find((s) => s.partyId === client.partyId)?.c).toBe('Voor de cliënt genoteerd');
		expect(view.wishes.map((w) => [w.partyId, w.card.key])).toEqual([[client.partyId, 'weten-wat-er-komt']]);
	});

	it('a participant who joins by code takes part from their own phone until the conversation closes', async () => {
		const { ctx } = t;
		const { lc } = await world(ctx);
		const conversation = await createConversationsRepository(ctx.db).findConversation(lc.professional.organisationId, lc.conversationId);
		const grant = await claimParticipant({
			ctx,
			code: conversation!.joinCode!,
			partyId: lc.participants[0]!.partyId,
			clientAddress: nextAddress()
		});
		const device = await authenticateDevice(ctx, grant.token);
		expect(device).toMatchObject({ conversationId: lc.conversationId, partyId: lc.participants[0]!.partyId });
		await expect(getLearningConversationForParticipant({ ctx, actor: device!, conversationId: lc.conversationId })).resolves.toMatchObject({
			phase: 'sheets'
		});
		await abandonConversation({ ctx, actor: lc.professional, conversationId: lc.conversationId });
		expect(await authenticateDevice(ctx, grant.token)).toBeNull();
	});

	it("a handed-over device fills in the participant's own sheet and takes none of the professional's pace", async () => {
		const { ctx } = t;
		const { lc, ids } = await world(ctx);
		const conversationId = lc.conversationId;
		const client = lc.participants[0]!;
		const grant = await startHandover({ ctx, actor: lc.professional, conversationId, partyId: client.partyId });
		const device = await authenticateDevice(ctx, grant.token);
		expect(device).toMatchObject({ mode: 'handover', partyId: client.partyId });
		await saveSheet({ ctx, actor: device!, conversationId, topicId: ids.topicId, a: 'Op de tablet' });
		await expect(startActions({ ctx, actor: device!, conversationId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			saveSheet({ ctx, actor: device!, conversationId, topicId: ids.topicId, partyId: 'party-of-another-conversation', a: 'x' })
		).rejects.toMatchObject({ code: 'not_found' });
		const view = await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId });
		expect(view.topics[0]!.sheets.find((s) => s.partyId === client.partyId)?.a).toBe('Op de tablet');
	});

	it('every read and change is in the audit log, without what people typed', async () => {
		const { ctx } = t;
		const { lc, ids } = await world(ctx);
		const client = lc.participants[0]!;
		const conversationId = lc.conversationId;
		await saveSheet({ ctx, actor: client, conversationId, topicId: ids.topicId, a: 'GEHEIME-TEKST' });
		await getLearningConversationForParticipant({ ctx, actor: client, conversationId });
		await getLearningConversationForStaff({ locale: 'nl', ctx, actor: lc.professional, conversationId });
		const events = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'actorType', 'targetId', 'details'])
			.where('organisationId', '=', lc.professional.organisationId)
			.where('targetId', '=', conversationId)
			.orderBy('occurredAt')
			.orderBy('id')
			.execute();
		const actions = events.map((e) => `${e.actorType}:${e.action}`);
		for (const expected of [
			'staff:learning.started',
			'staff:learning.topics_started',
			'staff:learning.topic_chosen',
			'staff:learning.sheets_started',
			'staff:learning.moment_saved',
			'participant:learning.sheet_saved',
			'participant:access.view',
			'staff:access.view'
		]) {
			expect(actions).toContain(expected);
		}
		expect(JSON.stringify(events)).not.toContain('GEHEIME-TEKST');
		expect(JSON.stringify(events)).not.toContain('Begin');
	});
});
