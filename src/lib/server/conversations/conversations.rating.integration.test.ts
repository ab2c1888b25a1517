import { expect, it } from 'vitest';
import { actorsOf, buildQuickCheck, ratingsOf, readConversationAsParticipant } from '../testing/conversation-builders.ts';
import { buildCollaboration } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { createConversationsRepository } from './conversations.repository.ts';
import {
	getConversationForStaff,
	markAbsent,
	markPresent,
	revealNow,
	saveReflections,
	startQuickCheck,
	submitRatings
} from './conversations.usecases.ts';

describeOnBothDatabases('quick check: rating and reveal', (dialect) => {
	const t = useTestContext(dialect);

	async function ratingsRows(ctx: TestContext, organisationId: string, conversationId: string) {
		return ctx.db
			.selectFrom('ratings')
			.selectAll()
			.where('organisationId', '=', organisationId)
			.where('conversationId', '=', conversationId)
			.execute();
	}

	it("a client cannot see the professional's rating before the reveal, and can after", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const [client] = qc.participants;
		await submitRatings({ ctx, actor: qc.professional, conversationId: qc.conversationId, values: ratingsOf(30) });

		const before = await readConversationAsParticipant(ctx, client!);
		expect(before.phase).toBe('rating');
		expect(before.ratings).toEqual([]);
		expect(before.ownRatings).toBeNull();
		// A value 30 anywhere in the view, not a timestamp's "…:30.123Z".
		expect(JSON.stringify(before)).not.toMatch(/":30[,}]/);
		expect(before.parties.find((p) => p.kind === 'professional')).toMatchObject({ submitted: true });

		await submitRatings({ ctx, actor: client!, conversationId: qc.conversationId, values: ratingsOf(80) });
		const after = await readConversationAsParticipant(ctx, client!);
		expect(after.phase).toBe('revealed');
		expect(after.ownRatings).toEqual(ratingsOf(80));
		expect(after.ratings.find((r) => r.partyId === qc.professionalPartyId)?.values).toEqual(ratingsOf(30));
		expect(after.gaps?.[0]).toMatchObject({ spread: 50, highlighted: true });
	});

	it("the professional cannot see a client's rating before the reveal", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 2 });
		await submitRatings({ ctx, actor: qc.participants[0]!, conversationId: qc.conversationId, values: ratingsOf(40) });
		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId: qc.conversationId });
		expect(view.ratings).toEqual([]);
		expect(JSON.stringify(view)).not.toMatch(/":42[,}]/);
		expect(view.parties.filter((p) => p.submitted).map((p) => p.id)).toEqual([qc.participants[0]!.partyId]);
	});

	it('reveals by itself when every present party has submitted', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 2 });
		const conversationId = qc.conversationId;
		expect(await submitRatings({ ctx, actor: qc.participants[0]!, conversationId, values: ratingsOf(50) })).toEqual({ revealed: false });
		await markAbsent({ ctx, actor: qc.professional, conversationId, partyId: qc.participants[1]!.partyId });
		expect(await submitRatings({ ctx, actor: qc.professional, conversationId, values: ratingsOf(60) })).toEqual({ revealed: true });
		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId });
		expect(view).toMatchObject({ phase: 'revealed' });
		expect(view.revealedAt).not.toBeNull();
		const events = await ctx.db.selectFrom('auditEvents').select('action').where('targetId', '=', conversationId).execute();
		expect(events.map((e) => e.action)).toEqual(
			expect.arrayContaining(['conversation.ratings_submitted', 'conversation.revealed', 'access.view'])
		);
	});

	it('a party marked absent cannot submit until marked present again; the professional is always present', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 2 });
		const conversationId = qc.conversationId;
		const [first, second] = qc.participants;
		await markAbsent({ ctx, actor: qc.professional, conversationId, partyId: first!.partyId });
		await expect(submitRatings({ ctx, actor: first!, conversationId, values: ratingsOf(50) })).rejects.toMatchObject({
			code: 'conversation.party_absent'
		});
		await markPresent({ ctx, actor: qc.professional, conversationId, partyId: first!.partyId });
		await submitRatings({ ctx, actor: first!, conversationId, values: ratingsOf(50) });
		await expect(markAbsent({ ctx, actor: qc.professional, conversationId, partyId: qc.professionalPartyId })).rejects.toMatchObject({
			code: 'not_found'
		});
		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId });
		expect(view.parties.map((p) => [p.id, p.present, p.submitted])).toEqual([
			[first!.partyId, true, true],
			[second!.partyId, true, false],
			[qc.professionalPartyId, true, false]
		]);
	});

	it('the professional reveals with those who submitted, once they rated themselves; the others are shown as not submitted', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 2 });
		const conversationId = qc.conversationId;
		await expect(revealNow({ ctx, actor: qc.professional, conversationId })).rejects.toMatchObject({
			code: 'conversation.nobody_submitted'
		});
		await submitRatings({ ctx, actor: qc.participants[0]!, conversationId, values: ratingsOf(30) });
		// The professional rates first (seed 003), or the reveal would leave their side out for good.
		await expect(revealNow({ ctx, actor: qc.professional, conversationId })).rejects.toMatchObject({
			code: 'conversation.rate_yourself_first'
		});
		expect((await readConversationAsParticipant(ctx, qc.participants[1]!)).phase).toBe('rating');
		await submitRatings({ ctx, actor: qc.professional, conversationId, values: ratingsOf(70) });
		await revealNow({ ctx, actor: qc.professional, conversationId });
		const view = await readConversationAsParticipant(ctx, qc.participants[1]!);
		expect(view.phase).toBe('revealed');
		expect(view.parties.find((p) => p.id === qc.participants[1]!.partyId)).toMatchObject({ submitted: false, isViewer: true });
		expect(view.ratings.map((r) => r.partyId).toSorted()).toEqual([qc.participants[0]!.partyId, qc.professionalPartyId].toSorted());
		expect(view.allowedActions).toEqual(['saveReflection']);
		await expect(submitRatings({ ctx, actor: qc.participants[1]!, conversationId, values: ratingsOf(50) })).rejects.toMatchObject({
			code: 'conversation.already_revealed'
		});
	});

	it('refuses bad input and changes nothing: out of range, unknown item, incomplete, double submit, after the reveal', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 2 });
		const conversationId = qc.conversationId;
		const actor = qc.participants[0]!;
		const versionBefore = (await createConversationsRepository(ctx.db).findConversation(qc.professional.organisationId, conversationId))
			?.version;
		const attempts: [Record<string, unknown>, string][] = [
			[{ ...ratingsOf(50), omgang: 101 }, 'conversation.invalid_rating'],
			[{ ...ratingsOf(50), omgang: -1 }, 'conversation.invalid_rating'],
			// Between two points of the 0–10 line (5.5): no form offers it, and no scale could show it.
			[{ ...ratingsOf(50), omgang: 55 }, 'conversation.invalid_rating'],
			[{ ...ratingsOf(50), omgang: 12.5 }, 'conversation.invalid_rating'],
			[{ ...ratingsOf(50), weer: 50 }, 'conversation.unknown_item'],
			[{ omgang: 50 }, 'conversation.incomplete_ratings']
		];
		for (const [values, code] of attempts) {
			await expect(submitRatings({ ctx, actor, conversationId, values })).rejects.toMatchObject({ code });
		}
		expect(await ratingsRows(ctx, actor.organisationId, conversationId)).toEqual([]);
		expect((await createConversationsRepository(ctx.db).findConversation(actor.organisationId, conversationId))?.version).toBe(
			versionBefore
		);

		await submitRatings({ ctx, actor, conversationId, values: ratingsOf(50) });
		await expect(submitRatings({ ctx, actor, conversationId, values: ratingsOf(90) })).rejects.toMatchObject({
			code: 'conversation.already_submitted'
		});
		await submitRatings({ ctx, actor: qc.participants[1]!, conversationId, values: ratingsOf(40) });
		await submitRatings({ ctx, actor: qc.professional, conversationId, values: ratingsOf(60) });
		await expect(submitRatings({ ctx, actor, conversationId, values: ratingsOf(90) })).rejects.toMatchObject({
			code: 'conversation.already_revealed'
		});
		const rows = await ratingsRows(ctx, actor.organisationId, conversationId);
		expect(rows.filter((r) => r.partyId === actor.partyId).map((r) => r.value)).toEqual([50, 50, 50, 50, 50]);
		expect(rows.every((r) => r.instrumentId && r.itemKey)).toBe(true);
	});

	it('the same party submitting twice at the same moment: one submission is stored, the other refused', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 2 });
		const conversationId = qc.conversationId;
		const actor = qc.participants[0]!;
		const results = await Promise.allSettled([
			submitRatings({ ctx, actor, conversationId, values: ratingsOf(30) }),
			submitRatings({ ctx, actor, conversationId, values: ratingsOf(70) })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.filter((r) => r.status === 'rejected');
		expect(refused).toEqual([expect.objectContaining({ reason: expect.objectContaining({ code: 'conversation.already_submitted' }) })]);
		const rows = await ratingsRows(ctx, actor.organisationId, conversationId);
		expect(rows).toHaveLength(5);
		expect(new Set(rows.map((r) => r.value)).size).toBe(1);
		const events = await ctx.db
			.selectFrom('auditEvents')
			.select('action')
			.where('targetId', '=', conversationId)
			.where('action', '=', 'conversation.ratings_submitted')
			.execute();
		expect(events).toHaveLength(1);
	});

	it("a child's ratings are smileys: 0, 25, 50, 75 or 100", async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1, audience: 'child' });
		const child = qc.participants[0]!;
		await expect(
			submitRatings({ ctx, actor: child, conversationId: qc.conversationId, values: { ...ratingsOf(25), contact: 60 } })
		).rejects.toMatchObject({ code: 'conversation.invalid_rating' });
		await submitRatings({ ctx, actor: child, conversationId: qc.conversationId, values: { ...ratingsOf(25), contact: 75 } });
		const view = await readConversationAsParticipant(ctx, child);
		expect(view.items[0]?.text).toBe('Hoe doen we samen?');
		expect(view.viewer.audience).toBe('child');
		expect(view.scale.smileys.map((s) => s.value)).toEqual([0, 25, 50, 75, 100]);
	});

	it('reflections stay with their author until the reveal… and are saved only after it', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const conversationId = qc.conversationId;
		const client = qc.participants[0]!;
		const reflection = { itemKey: 'omgang', mostSatisfied: 'We lachen samen', leastSatisfied: '' };
		await expect(saveReflections({ ctx, actor: client, conversationId, reflections: [reflection] })).rejects.toMatchObject({
			code: 'conversation.wrong_phase'
		});
		await submitRatings({ ctx, actor: client, conversationId, values: ratingsOf(70) });
		await submitRatings({ ctx, actor: qc.professional, conversationId, values: ratingsOf(70) });
		await saveReflections({ ctx, actor: client, conversationId, reflections: [reflection] });
		await expect(
			saveReflections({
				ctx,
				actor: client,
				conversationId,
				reflections: [{ ...reflection, mostSatisfied: 'Anders' }, { itemKey: 'weer' }]
			})
		).rejects.toMatchObject({ code: 'conversation.unknown_item' });
		await expect(
			saveReflections({ ctx, actor: client, conversationId, reflections: [{ ...reflection, mostSatisfied: 'x'.repeat(501) }] })
		).rejects.toMatchObject({
			code: 'conversation.text_too_long'
		});
		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: qc.professional, conversationId });
		expect(view.reflections).toEqual([
			{
				partyId: client.partyId,
				itemKey: 'omgang',
				mostSatisfied: 'We lachen samen',
				leastSatisfied: null,
				mostNotedByProfessional: false,
				leastNotedByProfessional: false
			}
		]);
	});

	it('saving the reflections of all items at once writes the changed items and keeps the others', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const conversationId = qc.conversationId;
		const client = qc.participants[0]!;
		await submitRatings({ ctx, actor: client, conversationId, values: ratingsOf(40) });
		await submitRatings({ ctx, actor: qc.professional, conversationId, values: ratingsOf(60) });
		const untouched = (itemKey: string) => ({ itemKey, mostSatisfied: '', leastSatisfied: '' });
		await saveReflections({
			ctx,
			actor: client,
			conversationId,
			reflections: [{ itemKey: 'omgang', mostSatisfied: 'Eerlijk', leastSatisfied: '' }, untouched('luisteren'), untouched('contact')]
		});
		// The whole form again: "omgang" unchanged, "contact" newly written, "luisteren" still empty.
		await saveReflections({
			ctx,
			actor: client,
			conversationId,
			reflections: [
				{ itemKey: 'omgang', mostSatisfied: 'Eerlijk', leastSatisfied: '' },
				untouched('luisteren'),
				{ itemKey: 'contact', mostSatisfied: '', leastSatisfied: ' Lang wachten ' }
			]
		});
		const view = await readConversationAsParticipant(ctx, client);
		expect([...view.reflections].sort((a, b) => a.itemKey.localeCompare(b.itemKey))).toEqual([
			{
				partyId: client.partyId,
				itemKey: 'contact',
				mostSatisfied: null,
				leastSatisfied: 'Lang wachten',
				mostNotedByProfessional: false,
				leastNotedByProfessional: false
			},
			{
				partyId: client.partyId,
				itemKey: 'omgang',
				mostSatisfied: 'Eerlijk',
				leastSatisfied: null,
				mostNotedByProfessional: false,
				leastNotedByProfessional: false
			}
		]);
		const saved = await ctx.db
			.selectFrom('auditEvents')
			.select('details')
			.where('targetId', '=', conversationId)
			.where('action', '=', 'conversation.reflection_saved')
			.execute();
		expect(saved).toHaveLength(2);
	});

	it('starting again while a quick check runs resumes it', async () => {
		const { ctx } = t;
		const qc = await buildQuickCheck(ctx, { participants: 1 });
		const again = await startQuickCheck({ ctx, actor: qc.professional, collaborationId: qc.collaborationId });
		expect(again).toEqual({ conversationId: qc.conversationId, resumed: true });
		const other = await buildCollaboration(ctx, qc.professional, { participants: 2 });
		const both = await Promise.all([
			startQuickCheck({ ctx, actor: qc.professional, collaborationId: other.collaborationId }),
			startQuickCheck({ ctx, actor: qc.professional, collaborationId: other.collaborationId })
		]);
		expect(new Set(both.map((b) => b.conversationId)).size).toBe(1);
		const { participants } = await actorsOf(ctx, qc.professional, both[0].conversationId, other.participantIds);
		expect(participants).toHaveLength(2);
	});
});
