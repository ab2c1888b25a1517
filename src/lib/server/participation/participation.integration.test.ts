import { expect, it } from 'vitest';
import { requireParty } from '../access/party-doors.ts';
import { doorFor } from '../testing/doors.ts';
import { PERMISSIONS, type Permission } from '../access/permissions.ts';
import { listMyCollaborations } from '../collaborations/collaborations.usecases.ts';
import { abandonConversation, getParticipantConversation, startQuickCheck } from '../conversations/conversations.usecases.ts';
import { buildRunningConversation, joinAs, nextAddress } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getJoinPanel } from './handover.usecases.ts';
import {
	JOIN_PER_ADDRESS,
	authenticateDevice,
	authorizeLiveUpdates,
	claimParticipant,
	joinWithCode,
	leaveConversation
} from './participation.usecases.ts';

describeOnBothDatabases('participation: joining with a code', (dialect) => {
	const t = useTestContext(dialect);

	async function joinError(code: string) {
		return joinWithCode({ ctx: t.ctx, code, clientAddress: nextAddress() }).then(
			() => null,
			(error: { code: string; status: number }) => ({ code: error.code, status: error.status })
		);
	}

	it('an unknown code, a malformed one and the code of an ended conversation all get the same answer', async () => {
		const ended = await buildRunningConversation(t.ctx);
		await abandonConversation({ ctx: t.ctx, actor: ended.professional, conversationId: ended.conversationId });
		const expected = { code: 'participation.invalid_code', status: 400 };
		expect(await joinError('AAAAAA')).toEqual(expected);
		expect(await joinError('not a code at all')).toEqual(expected);
		expect(await joinError(ended.code)).toEqual(expected);
	});

	it('the code works typed in small letters with spaces, and lists only the names nobody has taken', async () => {
		const world = await buildRunningConversation(t.ctx, { participants: 3 });
		await joinAs(t.ctx, world, world.partyIds[1]!);
		const typed = ` ${world.code.slice(0, 3).toLowerCase()} ${world.code.slice(3).toLowerCase()} `;
		const joined = await joinWithCode({ ctx: t.ctx, code: typed, clientAddress: nextAddress() });
		expect(joined.code).toBe(world.code);
		expect(joined.participants.map((p) => p.partyId).toSorted()).toEqual([world.partyIds[0], world.partyIds[2]].toSorted());
		expect(Object.keys(joined.participants[0]!).toSorted()).toEqual(['displayName', 'partyId']);
	});

	it('a participant claimed by one device cannot be claimed by a second, and the attempt changes nothing', async () => {
		const world = await buildRunningConversation(t.ctx);
		const first = await joinAs(t.ctx, world, world.partyIds[0]!);
		await expect(joinAs(t.ctx, world, world.partyIds[0]!)).rejects.toMatchObject({ code: 'participation.already_claimed', status: 409 });
		const sessions = await t.ctx.db.selectFrom('deviceSessions').select('id').where('partyId', '=', world.partyIds[0]!).execute();
		expect(sessions.map((s) => s.id)).toEqual([first.actor.deviceSessionId]);
		expect(await authenticateDevice(t.ctx, first.token)).toMatchObject({ partyId: world.partyIds[0], mode: 'ownDevice' });
	});

	it('two devices claiming the same participant at the same moment: exactly one gets it', async () => {
		const world = await buildRunningConversation(t.ctx);
		const results = await Promise.allSettled([joinAs(t.ctx, world, world.partyIds[0]!), joinAs(t.ctx, world, world.partyIds[0]!)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'participation.already_claimed' } });
	});

	it('the device session reaches its own conversation and nothing of another one', async () => {
		const world = await buildRunningConversation(t.ctx);
		const other = await buildRunningConversation(t.ctx, { professional: world.professional });
		const { token } = await joinAs(t.ctx, world, world.partyIds[0]!);
		const actor = (await authenticateDevice(t.ctx, token))!;
		expect(actor).toMatchObject({ type: 'participant', conversationId: world.conversationId, partyId: world.partyIds[0] });
		const { ctx } = t;
		await expect(requireParty({ db: ctx.db, actor, conversationId: world.conversationId, purpose: 'view' })).resolves.toMatchObject({
			partyId: world.partyIds[0]
		});
		await expect(getParticipantConversation({ ctx, actor })).resolves.toMatchObject({
			home: { conversationId: world.conversationId, displayName: 'Participant 1' },
			view: { id: world.conversationId }
		});
		const refused = [
			() => requireParty({ db: ctx.db, actor, conversationId: other.conversationId, purpose: 'view' }),
			// The page reads the session's own conversation; one that names another is not found.
			() => getParticipantConversation({ ctx, actor: { ...actor, conversationId: other.conversationId } }),
			() => authorizeLiveUpdates({ ctx, actor, conversationId: other.conversationId }),
			() => getJoinPanel({ ctx, actor, conversationId: world.conversationId, origin: 'http://x' }),
			() => startQuickCheck({ ctx, actor, collaborationId: world.collaborationId }),
			() => listMyCollaborations({ ctx, actor })
		];
		for (const attempt of refused) await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
	});

	it('a participant session is refused every staff permission, for its own collaboration and conversation too', async () => {
		const world = await buildRunningConversation(t.ctx);
		const actor = (await authenticateDevice(t.ctx, (await joinAs(t.ctx, world, world.partyIds[0]!)).token))!;
		for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
			const ids = [world.collaborationId, world.conversationId, world.professional.userId];
			await expect(
				doorFor(permission)({ db: t.ctx.db, actor, permission, ids: PERMISSIONS[permission].resource ? ids.slice(0, 1) : undefined })
			).rejects.toMatchObject({
				code: 'not_found'
			});
		}
	});

	it('the code and every device session die when the conversation ends', async () => {
		const world = await buildRunningConversation(t.ctx);
		const { token } = await joinAs(t.ctx, world, world.partyIds[0]!);
		await abandonConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		expect(await authenticateDevice(t.ctx, token)).toBeNull();
		await expect(joinAs(t.ctx, world, world.partyIds[1]!)).rejects.toMatchObject({ code: 'participation.invalid_code' });
	});

	it('a closed conversation ends its device sessions even if its code were still set', async () => {
		const world = await buildRunningConversation(t.ctx);
		const { token } = await joinAs(t.ctx, world, world.partyIds[0]!);
		// As the engine's close does, minus its preconditions (review, ratings, agreement).
		await t.ctx.db.updateTable('conversations').set({ phase: 'closed' }).where('id', '=', world.conversationId).execute();
		expect(await authenticateDevice(t.ctx, token)).toBeNull();
		await expect(joinAs(t.ctx, world, world.partyIds[1]!)).rejects.toMatchObject({ code: 'participation.invalid_code' });
	});

	it('a device session ends after 12 hours', async () => {
		const world = await buildRunningConversation(t.ctx);
		const { token } = await joinAs(t.ctx, world, world.partyIds[0]!);
		t.ctx.clock.advance(12 * 3_600_000 - 1000);
		expect(await authenticateDevice(t.ctx, token)).not.toBeNull();
		t.ctx.clock.advance(2000);
		expect(await authenticateDevice(t.ctx, token)).toBeNull();
		expect(await authenticateDevice(t.ctx, 'made-up-token')).toBeNull();
	});

	it('guessing codes is throttled per address: the attempt after the limit is refused, even with the right code', async () => {
		const world = await buildRunningConversation(t.ctx);
		const clientAddress = nextAddress();
		for (let i = 0; i < JOIN_PER_ADDRESS.limit; i++) {
			await expect(joinWithCode({ ctx: t.ctx, code: `AAAA${i % 10}A`, clientAddress })).rejects.toMatchObject({
				code: 'participation.invalid_code'
			});
		}
		await expect(joinWithCode({ ctx: t.ctx, code: world.code, clientAddress })).rejects.toMatchObject({
			code: 'rate_limited',
			status: 429,
			publicCode: 'rate_limited:10'
		});
		await expect(claimParticipant({ ctx: t.ctx, code: world.code, partyId: world.partyIds[0]!, clientAddress })).rejects.toMatchObject({
			code: 'rate_limited'
		});
		await expect(joinWithCode({ ctx: t.ctx, code: world.code, clientAddress: nextAddress() })).resolves.toMatchObject({ code: world.code });
		t.ctx.clock.advance(JOIN_PER_ADDRESS.windowMs + 1);
		await expect(joinWithCode({ ctx: t.ctx, code: world.code, clientAddress })).resolves.toMatchObject({ code: world.code });
	});

	it('a stranger who fills an address with wrong codes cannot keep out a phone on that address that scanned the QR code: its key lets the right code in', async () => {
		const world = await buildRunningConversation(t.ctx);
		const clientAddress = nextAddress();
		for (let i = 0; i <= JOIN_PER_ADDRESS.limit; i++) {
			await joinWithCode({ ctx: t.ctx, code: `CCCC${i % 10}C`, clientAddress }).catch(() => undefined);
		}
		await expect(joinWithCode({ ctx: t.ctx, code: world.code, clientAddress })).rejects.toMatchObject({ code: 'rate_limited' });
		const panel = await getJoinPanel({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			origin: 'https://tweespraak.test'
		});
		const key = new URL(panel.joinUrl!).searchParams.get('key')!;
		await expect(joinWithCode({ ctx: t.ctx, code: world.code.toLowerCase(), key, clientAddress })).resolves.toMatchObject({
			code: world.code
		});
		await expect(
			claimParticipant({ ctx: t.ctx, code: world.code, key, partyId: world.partyIds[0]!, clientAddress })
		).resolves.toMatchObject({ actor: { partyId: world.partyIds[0] } });
		// The key opens only its own code, and a made-up key is no key.
		const other = await buildRunningConversation(t.ctx);
		await expect(joinWithCode({ ctx: t.ctx, code: other.code, key, clientAddress })).rejects.toMatchObject({ code: 'rate_limited' });
		await expect(joinWithCode({ ctx: t.ctx, code: world.code, key: 'A'.repeat(22), clientAddress })).rejects.toMatchObject({
			code: 'rate_limited'
		});
	});

	it('leaving frees the name for another device, and the left session no longer works', async () => {
		const world = await buildRunningConversation(t.ctx);
		const { token, actor } = await joinAs(t.ctx, world, world.partyIds[0]!);
		await leaveConversation({ ctx: t.ctx, actor });
		expect(await authenticateDevice(t.ctx, token)).toBeNull();
		await expect(joinAs(t.ctx, world, world.partyIds[0]!)).resolves.toMatchObject({ actor: { partyId: world.partyIds[0] } });
	});

	it('claiming is audited by party id, without names', async () => {
		const world = await buildRunningConversation(t.ctx);
		const { actor } = await joinAs(t.ctx, world, world.partyIds[0]!);
		const event = await t.ctx.db
			.selectFrom('auditEvents')
			.selectAll()
			.where('action', '=', 'participation.claimed')
			.where('actorId', '=', actor.partyId)
			.executeTakeFirstOrThrow();
		expect(event).toMatchObject({ actorType: 'participant', organisationId: world.organisationId, targetId: world.partyIds[0] });
		expect(event.details).not.toContain('Participant');
	});
});

// Its own database: what many addresses do at once must stay out of the other tests.
describeOnBothDatabases('participation: no overall join budget', (dialect) => {
	const t = useTestContext(dialect);

	it('however many addresses guess wrong, a participant with the right code on a new address gets in (regression: 300 guesses a minute shut everyone out)', async () => {
		const world = await buildRunningConversation(t.ctx);
		for (let i = 0; i < 320; i++) {
			await expect(joinWithCode({ ctx: t.ctx, code: 'BBBBBBBB', clientAddress: nextAddress() })).rejects.toMatchObject({
				code: 'participation.invalid_code'
			});
		}
		const clientAddress = nextAddress();
		await expect(joinWithCode({ ctx: t.ctx, code: world.code, clientAddress })).resolves.toMatchObject({ code: world.code });
		await expect(claimParticipant({ ctx: t.ctx, code: world.code, partyId: world.partyIds[0]!, clientAddress })).resolves.toMatchObject({
			actor: { partyId: world.partyIds[0] }
		});
	});

	it('a room behind one address joins with the right code as often as it needs: only wrong codes count', async () => {
		const world = await buildRunningConversation(t.ctx);
		const clientAddress = nextAddress();
		for (let i = 0; i < JOIN_PER_ADDRESS.limit * 2; i++) {
			await expect(joinWithCode({ ctx: t.ctx, code: world.code, clientAddress })).resolves.toMatchObject({ code: world.code });
		}
	});
});
