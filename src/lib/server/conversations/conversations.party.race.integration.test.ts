import { expect, it } from 'vitest';
import { handOverCollaboration } from '../collaborations/handover.usecases.ts';
import { removeParticipant } from '../collaborations/participants.usecases.ts';
import { removeCoProfessional } from '../collaborations/professionals.usecases.ts';
import { systemActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { submitSessionFeedback } from '../feedback/feedback.usecases.ts';
import { createParticipationRepository } from '../participation/participation.repository.ts';
import { eraseParticipant } from '../retention/retention.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { actorsOf, ratingsOf } from '../testing/conversation-builders.ts';
import { buildSessionFeedback, feedbackOf } from '../testing/feedback-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createConversationsRepository } from './conversations.repository.ts';
import {
	revealNow,
	saveAgreement,
	saveReflections,
	startAgreement,
	startQuickCheck,
	startReflection,
	submitRatings
} from './conversations.usecases.ts';

const agreement = { what: 'Elke maandag bellen', who: 'both' as const, dueOn: '2100-01-31', successMeasure: 'We hebben vier keer gebeld' };

/**
 * Who may change a running conversation is read again inside the change, under the conversation's
 * lock (requireStillTakingPart, in both runners): a professional still among the collaboration's
 * professionals, a participant's device still signed in. Before, only the door decided it, before the
 * transaction, so a co-professional removed, a holder who had just handed the collaboration over, or
 * a participant removed (their devices signed out) in between still made that one change.
 */
describeOnBothDatabases('a change of a running conversation by someone whose part in it ended meanwhile', (dialect) => {
	const t = useTestContext(dialect);

	/** A quick check started by its holder in a collaboration with a co-professional and two participants. */
	async function setUp() {
		const admin = await buildOrganisation(t.ctx);
		const holder = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const co = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const { collaborationId, participantIds } = await buildCollaboration(t.ctx, holder, { participants: 2, coProfessionals: [co] });
		const { conversationId } = await startQuickCheck({ ctx: t.ctx, actor: holder, collaborationId });
		const { participants } = await actorsOf(t.ctx, holder, conversationId, participantIds);
		const organisationId = admin.organisationId;
		const removeCo = () => removeCoProfessional({ ctx: t.ctx, actor: holder, collaborationId, userId: co.userId });
		const removeFirst = () => removeParticipant({ ctx: t.ctx, actor: holder, collaborationId, participantId: participantIds[0]! });
		return { admin, holder, co, collaborationId, conversationId, participants, organisationId, removeCo, removeFirst };
	}

	it('regression (race): an agreement saved by a co-professional removed from the collaboration meanwhile is not found, and none is stored', async () => {
		const s = await setUp();
		await rateAndMoveOn(s);
		const write = (ctx: AppContext) => saveAgreement({ ctx, actor: s.co, conversationId: s.conversationId, input: agreement });
		await expect(write(withChangeBeforeTheWrite(t.ctx, s.removeCo))).rejects.toMatchObject({ code: 'not_found' });
		expect(await agreementsOf(s)).toBe(0);
	});

	it('regression (race): a reveal by a co-professional removed from the collaboration meanwhile is not found, and the ratings stay hidden', async () => {
		const s = await setUp();
		await submitRatings({ ctx: t.ctx, actor: s.participants[0]!, conversationId: s.conversationId, values: ratingsOf(40) });
		await submitRatings({ ctx: t.ctx, actor: s.holder, conversationId: s.conversationId, values: ratingsOf(40) });
		const write = (ctx: AppContext) => revealNow({ ctx, actor: s.co, conversationId: s.conversationId });
		await expect(write(withChangeBeforeTheWrite(t.ctx, s.removeCo))).rejects.toMatchObject({ code: 'not_found' });
		expect((await conversationOf(s)).phase).toBe('rating');
	});

	it('regression (race): a rating by the holder who handed the collaboration over meanwhile is not found, and their party stays unrated', async () => {
		const s = await setUp();
		const handOver = () =>
			handOverCollaboration({ ctx: t.ctx, actor: s.admin, collaborationId: s.collaborationId, input: { toUserId: s.co.userId, note: '' } });
		const own = await professionalPartyOf(s);
		const write = (ctx: AppContext) => submitRatings({ ctx, actor: s.holder, conversationId: s.conversationId, values: ratingsOf(70) });
		await expect(write(withChangeBeforeTheWrite(t.ctx, handOver))).rejects.toMatchObject({ code: 'not_found' });
		expect(await submittedOf(s, own)).toBeNull();
	});

	it('regression (race): a rating from the phone of a participant removed meanwhile is not found, and nothing is stored for them', async () => {
		const s = await setUp();
		const phone = s.participants[0]!;
		const write = (ctx: AppContext) => submitRatings({ ctx, actor: phone, conversationId: s.conversationId, values: ratingsOf(20) });
		await expect(write(withChangeBeforeTheWrite(t.ctx, s.removeFirst))).rejects.toMatchObject({ code: 'not_found' });
		expect(await submittedOf(s, phone.partyId)).toBeNull();
		expect(await ratingsStoredFor(phone.partyId)).toBe(0);
	});

	it('regression (race): session feedback from the phone of a participant removed meanwhile is not found, and nothing is stored for them', async () => {
		const feedback = await buildSessionFeedback(t.ctx, { participants: 2 });
		const phone = feedback.participants[0]!;
		const remove = () =>
			removeParticipant({
				ctx: t.ctx,
				actor: feedback.professional,
				collaborationId: feedback.collaborationId,
				participantId: phone.participantId
			});
		const write = (ctx: AppContext) =>
			submitSessionFeedback({ ctx, actor: phone, conversationId: feedback.conversationId, values: feedbackOf(50) });
		await expect(write(withChangeBeforeTheWrite(t.ctx, remove))).rejects.toMatchObject({ code: 'not_found' });
		expect(await ratingsStoredFor(phone.partyId)).toBe(0);
	});

	it('regression (race): a reflection from the phone of a participant erased meanwhile is not found (before: a foreign-key error), and nothing of theirs is left', async () => {
		const s = await setUp();
		await rateAndMoveOn(s, 'reflection');
		const phone = s.participants[0]!;
		const erase = () =>
			eraseParticipant({
				ctx: t.ctx,
				actor: systemActor,
				organisationId: s.organisationId,
				reason: 'request',
				participantId: phone.participantId
			});
		const reflection = { itemKey: 'omgang', mostSatisfied: 'Dat er geluisterd wordt', leastSatisfied: null };
		const write = (ctx: AppContext) => saveReflections({ ctx, actor: phone, conversationId: s.conversationId, reflections: [reflection] });
		await expect(write(withChangeBeforeTheWrite(t.ctx, erase))).rejects.toMatchObject({ code: 'not_found' });
		expect(await t.ctx.db.selectFrom('reflections').select('partyId').where('partyId', '=', phone.partyId).execute()).toEqual([]);
	});

	it('with nothing in between, the co-professional, the holder and the phone change it as before', async () => {
		const s = await setUp();
		const nothing = () => withChangeBeforeTheWrite(t.ctx, async () => {});
		await submitRatings({ ctx: nothing(), actor: s.participants[0]!, conversationId: s.conversationId, values: ratingsOf(40) });
		await submitRatings({ ctx: nothing(), actor: s.holder, conversationId: s.conversationId, values: ratingsOf(40) });
		await revealNow({ ctx: nothing(), actor: s.co, conversationId: s.conversationId });
		expect((await conversationOf(s)).phase).toBe('revealed');
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): an agreement saved while the co-professional’s removal is being saved waits for it, and is not found once it is saved',
		async () => {
			const s = await setUp();
			await rateAndMoveOn(s);
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(removing) =>
					removing
						.deleteFrom('collaborationProfessionals')
						.where('organisationId', '=', s.organisationId)
						.where('collaborationId', '=', s.collaborationId)
						.where('userId', '=', s.co.userId)
						.execute(),
				() => saveAgreement({ ctx: t.ctx, actor: s.co, conversationId: s.conversationId, input: agreement }),
				'the agreement to wait for the removal'
			);
			expect(outcome).toMatchObject({ code: 'not_found' });
			expect(await agreementsOf(s)).toBe(0);
		}
	);

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a rating sent while the participant’s removal signs their phone out waits for it, and is not found once it is saved',
		async () => {
			const s = await setUp();
			const phone = s.participants[0]!;
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(removing) =>
					createParticipationRepository(removing).revokeAccessOfParticipant(
						s.organisationId,
						phone.participantId,
						t.ctx.clock.now().toISOString()
					),
				() => submitRatings({ ctx: t.ctx, actor: phone, conversationId: s.conversationId, values: ratingsOf(20) }),
				'the rating to wait for the sign-out'
			);
			expect(outcome).toMatchObject({ code: 'not_found' });
			expect(await ratingsStoredFor(phone.partyId)).toBe(0);
		}
	);

	type World = Awaited<ReturnType<typeof setUp>>;

	/** Everyone rates and the holder moves on, to the agreement unless told to stop at the reflection. */
	async function rateAndMoveOn(s: World, until: 'reflection' | 'agreement' = 'agreement') {
		for (const actor of [...s.participants, s.holder])
			await submitRatings({ ctx: t.ctx, actor, conversationId: s.conversationId, values: ratingsOf(60) });
		await startReflection({ ctx: t.ctx, actor: s.holder, conversationId: s.conversationId });
		if (until === 'agreement') await startAgreement({ ctx: t.ctx, actor: s.holder, conversationId: s.conversationId });
	}

	async function conversationOf(s: World) {
		return (await createConversationsRepository(t.ctx.db).findConversation(s.organisationId, s.conversationId))!;
	}

	async function agreementsOf(s: World) {
		return (await createConversationsRepository(t.ctx.db).listAgreements(s.organisationId, s.collaborationId)).length;
	}

	async function professionalPartyOf(s: World) {
		const parties = await createConversationsRepository(t.ctx.db).listParties(s.organisationId, s.conversationId);
		return parties.find((party) => party.kind === 'professional' && party.userId === s.holder.userId)!.id;
	}

	async function submittedOf(s: World, partyId: string) {
		const parties = await createConversationsRepository(t.ctx.db).listParties(s.organisationId, s.conversationId);
		return parties.find((party) => party.id === partyId)!.submittedAt;
	}

	async function ratingsStoredFor(partyId: string) {
		return (await t.ctx.db.selectFrom('ratings').select('itemKey').where('partyId', '=', partyId).execute()).length;
	}
});
