import { expect, it } from 'vitest';
import { abandonConversation } from '../conversations/conversations.usecases.ts';
import { createParticipantsRepository } from '../collaborations/participants.repository.ts';
import { anonymousActor, buildStaff, buildTeam, tokenFromLink, linkInMail } from '../testing/builders.ts';
import { buildRunningConversation, joinAs, nextAddress, type RunningConversation } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { LINK_MAX_DAYS } from './links.models.ts';
import { LINK_PER_ADDRESS } from '../shared/rate-limit.ts';
import { claimParticipantLink, findEndedLinkReason, openParticipantLink } from './link-opening.usecases.ts';
import { createParticipantLink, listParticipantLinks, revokeParticipantLinks, sendParticipantLink } from './links.usecases.ts';
import { authenticateDevice } from './participation.usecases.ts';

const DAY = 86_400_000;

/** Gives the world's first participant an e-mail address and a language, as the professional would. */
async function giveEmail(ctx: TestContext, world: RunningConversation, email: string, locale: 'nl' | 'en' = 'nl') {
	const repo = createParticipantsRepository(ctx.db);
	const [participant] = await repo.listParticipants(world.organisationId, world.collaborationId);
	await repo.updateParticipant(world.organisationId, world.collaborationId, participant!.id, {
		displayName: participant!.displayName,
		audience: participant!.audience,
		locale,
		email
	});
}

describeOnBothDatabases('participation: personal links', (dialect) => {
	const t = useTestContext(dialect);

	function claim(token: string, actor = anonymousActor as Parameters<typeof claimParticipantLink>[0]['actor']) {
		return claimParticipantLink({ ctx: t.ctx, actor, token, clientAddress: nextAddress() });
	}

	/** The professional, about a party's preparation link: what making, sending and revoking one take. */
	const preparationOf = (world: RunningConversation, partyIndex = 0) => ({
		ctx: t.ctx,
		actor: world.professional,
		conversationId: world.conversationId,
		partyId: world.partyIds[partyIndex]!,
		purpose: 'preparation' as const
	});

	const newLink = (world: RunningConversation, partyIndex = 0) => createParticipantLink(preparationOf(world, partyIndex));

	/** The professional revokes the preparation links of the first party, as newLink made them. */
	const revokeLinks = (world: RunningConversation) => revokeParticipantLinks(preparationOf(world));

	it('a link is a random token of which only the hash is stored, shown with a QR code', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		expect(link.url).toBe(`http://tweespraak.test/l/${link.token}`);
		expect(link.qrDataUrl).toMatch(/^data:image\/png;base64,/);
		const stored = await t.ctx.db.selectFrom('participantLinks').selectAll().where('id', '=', link.linkId).executeTakeFirstOrThrow();
		expect(JSON.stringify(stored)).not.toContain(link.token);
		expect(stored).toMatchObject({ partyId: world.partyIds[0], purpose: 'preparation', claimedAt: null });
	});

	it('the first device to open the link takes part as that participant until the link ends', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		const grant = (await claim(link.token))!;
		expect(grant.expiresAt).toBe(link.expiresAt);
		expect(grant.purpose).toBe('preparation');
		t.ctx.clock.advance(5 * DAY);
		const actor = await authenticateDevice(t.ctx, grant.token);
		expect(actor).toMatchObject({ conversationId: world.conversationId, partyId: world.partyIds[0], mode: 'ownDevice' });
		const party = await t.ctx.db
			.selectFrom('conversationParties')
			.select('claimedAt')
			.where('id', '=', world.partyIds[0]!)
			.executeTakeFirst();
		expect(party?.claimedAt).not.toBeNull();
	});

	it('a second device opening a claimed link is refused and nothing changes', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		const first = (await claim(link.token))!;
		await expect(
			openParticipantLink({ ctx: t.ctx, actor: anonymousActor, token: link.token, clientAddress: nextAddress() })
		).rejects.toMatchObject({
			code: 'link.claimed',
			status: 409
		});
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.claimed' });
		const sessions = await t.ctx.db.selectFrom('deviceSessions').select('id').where('partyId', '=', world.partyIds[0]!).execute();
		expect(sessions.map((s) => s.id)).toEqual([first.actor.deviceSessionId]);
	});

	it('the device that claimed the link can open it again: it is simply taken to its page', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		const grant = (await claim(link.token))!;
		const actor = (await authenticateDevice(t.ctx, grant.token))!;
		await expect(openParticipantLink({ ctx: t.ctx, actor, token: link.token, clientAddress: nextAddress() })).resolves.toMatchObject({
			state: 'mine'
		});
		expect(await claim(link.token, actor)).toBeNull();
	});

	it('a link opened on the device that already takes part as that participant (by the code) is its own: a second device cannot open it', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		const joined = await joinAs(t.ctx, world, world.partyIds[0]!);
		await expect(
			openParticipantLink({ ctx: t.ctx, actor: joined.actor, token: link.token, clientAddress: nextAddress() })
		).resolves.toMatchObject({
			state: 'mine'
		});
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.claimed' });
		expect(await authenticateDevice(t.ctx, joined.token)).toMatchObject({ partyId: world.partyIds[0] });
	});

	it('two devices opening the same link at the same moment: exactly one gets it', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		const results = await Promise.allSettled([claim(link.token), claim(link.token)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'link.claimed' } });
	});

	it('an expired link is refused and nothing changes', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		t.ctx.clock.set(link.expiresAt);
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.expired', status: 410 });
		const sessions = await t.ctx.db.selectFrom('deviceSessions').select('id').where('partyId', '=', world.partyIds[0]!).execute();
		expect(sessions).toEqual([]);
		const stored = await t.ctx.db.selectFrom('participantLinks').select('claimedAt').where('id', '=', link.linkId).executeTakeFirst();
		expect(stored?.claimedAt).toBeNull();
	});

	it('the link of a conversation that was stopped no longer works', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		await abandonConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.expired' });
	});

	it('a new link replaces the one nobody opened, and its page says a new link was made; a made-up link does not exist', async () => {
		const world = await buildRunningConversation(t.ctx);
		const old = await newLink(world);
		const fresh = await newLink(world);
		await expect(claim(old.token)).rejects.toMatchObject({ code: 'link.replaced', status: 410 });
		await expect(claim(fresh.token)).resolves.toMatchObject({ purpose: 'preparation' });
		await expect(claim('x'.repeat(43))).rejects.toMatchObject({ code: 'link.invalid', status: 404 });
		await expect(claim('<script>')).rejects.toMatchObject({ code: 'link.invalid' });
	});

	it('regression: a new link ends the device that opened the previous one (and one that joined with the code); only the new device takes part', async () => {
		const world = await buildRunningConversation(t.ctx);
		await giveEmail(t.ctx, world, 'two-phones@example.test');
		const phoneA = (await claim((await newLink(world)).token))!;
		const byCode = await joinAs(t.ctx, world, world.partyIds[1]!);
		// Mailed (the professional's "new link"), or made to print: both end the earlier device.
		await sendParticipantLink(preparationOf(world));
		expect(await authenticateDevice(t.ctx, phoneA.token)).toBeNull();
		expect(await findEndedLinkReason(t.ctx, phoneA.token)).toBe('replaced');
		const phoneB = (await claim(tokenFromLink(linkInMail(t.ctx.mailer.to('two-phones@example.test')[0]!))))!;
		expect(await authenticateDevice(t.ctx, phoneB.token)).toMatchObject({ partyId: world.partyIds[0] });
		expect(await authenticateDevice(t.ctx, phoneA.token)).toBeNull();
		// The other participant's code device ends only with a new link of their own.
		expect(await authenticateDevice(t.ctx, byCode.token)).toMatchObject({ partyId: world.partyIds[1] });
		expect(await findEndedLinkReason(t.ctx, byCode.token)).toBeNull();
		await newLink(world, 1);
		expect(await authenticateDevice(t.ctx, byCode.token)).toBeNull();
	});

	it('regression: the professional revokes an opened link: its device ends, and its page says it was taken back, not that a new one was made', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		const phone = (await claim(link.token))!;
		const input = { ctx: t.ctx, actor: world.professional, conversationId: world.conversationId, partyId: world.partyIds[0]! };
		const { revoked } = await revokeParticipantLinks({ ...input, purpose: 'preparation' });
		expect(revoked).toBe(1);
		expect(await authenticateDevice(t.ctx, phone.token)).toBeNull();
		expect(await findEndedLinkReason(t.ctx, phone.token)).toBe('revoked');
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.revoked', status: 410 });
		const [status] = await listParticipantLinks({ ...input, purpose: 'preparation' });
		expect(status!.link!.state).toBe('revoked');
		// The name is free again, e.g. for the code on the day.
		const party = await t.ctx.db
			.selectFrom('conversationParties')
			.select('claimedAt')
			.where('id', '=', world.partyIds[0]!)
			.executeTakeFirst();
		expect(party?.claimedAt).toBeNull();
	});

	it('revoking ends an unopened link; the refusal is audited with ids only', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		const { revoked } = await revokeLinks(world);
		expect(revoked).toBe(1);
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.revoked' });
		const event = await t.ctx.db
			.selectFrom('auditEvents')
			.selectAll()
			.where('action', '=', 'link.refused')
			.where('targetId', '=', world.partyIds[0]!)
			.executeTakeFirstOrThrow();
		expect(JSON.parse(event.details!)).toEqual({ linkId: link.linkId, reason: 'revoked' });
	});

	it('an ended link opened again and again is refused every time, but written to the audit log once a day, not once a request', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		await revokeLinks(world);
		const refusals = async () =>
			(
				await t.ctx.db
					.selectFrom('auditEvents')
					.select('id')
					.where('action', '=', 'link.refused')
					.where('targetId', '=', world.partyIds[0]!)
					.execute()
			).length;
		for (let i = 0; i < 20; i++) await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.revoked' });
		expect(await refusals()).toBe(1);
		t.ctx.clock.advance(25 * 60 * 60_000);
		await expect(claim(link.token)).rejects.toMatchObject({ code: 'link.revoked' });
		expect(await refusals()).toBe(2);
	});

	it(`a link lives at most ${LINK_MAX_DAYS} days, whatever is asked`, async () => {
		const world = await buildRunningConversation(t.ctx);
		const now = t.ctx.clock.now().getTime();
		const link = await createParticipantLink({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			partyId: world.partyIds[0]!,
			purpose: 'sessionFeedback',
			expiresAt: new Date(now + 365 * DAY)
		});
		expect(Date.parse(link.expiresAt) - now).toBe(LINK_MAX_DAYS * DAY);
	});

	it('the link is mailed to the participant in their own language, and recorded as sent', async () => {
		const world = await buildRunningConversation(t.ctx);
		await giveEmail(t.ctx, world, 'parent@example.test', 'en');
		const sent = await sendParticipantLink(preparationOf(world));
		const [mail] = t.ctx.mailer.to('parent@example.test');
		expect(mail?.subject).toBe('Prepare for your learning conversation');
		expect(mail?.text).toContain(world.professional.name);
		const grant = (await claim(tokenFromLink(linkInMail(mail!))))!;
		expect(grant.locale).toBe('en');
		const [status] = await listParticipantLinks({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			purpose: 'preparation'
		});
		expect(status).toMatchObject({ partyId: world.partyIds[0], hasEmail: true, link: { state: 'claimed', expiresAt: sent.expiresAt } });
		expect(status!.link!.sentAt).not.toBeNull();
		expect(JSON.stringify(status)).not.toContain('parent@example.test');
	});

	it('without an e-mail address nothing is sent and no link is made', async () => {
		const world = await buildRunningConversation(t.ctx);
		await expect(sendParticipantLink(preparationOf(world))).rejects.toMatchObject({ code: 'link.no_email' });
		expect(t.ctx.mailer.sent).toEqual([]);
		expect(await t.ctx.db.selectFrom('participantLinks').select('id').where('conversationId', '=', world.conversationId).execute()).toEqual(
			[]
		);
	});

	it('only a professional of the collaboration makes, sends, lists or revokes links: not a colleague, team lead or admin', async () => {
		const world = await buildRunningConversation(t.ctx);
		const org = world.professional;
		const colleague = await buildStaff(t.ctx, org, { roles: ['professional'] });
		const lead = await buildStaff(t.ctx, org, { roles: ['teamLead'] });
		await buildTeam(t.ctx, org, { members: [{ userId: lead.userId, role: 'lead' }, { userId: org.userId }] });
		const admin = await buildStaff(t.ctx, org, { roles: ['admin'] });
		const participant = (await joinAs(t.ctx, world, world.partyIds[1]!)).actor;
		const input = { conversationId: world.conversationId, partyId: world.partyIds[0]!, purpose: 'preparation' as const };
		for (const actor of [colleague, lead, admin, participant, anonymousActor]) {
			await expect(createParticipantLink({ ctx: t.ctx, actor, ...input })).rejects.toMatchObject({ code: 'not_found' });
			await expect(sendParticipantLink({ ctx: t.ctx, actor, ...input })).rejects.toMatchObject({ code: 'not_found' });
			await expect(revokeParticipantLinks({ ctx: t.ctx, actor, ...input })).rejects.toMatchObject({ code: 'not_found' });
			await expect(listParticipantLinks({ ctx: t.ctx, actor, ...input })).rejects.toMatchObject({ code: 'not_found' });
		}
	});

	it('a party of another conversation cannot be given a link in this one', async () => {
		const world = await buildRunningConversation(t.ctx);
		const other = await buildRunningConversation(t.ctx, { professional: world.professional });
		await expect(
			createParticipantLink({
				ctx: t.ctx,
				actor: world.professional,
				conversationId: world.conversationId,
				partyId: other.partyIds[0]!,
				purpose: 'preparation'
			})
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('wrong links are throttled per address, but a stranger who fills the limit cannot keep out a participant with a good link from the same address', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		const clientAddress = nextAddress();
		const guess = (i: number) =>
			openParticipantLink({ ctx: t.ctx, actor: anonymousActor, token: `guess${i}`.padEnd(43, 'x'), clientAddress });
		for (let i = 0; i < LINK_PER_ADDRESS.limit; i++) {
			await expect(guess(i)).rejects.toMatchObject({ code: 'link.invalid' });
		}
		await expect(guess(LINK_PER_ADDRESS.limit)).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
		await expect(openParticipantLink({ ctx: t.ctx, actor: anonymousActor, token: link.token, clientAddress })).resolves.toMatchObject({
			state: 'open'
		});
		await expect(claimParticipantLink({ ctx: t.ctx, actor: anonymousActor, token: link.token, clientAddress })).resolves.toMatchObject({
			actor: { partyId: world.partyIds[0] }
		});
		await expect(guess(LINK_PER_ADDRESS.limit + 1)).rejects.toMatchObject({ code: 'rate_limited' });
	});

	it('claiming is audited by party id, without names or the token', async () => {
		const world = await buildRunningConversation(t.ctx);
		const link = await newLink(world);
		const grant = (await claim(link.token))!;
		const event = await t.ctx.db
			.selectFrom('auditEvents')
			.selectAll()
			.where('action', '=', 'link.claimed')
			.where('actorId', '=', world.partyIds[0]!)
			.executeTakeFirstOrThrow();
		expect(event).toMatchObject({ actorType: 'participant', organisationId: world.organisationId });
		expect(event.details).toContain(grant.actor.deviceSessionId);
		expect(event.details).not.toContain('Participant');
		expect(event.details).not.toContain(link.token);
	});
});
