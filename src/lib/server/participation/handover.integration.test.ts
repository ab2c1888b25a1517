import { expect, it } from 'vitest';
import { abandonConversation } from '../conversations/conversations.usecases.ts';
import { authenticate } from '../auth/authenticate.ts';
import { signIn } from '../auth/auth.usecases.ts';
import { anonymousActor, buildStaff, cookieHeadersFrom, signInAs } from '../testing/builders.ts';
import { buildRunningConversation, joinAs } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { clearHandoverPin, getHandoverPinStatus, setHandoverPin } from './handover-pin.usecases.ts';
import {
	endHandover,
	getHandoverReturn,
	getJoinPanel,
	releaseParticipant,
	signOutHandedOverDevice,
	startHandover
} from './handover.usecases.ts';
import { authenticateDevice } from './participation.usecases.ts';

describeOnBothDatabases('participation: handing over the professional device', (dialect) => {
	const t = useTestContext(dialect);

	/** A running conversation, the professional's signed-in browser, and the device handed to participant 1. */
	async function handedOver(ctx: TestContext, existing?: Awaited<ReturnType<typeof buildRunningConversation>>) {
		const world = existing ?? (await buildRunningConversation(ctx));
		const headers = await signInAs(ctx, world.professional);
		const grant = await startHandover({
			ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			partyId: world.partyIds[0]!
		});
		return { world, headers, grant };
	}

	it('a hand-over gives the device to one participant of this conversation, in their language', async () => {
		const { world, grant } = await handedOver(t.ctx);
		expect(grant.locale).toBe('nl');
		expect(await authenticateDevice(t.ctx, grant.token)).toMatchObject({
			type: 'participant',
			mode: 'handover',
			conversationId: world.conversationId,
			partyId: world.partyIds[0]
		});
		// The name is taken: no phone can claim it meanwhile.
		await expect(joinAs(t.ctx, world, world.partyIds[0]!)).rejects.toMatchObject({ code: 'participation.already_claimed' });
	});

	it('only a professional of the collaboration can hand over, and only a participant party', async () => {
		const world = await buildRunningConversation(t.ctx);
		const stranger = await buildStaff(t.ctx, world.professional, { roles: ['professional'] });
		const input = { ctx: t.ctx, conversationId: world.conversationId, partyId: world.partyIds[0]! };
		await expect(startHandover({ ...input, actor: stranger })).rejects.toMatchObject({ code: 'not_found' });
		const professionalParty = await t.ctx.db
			.selectFrom('conversationParties')
			.select('id')
			.where('conversationId', '=', world.conversationId)
			.where('kind', '=', 'professional')
			.executeTakeFirstOrThrow();
		await expect(startHandover({ ...input, actor: world.professional, partyId: professionalParty.id })).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('deleting the device cookies does not unlock a handed-over professional session: the server holds the lock until re-authentication', async () => {
		const world = await buildRunningConversation(t.ctx);
		const headers = await signInAs(t.ctx, world.professional);
		// The professional as the browser presents them, with the session id of this browser.
		const { actor: professional } = await authenticate(t.ctx, headers);
		expect(professional.type).toBe('staff');
		await startHandover({ ctx: t.ctx, actor: professional, conversationId: world.conversationId, partyId: world.partyIds[0]! });

		// Only the staff session cookie is left (the participant removed the device cookies).
		const locked = await authenticate(t.ctx, headers);
		expect(locked).toMatchObject({ actor: { type: 'anonymous' }, handoverLocked: true });

		await expect(
			endHandover({ ctx: t.ctx, deviceToken: undefined, requestHeaders: headers, secret: { password: 'a wrong password' } })
		).rejects.toMatchObject({ code: 'participation.wrong_secret' });
		expect((await authenticate(t.ctx, headers)).handoverLocked).toBe(true);

		await endHandover({ ctx: t.ctx, deviceToken: undefined, requestHeaders: headers, secret: { password: world.professional.password } });
		expect(await authenticate(t.ctx, headers)).toMatchObject({
			actor: { type: 'staff', userId: world.professional.userId },
			handoverLocked: false
		});
	});

	it('taking the device back needs the right password; a wrong one leaves it with the participant', async () => {
		const { headers, grant, world } = await handedOver(t.ctx);
		const input = { ctx: t.ctx, deviceToken: grant.token, requestHeaders: headers };
		await expect(endHandover({ ...input, secret: { password: 'not my password' } })).rejects.toMatchObject({
			code: 'participation.wrong_secret'
		});
		expect(await authenticateDevice(t.ctx, grant.token)).not.toBeNull();
		const back = await endHandover({ ...input, secret: { password: world.professional.password } });
		expect(back.staff).toMatchObject({ userId: world.professional.userId });
		expect(await authenticateDevice(t.ctx, grant.token)).toBeNull();
	});

	it('a PIN works once set (with the password), a wrong PIN does not, and a PIN that is not set is refused', async () => {
		const { headers, grant, world } = await handedOver(t.ctx);
		const input = { ctx: t.ctx, deviceToken: grant.token, requestHeaders: headers };
		await expect(endHandover({ ...input, secret: { pin: '4826' } })).rejects.toMatchObject({ code: 'participation.no_pin' });
		const actor = world.professional;
		await expect(setHandoverPin({ ctx: t.ctx, actor, pin: '4826', password: 'wrong', requestHeaders: headers })).rejects.toMatchObject({
			code: 'auth.wrong_password'
		});
		await setHandoverPin({ ctx: t.ctx, actor, pin: '4826', password: actor.password, requestHeaders: headers });
		expect(await getHandoverPinStatus({ ctx: t.ctx, actor })).toEqual({ pinSet: true });
		expect(await getHandoverReturn({ ctx: t.ctx, requestHeaders: headers, deviceToken: undefined })).toEqual({
			signedIn: true,
			pinAvailable: true,
			handedTo: null
		});
		const stored = await t.ctx.db.selectFrom('users').select('handoverPinHash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
		// Stored as salt and scrypt key in hex, never the PIN: a bare not.toContain('4826') would fail
		// by chance on the one hash in a few thousand whose hex holds those four digits.
		expect(stored.handoverPinHash).toMatch(/^(test-scrypt-n16:)?[0-9a-f]{32}:[0-9a-f]{128}$/);
		await expect(endHandover({ ...input, secret: { pin: '4827' } })).rejects.toMatchObject({ code: 'participation.wrong_secret' });
		expect(await authenticateDevice(t.ctx, grant.token)).not.toBeNull();
		await expect(endHandover({ ...input, secret: { pin: '4826' } })).resolves.toMatchObject({ staff: { userId: actor.userId } });
		expect(await authenticateDevice(t.ctx, grant.token)).toBeNull();
		await clearHandoverPin({ ctx: t.ctx, actor });
		expect(await getHandoverPinStatus({ ctx: t.ctx, actor })).toEqual({ pinSet: false });
	});

	it('after 5 wrong PINs the PIN rests for a quarter (the message says so and points to the password); the password still works and ends the rest', async () => {
		const { headers, grant, world } = await handedOver(t.ctx);
		const actor = world.professional;
		await setHandoverPin({ ctx: t.ctx, actor, pin: '4826', password: actor.password, requestHeaders: headers });
		const input = { ctx: t.ctx, deviceToken: grant.token, requestHeaders: headers };
		for (let i = 0; i < 5; i++) {
			await expect(endHandover({ ...input, secret: { pin: `100${i}` } })).rejects.toMatchObject({ code: 'participation.wrong_secret' });
		}
		await expect(endHandover({ ...input, secret: { pin: '4826' } })).rejects.toMatchObject({
			code: 'participation.pin_locked',
			status: 429,
			publicCode: 'participation.pin_locked:15'
		});
		expect(await authenticateDevice(t.ctx, grant.token)).not.toBeNull();
		await expect(endHandover({ ...input, secret: { password: actor.password } })).resolves.toMatchObject({
			staff: { userId: actor.userId }
		});
		const again = await handedOver(t.ctx, world);
		await expect(
			endHandover({ ctx: t.ctx, deviceToken: again.grant.token, requestHeaders: again.headers, secret: { pin: '4826' } })
		).resolves.toMatchObject({ staff: { userId: actor.userId } });
	});

	it('wrong PINs and passwords on one handed-over device make only that device rest: the professional takes another device back at once', async () => {
		const first = await handedOver(t.ctx);
		const { world } = first;
		const actor = world.professional;
		await setHandoverPin({ ctx: t.ctx, actor, pin: '4826', password: actor.password, requestHeaders: first.headers });
		const second = await handedOver(t.ctx, world);
		const onFirst = { ctx: t.ctx, deviceToken: first.grant.token, requestHeaders: first.headers };
		for (let i = 0; i < 5; i++) {
			await expect(endHandover({ ...onFirst, secret: { pin: `100${i}` } })).rejects.toMatchObject({ code: 'participation.wrong_secret' });
		}
		for (let i = 0; i < 10; i++) {
			await expect(endHandover({ ...onFirst, secret: { password: `gok ${i}` } })).rejects.toMatchObject({
				code: 'participation.wrong_secret'
			});
		}
		await expect(endHandover({ ...onFirst, secret: { pin: '4826' } })).rejects.toMatchObject({ code: 'participation.pin_locked' });
		await expect(endHandover({ ...onFirst, secret: { password: actor.password } })).rejects.toMatchObject({ code: 'rate_limited' });
		await expect(
			endHandover({ ctx: t.ctx, deviceToken: second.grant.token, requestHeaders: second.headers, secret: { pin: '4826' } })
		).resolves.toMatchObject({ staff: { userId: actor.userId } });
	});

	it('on a device whose PIN and password rest, the professional signs out there and signs in again; the device is left with nothing', async () => {
		const { headers, grant, world } = await handedOver(t.ctx);
		const input = { ctx: t.ctx, deviceToken: grant.token, requestHeaders: headers };
		for (let i = 0; i < 10; i++) {
			await expect(endHandover({ ...input, secret: { password: `gok ${i}` } })).rejects.toMatchObject({
				code: 'participation.wrong_secret'
			});
		}
		const { headers: cookies } = await signOutHandedOverDevice(input);
		expect(cookies?.get('set-cookie')).toContain('tweespraak.session_token=;');
		expect((await authenticate(t.ctx, headers, { ignoreHandoverLock: true })).actor.type).toBe('anonymous');
		expect(await authenticateDevice(t.ctx, grant.token)).toBeNull();
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select('actorId')
			.where('action', '=', 'participation.handover_signed_out')
			.execute();
		expect(audit).toEqual([{ actorId: world.professional.userId }]);
		// Signing in again, in the same browser, is not held back by the client's wrong guesses.
		const { professional } = world;
		const again = await signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email: professional.email,
			password: professional.password,
			clientAddress: '10.3.0.1',
			requestHeaders: new Headers()
		});
		expect((await authenticate(t.ctx, cookieHeadersFrom(again.headers))).actor).toMatchObject({
			type: 'staff',
			userId: professional.userId
		});
	});

	it('signing out through the hand-over page works only on a handed-over device: elsewhere it ends nothing', async () => {
		const world = await buildRunningConversation(t.ctx);
		const headers = await signInAs(t.ctx, world.professional);
		await expect(signOutHandedOverDevice({ ctx: t.ctx, deviceToken: undefined, requestHeaders: headers })).rejects.toMatchObject({
			code: 'not_found'
		});
		// A participant's own phone is no handed-over device either.
		const own = await joinAs(t.ctx, world, world.partyIds[1]!);
		await expect(signOutHandedOverDevice({ ctx: t.ctx, deviceToken: own.token, requestHeaders: new Headers() })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect((await authenticate(t.ctx, headers)).actor.type).toBe('staff');
		expect(await authenticateDevice(t.ctx, own.token)).not.toBeNull();
	});

	it('however many devices are handed over at once, the password is guessed at most 30 times a quarter', async () => {
		const first = await handedOver(t.ctx);
		const { world } = first;
		const devices = [first, await handedOver(t.ctx, world), await handedOver(t.ctx, world), await handedOver(t.ctx, world)];
		let refused = 0;
		for (const device of devices) {
			for (let i = 0; i < 10; i++) {
				const attempt = endHandover({
					ctx: t.ctx,
					deviceToken: device.grant.token,
					requestHeaders: device.headers,
					secret: { password: `gok ${i}` }
				});
				await attempt.catch((error: { code?: string }) => {
					if (error.code === 'rate_limited') refused += 1;
				});
			}
		}
		// Four devices of ten guesses each: the last device's ten are refused before any is checked.
		expect(refused).toBe(10);
	});

	it('the right PIN never counts: a professional hands the device over and takes it back ten times in a row (regression: 5 hand-overs locked the PIN)', async () => {
		const first = await handedOver(t.ctx);
		const actor = first.world.professional;
		await setHandoverPin({ ctx: t.ctx, actor, pin: '4826', password: actor.password, requestHeaders: first.headers });
		for (let i = 0; i < 10; i++) {
			const { headers, grant } = i === 0 ? first : await handedOver(t.ctx, first.world);
			await expect(
				endHandover({ ctx: t.ctx, deviceToken: grant.token, requestHeaders: headers, secret: { pin: '4826' } })
			).resolves.toMatchObject({
				staff: { userId: actor.userId }
			});
		}
	});

	// The return page said "Het gesprek is afgelopen" whenever the device's own session was not let
	// in, also while the conversation still ran (a staff page opened on a device without its cookies).
	it('the return page knows to whom the device is handed, in their language, and says ended only when the conversation ended', async () => {
		const world = await buildRunningConversation(t.ctx);
		const headers = await signInAs(t.ctx, world.professional);
		const { actor: professional } = await authenticate(t.ctx, headers);
		const partyId = world.partyIds[0]!;
		const child = await t.ctx.db
			.selectFrom('conversationParties as cp')
			.innerJoin('participants as p', 'p.id', 'cp.participantId')
			.select(['p.id', 'p.displayName'])
			.where('cp.id', '=', partyId)
			.executeTakeFirstOrThrow();
		await t.ctx.db.updateTable('participants').set({ locale: 'tr' }).where('id', '=', child.id).execute();
		const grant = await startHandover({ ctx: t.ctx, actor: professional, conversationId: world.conversationId, partyId });
		const running = { name: child.displayName, locale: 'tr', ended: false };
		expect(await getHandoverReturn({ ctx: t.ctx, requestHeaders: headers, deviceToken: grant.token })).toMatchObject({
			handedTo: running
		});
		// The device's cookies removed: the lock on the professional's session still says to whom.
		expect(await getHandoverReturn({ ctx: t.ctx, requestHeaders: headers, deviceToken: undefined })).toMatchObject({
			signedIn: true,
			handedTo: running
		});
		await abandonConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		expect(await getHandoverReturn({ ctx: t.ctx, requestHeaders: headers, deviceToken: grant.token })).toMatchObject({
			handedTo: { ...running, ended: true }
		});
		await endHandover({ ctx: t.ctx, deviceToken: grant.token, requestHeaders: headers, secret: { password: world.professional.password } });
		expect(await getHandoverReturn({ ctx: t.ctx, requestHeaders: headers, deviceToken: undefined })).toMatchObject({ handedTo: null });
	});

	it('when the conversation ends during a hand-over, taking the device back still needs the password', async () => {
		const { headers, grant, world } = await handedOver(t.ctx);
		await abandonConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		expect(await authenticateDevice(t.ctx, grant.token)).toBeNull();
		const input = { ctx: t.ctx, deviceToken: grant.token, requestHeaders: headers };
		await expect(endHandover({ ...input, secret: { password: 'guess' } })).rejects.toMatchObject({ code: 'participation.wrong_secret' });
		await expect(endHandover({ ...input, secret: { password: world.professional.password } })).resolves.toMatchObject({
			staff: { userId: world.professional.userId }
		});
	});

	it('without a staff session left in the browser, ending a hand-over unlocks nothing: it only revokes the device session', async () => {
		const { grant } = await handedOver(t.ctx);
		const back = await endHandover({ ctx: t.ctx, deviceToken: grant.token, requestHeaders: new Headers(), secret: { password: '' } });
		expect(back).toEqual({ staff: null });
		expect(await authenticateDevice(t.ctx, grant.token)).toBeNull();
	});

	it('releasing a name ends its own-device session, never a hand-over, and lets it be claimed again', async () => {
		const world = await buildRunningConversation(t.ctx);
		const phone = await joinAs(t.ctx, world, world.partyIds[0]!);
		const tablet = await startHandover({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			partyId: world.partyIds[0]!
		});
		await releaseParticipant({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId, partyId: world.partyIds[0]! });
		expect(await authenticateDevice(t.ctx, phone.token)).toBeNull();
		expect(await authenticateDevice(t.ctx, tablet.token)).not.toBeNull();
		await expect(joinAs(t.ctx, world, world.partyIds[0]!)).resolves.toBeDefined();
	});

	it('the join panel shows the code, a QR code of the join link and who has joined; after the end, no code', async () => {
		const world = await buildRunningConversation(t.ctx);
		await joinAs(t.ctx, world, world.partyIds[1]!);
		const panel = await getJoinPanel({
			ctx: t.ctx,
			actor: world.professional,
			conversationId: world.conversationId,
			origin: 'https://tweespraak.test'
		});
		expect(panel).toMatchObject({ code: world.code });
		expect(panel.joinUrl).toMatch(new RegExp(`^https://tweespraak\\.test/join\\?code=${world.code}&key=[\\w-]{22}$`));
		expect(panel.qrDataUrl).toMatch(/^data:image\/png;base64,/);
		expect(panel.participants).toEqual([
			{ partyId: world.partyIds[0], displayName: 'Participant 1', claimed: false },
			{ partyId: world.partyIds[1], displayName: 'Participant 2', claimed: true }
		]);
		const stranger = await buildStaff(t.ctx, world.professional, { roles: ['professional'] });
		await expect(getJoinPanel({ ctx: t.ctx, actor: stranger, conversationId: world.conversationId, origin: 'x' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await abandonConversation({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId });
		const ended = await getJoinPanel({ ctx: t.ctx, actor: world.professional, conversationId: world.conversationId, origin: 'x' });
		expect(ended).toMatchObject({ code: null, qrDataUrl: null, joinUrl: null });
	});
});
