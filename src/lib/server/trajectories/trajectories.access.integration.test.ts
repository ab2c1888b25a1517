import { expect, it } from 'vitest';
import { doorFor } from '../testing/doors.ts';
import { systemActor, type Actor } from '../access/actor.ts';
import { PERMISSIONS, type Permission } from '../access/permissions.ts';
import { authenticate } from '../auth/authenticate.ts';
import { signIn } from '../auth/auth.usecases.ts';
import { listMyCollaborations } from '../collaborations/collaborations.usecases.ts';
import { acceptInvitation, listOpenInvitations } from '../invitations/invitations.usecases.ts';
import { getOrganisation } from '../organisations/organisations.usecases.ts';
import { changeRoles, getCurrentStaff } from '../staff/staff.usecases.ts';
import { anonymousActor, buildOrganisation, buildStaff, linkInMail, signInAs, tokenFromLink } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import { inviteParticipant } from './trajectories.members.usecases.ts';
import { getMyMomentForm, getMyTrajectory, listMyTrajectories, setMyConsent } from './trajectories.participant.usecases.ts';
import { getMonitorReport } from './trajectories.report.usecases.ts';
import { getTrajectoryForCoordinator, listTrajectories } from './trajectories.usecases.ts';

const PASSWORD = 'a long password for the guest';

describeOnBothDatabases('trajectory access', (dialect) => {
	const t = useTestContext(dialect);

	/** An outside professional invited by e-mail, who accepted and signed in: a guest. */
	async function inviteGuest(
		built: { trajectoryId: string; coordinator: Parameters<typeof inviteParticipant>[0]['actor'] },
		email: string
	) {
		const { outcome } = await inviteParticipant({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			input: { email, organisationName: 'Buurtteam Oost', locale: 'nl' }
		});
		expect(outcome).toBe('invited');
		const mail = t.ctx.mailer.to(email).at(-1)!;
		const link = linkInMail(mail);
		expect(link).toContain('/invitation/');
		await acceptInvitation({
			ctx: t.ctx,
			actor: anonymousActor,
			token: tokenFromLink(link),
			input: { name: 'Gina Gast', password: PASSWORD, passwordConfirm: PASSWORD }
		});
		const headers = await signInAs(t.ctx, { email, password: PASSWORD });
		const { actor } = await authenticate(t.ctx, headers);
		return actor;
	}

	it('an invited outside professional gets an account without a membership that signs in as a guest', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const guest = await inviteGuest(built, 'gast@elders.test');
		expect(guest).toMatchObject({ type: 'guest' });
		const signedIn = await signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email: 'gast@elders.test',
			password: PASSWORD,
			clientAddress: '127.0.0.1',
			requestHeaders: new Headers()
		});
		expect(signedIn.guest).toBe(true);
		expect(
			await t.ctx.db
				.selectFrom('memberships')
				.select('userId')
				.where('userId', '=', (guest as { userId: string }).userId)
				.execute()
		).toEqual([]);
		// Accepted, the invitation is no longer open: the admin's list of open invitations is empty.
		const admin = await buildStaff(t.ctx, built.coordinator, { roles: ['admin'] });
		expect(await listOpenInvitations({ ctx: t.ctx, actor: admin })).toEqual([]);
		expect(await getCurrentStaff({ ctx: t.ctx, actor: guest })).toMatchObject({ name: 'Gina Gast', roles: [], guest: true });
	});

	it('a coordinator who loses the role leaves the trajectory invitations they sent open: an invitation gives a place in the trajectory, not their role, so the invited professional still joins it', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const admin = await buildStaff(t.ctx, built.coordinator, { roles: ['admin'] });
		// Invited now, accepted after the coordinator lost the role (inviteGuest accepts at once, so the role changes in between).
		const { outcome } = await inviteParticipant({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			input: { email: 'blijft@elders.test', organisationName: 'Buurtteam Oost', locale: 'nl' }
		});
		expect(outcome).toBe('invited');

		const changed = await changeRoles({ ctx: t.ctx, actor: admin, input: { userId: built.coordinator.userId, roles: ['professional'] } });

		expect(changed).toEqual({ invitationsWithdrawn: 0 });
		expect((await listOpenInvitations({ ctx: t.ctx, actor: admin })).map((invitation) => invitation.email)).toEqual(['blijft@elders.test']);
		await acceptInvitation({
			ctx: t.ctx,
			actor: anonymousActor,
			token: tokenFromLink(linkInMail(t.ctx.mailer.to('blijft@elders.test').at(-1)!)),
			input: { name: 'Bo Blijft', password: PASSWORD, passwordConfirm: PASSWORD }
		});
		const { actor: guest } = await authenticate(t.ctx, await signInAs(t.ctx, { email: 'blijft@elders.test', password: PASSWORD }));
		expect((await listMyTrajectories({ ctx: t.ctx, actor: guest })).map((row) => row.trajectoryId)).toEqual([built.trajectoryId]);
	});

	it('a guest reaches their own trajectory and nothing else: every permission, other trajectories and staff usecases are not found', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const other = await buildTrajectory(t.ctx, { participants: 1 });
		const guest = await inviteGuest(built, 'alleen-dit@elders.test');
		expect((await listMyTrajectories({ ctx: t.ctx, actor: guest })).map((row) => row.trajectoryId)).toEqual([built.trajectoryId]);
		await expect(getMyTrajectory({ ctx: t.ctx, actor: guest, trajectoryId: built.trajectoryId })).resolves.toBeTruthy();
		await expect(getMyTrajectory({ ctx: t.ctx, actor: guest, trajectoryId: other.trajectoryId })).rejects.toMatchObject({
			code: 'not_found'
		});
		for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
			const ids = PERMISSIONS[permission].resource ? [built.trajectoryId] : undefined;
			await expect(doorFor(permission)({ db: t.ctx.db, actor: guest, permission, ids }), permission).rejects.toMatchObject({
				code: 'not_found'
			});
		}
		await expect(getTrajectoryForCoordinator({ ctx: t.ctx, actor: guest, trajectoryId: built.trajectoryId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(getMonitorReport({ ctx: t.ctx, actor: guest, trajectoryId: built.trajectoryId, showNames: false })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(getOrganisation({ ctx: t.ctx, actor: guest })).rejects.toMatchObject({ code: 'not_found' });
		await expect(listMyCollaborations({ ctx: t.ctx, actor: guest })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('a professional who already has an account elsewhere is added at once and reaches the trajectory with their own account', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const elsewhere = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['professional'] });
		const { outcome } = await inviteParticipant({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			input: { email: elsewhere.email, organisationName: 'Elders', locale: 'nl' }
		});
		expect(outcome).toBe('added');
		expect(linkInMail(t.ctx.mailer.to(elsewhere.email).at(-1)!)).toBe(`http://tweespraak.test/trajectories/${built.trajectoryId}/me`);
		await expect(getMyTrajectory({ ctx: t.ctx, actor: elsewhere, trajectoryId: built.trajectoryId })).resolves.toMatchObject({
			me: { number: 1, consent: 'pending' }
		});
		// Taking part does not make them a coordinator.
		await expect(getTrajectoryForCoordinator({ ctx: t.ctx, actor: elsewhere, trajectoryId: built.trajectoryId })).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('inviting the same address twice into one trajectory is refused', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const again = inviteParticipant({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			input: { email: built.participants[0]!.actor.email, organisationName: 'x', locale: 'nl' }
		});
		await expect(again).rejects.toMatchObject({ code: 'trajectory.already_participant' });
	});

	it('a participant reaches only their own participation: not another trajectory, not the coordinator pages', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 2 });
		const other = await buildTrajectory(t.ctx, { participants: 1 });
		const [me] = built.participants;
		await expect(getMyTrajectory({ ctx: t.ctx, actor: me!.actor, trajectoryId: other.trajectoryId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			getMyMomentForm({ ctx: t.ctx, actor: me!.actor, trajectoryId: other.trajectoryId, momentId: other.momentIds[0]! })
		).rejects.toMatchObject({
			code: 'not_found'
		});
		// A moment of another trajectory under my own trajectory's id is not found either.
		await expect(
			getMyMomentForm({ ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId, momentId: other.momentIds[0]! })
		).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			getMonitorReport({ ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId, showNames: false })
		).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('a coordinator runs the trajectories of their own organisation only', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const colleague = await buildStaff(t.ctx, built.coordinator, { roles: ['trajectoryCoordinator'] });
		const outsider = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['trajectoryCoordinator'] });
		await expect(getTrajectoryForCoordinator({ ctx: t.ctx, actor: colleague, trajectoryId: built.trajectoryId })).resolves.toBeTruthy();
		expect((await listTrajectories({ ctx: t.ctx, actor: colleague })).map((row) => row.id)).toEqual([built.trajectoryId]);
		expect(await listTrajectories({ ctx: t.ctx, actor: outsider })).toEqual([]);
		for (const actor of [outsider, anonymousActor, systemActor] as Actor[]) {
			await expect(getTrajectoryForCoordinator({ ctx: t.ctx, actor, trajectoryId: built.trajectoryId })).rejects.toMatchObject({
				code: 'not_found'
			});
			await expect(getMonitorReport({ ctx: t.ctx, actor, trajectoryId: built.trajectoryId, showNames: true })).rejects.toMatchObject({
				code: 'not_found'
			});
		}
	});

	it('consent can be given, withdrawn and given again; each change is audited without content', async () => {
		const built = await buildTrajectory(t.ctx, { participants: 1 });
		const [me] = built.participants;
		const consent = async () => (await getMyTrajectory({ ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId })).me.consent;
		await setMyConsent({ ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId, agree: false });
		expect(await consent()).toBe('declined');
		t.ctx.clock.advance(1000);
		await setMyConsent({ ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId, agree: true });
		expect(await consent()).toBe('given');
		t.ctx.clock.advance(1000);
		await setMyConsent({ ctx: t.ctx, actor: me!.actor, trajectoryId: built.trajectoryId, agree: false });
		expect(await consent()).toBe('withdrawn');
		const events = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['details'])
			.where('action', '=', 'trajectory.consent_changed')
			.where('actorId', '=', me!.actor.userId)
			.orderBy('occurredAt')
			.execute();
		expect(events.map((e) => JSON.parse(e.details!).consent)).toEqual(['declined', 'given', 'withdrawn']);
	});
});
