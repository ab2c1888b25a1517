import { expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { setDeckEnabled } from '../decks/decks.usecases.ts';
import { claimParticipantLink } from '../participation/link-opening.usecases.ts';
import { listParticipantLinks, revokeParticipantLinks } from '../participation/links.usecases.ts';
import { authenticateDevice } from '../participation/participation.usecases.ts';
import { anonymousActor, buildCollaboration, buildStaff, buildTeam, linkInMail, tokenFromLink } from '../testing/builders.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { nextAddress } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { cancelLearningConversation, scheduleLearningConversation, sendPreparationReminder } from './schedule.usecases.ts';

describeOnBothDatabases('preparation: planning a learning conversation', (dialect) => {
	const t = useTestContext(dialect);

	function claim(token: string) {
		return claimParticipantLink({ ctx: t.ctx, actor: anonymousActor, token, clientAddress: nextAddress() });
	}

	it('plans it in preparation with a party per participant and the professional, the enabled decks, and no join code', async () => {
		const world = await buildLearningConversation(t.ctx, { participants: 2 });
		const conversation = await t.ctx.db
			.selectFrom('conversations')
			.selectAll()
			.where('id', '=', world.conversationId)
			.executeTakeFirstOrThrow();
		expect(conversation).toMatchObject({
			method: 'learningConversation',
			phase: 'preparation',
			scheduledOn: world.scheduledOn,
			joinCode: null,
			instrumentId: null,
			startedBy: world.professional.userId
		});
		const parties = await t.ctx.db
			.selectFrom('conversationParties')
			.select(['kind', 'participantId', 'userId'])
			.where('conversationId', '=', world.conversationId)
			.execute();
		expect(
			parties
				.filter((p) => p.kind === 'participant')
				.map((p) => p.participantId)
				.toSorted()
		).toEqual(world.participantIds.toSorted());
		expect(parties.filter((p) => p.kind === 'professional').map((p) => p.userId)).toEqual([world.professional.userId]);
		const decks = await t.ctx.db
			.selectFrom('conversationDecks as cd')
			.innerJoin('decks as d', 'd.id', 'cd.deckId')
			.select('d.key')
			.where('cd.conversationId', '=', world.conversationId)
			.orderBy('d.key')
			.execute();
		expect(decks.map((d) => d.key)).toEqual(['samenleerwijzer', 'themes', 'values', 'wishes']);
	});

	it('mails the link to a participant with an address in their language, gives a printable QR link to another, and none to a third', async () => {
		const world = await buildLearningConversation(t.ctx, {
			participants: 3,
			emails: { 0: { email: 'mother@example.test', locale: 'en' } },
			deliveries: { 0: 'email', 1: 'print', 2: 'none' }
		});
		const [mail] = t.ctx.mailer.to('mother@example.test');
		expect(mail?.subject).toBe('Prepare for your learning conversation');
		expect(mail?.text).toContain(world.professional.name);
		expect(world.printLinks).toHaveLength(1);
		expect(world.printLinks[0]).toMatchObject({ partyId: world.participants[1]!.partyId, displayName: 'Participant 2' });
		expect(world.printLinks[0]!.qrDataUrl).toMatch(/^data:image\/png;base64,/);
		const statuses = await listParticipantLinks({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			purpose: 'preparation'
		});
		const byParty = Object.fromEntries(statuses.map((s) => [s.partyId, s.link?.state ?? 'none']));
		expect(byParty).toEqual({
			[world.participants[0]!.partyId]: 'open',
			[world.participants[1]!.partyId]: 'open',
			[world.participants[2]!.partyId]: 'none'
		});
		await expect(claim(tokenFromLink(linkInMail(mail!)))).resolves.toMatchObject({
			actor: { partyId: world.participants[0]!.partyId },
			locale: 'en'
		});
	});

	it('the link works until the end of the day after the planned day, and is refused from then on', async () => {
		const world = await buildLearningConversation(t.ctx, { participants: 1, daysAhead: 3 });
		const link = world.printLinks[0]!;
		const dayAfter = addDaysToDate(world.scheduledOn, 1);
		expect(todayInAmsterdam(new Date(Date.parse(link.expiresAt) - 1))).toBe(dayAfter);
		expect(todayInAmsterdam(new Date(link.expiresAt))).toBe(addDaysToDate(dayAfter, 1));
		t.ctx.clock.set(link.expiresAt);
		await expect(claim(tokenFromLink(link.url))).rejects.toMatchObject({ code: 'link.expired' });
	});

	it('a date in the past, an e-mail for someone without an address, or a participant of another collaboration: refused, nothing planned', async () => {
		const { professional } = await buildLearningConversation(t.ctx, { participants: 1 });
		const { collaborationId, participantIds } = await buildCollaboration(t.ctx, professional, { participants: 1 });
		const other = await buildCollaboration(t.ctx, professional, { participants: 1 });
		const today = todayInAmsterdam(t.ctx.clock.now());
		const plan = (scheduledOn: string, deliveries: Record<string, 'email' | 'print' | 'none'>) =>
			scheduleLearningConversation({ ctx: t.ctx, actor: professional, collaborationId, scheduledOn, deliveries });
		await expect(plan(addDaysToDate(today, -1), {})).rejects.toMatchObject({ code: 'conversation.date_in_past' });
		await expect(plan(addDaysToDate(today, 2), { [participantIds[0]!]: 'email' })).rejects.toMatchObject({ code: 'link.no_email' });
		await expect(plan(addDaysToDate(today, 2), { [other.participantIds[0]!]: 'print' })).rejects.toMatchObject({ code: 'not_found' });
		await expect(plan('2026-02-30', {})).rejects.toMatchObject({ code: 'validation' });
		const planned = await t.ctx.db.selectFrom('conversations').select('id').where('collaborationId', '=', collaborationId).execute();
		expect(planned).toEqual([]);
		await expect(plan(today, {})).resolves.toMatchObject({ printLinks: [] });
	});

	it('one planned learning conversation at a time per collaboration; after calling it off, a new one can be planned', async () => {
		const world = await buildLearningConversation(t.ctx, { participants: 1 });
		const again = () =>
			scheduleLearningConversation({
				ctx: t.ctx,
				actor: world.professional,
				collaborationId: world.collaborationId,
				scheduledOn: world.scheduledOn,
				deliveries: {}
			});
		await expect(again()).rejects.toMatchObject({ code: 'preparation.already_planned' });
		await cancelLearningConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		await expect(claim(tokenFromLink(world.printLinks[0]!.url))).rejects.toMatchObject({ code: 'link.expired' });
		await expect(again()).resolves.toMatchObject({ conversationId: expect.any(String) });
	});

	it('a deck switched off is not part of conversations planned afterwards', async () => {
		const first = await buildLearningConversation(t.ctx, { participants: 1 });
		await setDeckEnabled({ ctx: t.ctx, actor: first.admin, deckKey: 'values', enabled: false });
		const second = await buildLearningConversation(t.ctx, { participants: 1, professional: first.professional });
		const keysOf = async (conversationId: string) =>
			(
				await t.ctx.db
					.selectFrom('conversationDecks as cd')
					.innerJoin('decks as d', 'd.id', 'cd.deckId')
					.select('d.key')
					.where('cd.conversationId', '=', conversationId)
					.execute()
			)
				.map((d) => d.key)
				.toSorted();
		expect(await keysOf(first.conversationId)).toContain('values');
		expect(await keysOf(second.conversationId)).toEqual(['samenleerwijzer', 'themes', 'wishes']);
	});

	it('only a professional of the collaboration plans or calls off: not a colleague, team lead, admin, participant or anonymous', async () => {
		const world = await buildLearningConversation(t.ctx, { participants: 1 });
		const colleague = await buildStaff(t.ctx, world.admin, { roles: ['professional'] });
		const lead = await buildStaff(t.ctx, world.admin, { roles: ['teamLead'] });
		await buildTeam(t.ctx, world.admin, { members: [{ userId: lead.userId, role: 'lead' }, { userId: world.professional.userId }] });
		const { collaborationId } = await buildCollaboration(t.ctx, world.professional, { participants: 1 });
		const scheduledOn = world.scheduledOn;
		for (const actor of [colleague, lead, world.admin, world.participants[0]!, anonymousActor]) {
			await expect(scheduleLearningConversation({ ctx: t.ctx, actor, collaborationId, scheduledOn, deliveries: {} })).rejects.toMatchObject(
				{ code: 'not_found' }
			);
			await expect(cancelLearningConversation({ ctx: t.ctx, actor, conversationId: world.conversationId })).rejects.toMatchObject({
				code: 'not_found'
			});
		}
	});

	it('the reminder for the job runner mails a fresh link to a participant who has not opened theirs, and only then', async () => {
		const world = await buildLearningConversation(t.ctx, {
			participants: 2,
			emails: { 0: { email: 'remind-me@example.test' } },
			deliveries: { 0: 'email', 1: 'print' }
		});
		const input = { ctx: t.ctx, organisationId: world.admin.organisationId, conversationId: world.conversationId };
		await expect(
			sendPreparationReminder({ ...input, actor: world.professional, partyId: world.participants[0]!.partyId })
		).rejects.toMatchObject({ code: 'not_found' });
		const first = t.ctx.mailer.to('remind-me@example.test')[0]!;
		expect(await sendPreparationReminder({ ...input, actor: systemActor, partyId: world.participants[0]!.partyId })).toBe('sent');
		const reminder = t.ctx.mailer.to('remind-me@example.test')[1]!;
		expect(reminder.text).toContain(world.professional.name);
		await expect(claim(tokenFromLink(linkInMail(first)))).rejects.toMatchObject({ code: 'link.replaced' });
		await claim(tokenFromLink(linkInMail(reminder)));
		expect(await sendPreparationReminder({ ...input, actor: systemActor, partyId: world.participants[0]!.partyId })).toBe('alreadyOpened');
		expect(await sendPreparationReminder({ ...input, actor: systemActor, partyId: world.participants[1]!.partyId })).toBe('noEmail');
		expect(t.ctx.mailer.sent).toHaveLength(2);
	});

	it('regression: a reminder never ends a phone that opened the link, and never undoes a link the professional took back', async () => {
		const world = await buildLearningConversation(t.ctx, {
			participants: 2,
			emails: { 0: { email: 'opened@example.test' }, 1: { email: 'taken-back@example.test' } },
			deliveries: { 0: 'email', 1: 'email' }
		});
		const input = { ctx: t.ctx, actor: systemActor, organisationId: world.admin.organisationId, conversationId: world.conversationId };
		const phone = (await claim(tokenFromLink(linkInMail(t.ctx.mailer.to('opened@example.test')[0]!))))!;
		expect(await sendPreparationReminder({ ...input, partyId: world.participants[0]!.partyId })).toBe('alreadyOpened');
		expect(await authenticateDevice(t.ctx, phone.token)).toMatchObject({ partyId: world.participants[0]!.partyId });
		await revokeParticipantLinks({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			partyId: world.participants[1]!.partyId,
			purpose: 'preparation'
		});
		expect(await sendPreparationReminder({ ...input, partyId: world.participants[1]!.partyId })).toBe('revoked');
		expect(t.ctx.mailer.to('taken-back@example.test')).toHaveLength(1);
		const links = await listParticipantLinks({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			purpose: 'preparation'
		});
		expect(links.find((l) => l.partyId === world.participants[1]!.partyId)!.link!.state).toBe('revoked');
	});
});
