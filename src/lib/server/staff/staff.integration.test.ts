import { expect, it } from 'vitest';
import { authenticate } from '../auth/authenticate.ts';
import { signIn } from '../auth/auth.usecases.ts';
import { anonymousActor, buildOrganisation, buildStaff, signInAs, type BuiltStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import { inviteParticipant } from '../trajectories/trajectories.members.usecases.ts';
import { changeRoles, deactivateStaff, getCurrentStaff, listStaff, reactivateStaff, setOwnLocale } from './staff.usecases.ts';

describeOnBothDatabases('staff', (dialect) => {
	const t = useTestContext(dialect);

	function signInWithUsecase(staff: BuiltStaff, password = staff.password) {
		return signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email: staff.email,
			password,
			clientAddress: `staff-${staff.userId}`,
			requestHeaders: new Headers()
		});
	}

	async function rolesOf(admin: BuiltStaff, userId: string) {
		return (await listStaff({ ctx: t.ctx, actor: admin })).find((s) => s.userId === userId)?.roles;
	}

	it('an admin changes a member’s roles, and the change is audited', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		await changeRoles({
			ctx: t.ctx,
			actor: { ...admin, sessionId: 's-1', requestId: 'r-1' },
			input: { userId: member.userId, roles: ['teamLead', 'admin'] }
		});
		expect(await rolesOf(admin, member.userId)).toEqual(['admin', 'teamLead']);
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.selectAll()
			.where('action', '=', 'staff.roles_changed')
			.where('targetId', '=', member.userId)
			.execute();
		expect(audit).toMatchObject([
			{
				organisationId: admin.organisationId,
				actorId: admin.userId,
				sessionId: 's-1',
				requestId: 'r-1',
				targetType: 'user',
				details: '{"roles":"teamLead,admin"}'
			}
		]);
	});

	it('the last active admin cannot lose the admin role (staff.last_admin), and nothing changes', async () => {
		const admin = await buildOrganisation(t.ctx);
		await expect(changeRoles({ ctx: t.ctx, actor: admin, input: { userId: admin.userId, roles: ['professional'] } })).rejects.toMatchObject(
			{
				code: 'staff.last_admin',
				status: 409
			}
		);
		expect(await rolesOf(admin, admin.userId)).toEqual(['admin']);
		expect(await t.ctx.db.selectFrom('auditEvents').select('id').where('organisationId', '=', admin.organisationId).execute()).toEqual([]);
	});

	it('a deactivated admin does not count as the remaining admin', async () => {
		const admin = await buildOrganisation(t.ctx);
		const formerAdmin = await buildStaff(t.ctx, admin, { roles: ['admin'] });
		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: formerAdmin.userId });
		await expect(changeRoles({ ctx: t.ctx, actor: admin, input: { userId: admin.userId, roles: ['professional'] } })).rejects.toMatchObject(
			{
				code: 'staff.last_admin'
			}
		);
	});

	it('with a second admin, an admin may step down', async () => {
		const admin = await buildOrganisation(t.ctx);
		const other = await buildStaff(t.ctx, admin, { roles: ['admin'] });
		await changeRoles({ ctx: t.ctx, actor: admin, input: { userId: admin.userId, roles: ['professional'] } });
		expect(await rolesOf(other, admin.userId)).toEqual(['professional']);
	});

	it('deactivating ends all sessions of that user at once, and their cookie no longer authenticates', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin);
		const headers = await signInAs(t.ctx, member);
		await signInAs(t.ctx, member);
		expect(await t.ctx.auth.api.getSession({ headers })).toMatchObject({ user: { id: member.userId } });
		expect((await authenticate(t.ctx, headers)).actor).toMatchObject({ type: 'staff', userId: member.userId });

		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: member.userId });

		expect(await t.ctx.auth.api.getSession({ headers })).toBeNull();
		expect(await authenticate(t.ctx, headers)).toEqual({
			actor: { type: 'anonymous' },
			twoFactorSetupRequired: false,
			handoverLocked: false
		});
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['details'])
			.where('action', '=', 'staff.deactivated')
			.where('targetId', '=', member.userId)
			.execute();
		expect(audit).toEqual([{ details: '{"sessionsEnded":2,"collaborationsHandedOver":0,"invitationsWithdrawn":0}' }]);
		expect((await listStaff({ ctx: t.ctx, actor: admin })).find((s) => s.userId === member.userId)?.status).toBe('deactivated');
	});

	it('a deactivated member cannot sign in (auth.invalid_credentials, as for a wrong password)', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin);
		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: member.userId });
		await expect(signInWithUsecase(member)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		expect(await t.ctx.db.selectFrom('sessions').select('id').where('userId', '=', member.userId).execute()).toEqual([]);
	});

	it('a deactivated member who also takes part in a learning trajectory cannot sign in either, not even as its guest', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin);
		// Another organisation's trajectory adds the existing account at once.
		const trajectory = await buildTrajectory(t.ctx, { participants: 0 });
		await inviteParticipant({
			ctx: t.ctx,
			actor: trajectory.coordinator,
			trajectoryId: trajectory.trajectoryId,
			input: { email: member.email, organisationName: 'Buurtteam Oost', locale: 'nl' }
		});
		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: member.userId });
		await expect(signInWithUsecase(member)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		expect(await t.ctx.db.selectFrom('sessions').select('id').where('userId', '=', member.userId).execute()).toEqual([]);
	});

	it('a reactivated member can sign in again', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin, { status: 'deactivated' });
		await reactivateStaff({ ctx: t.ctx, actor: admin, userId: member.userId });
		await expect(signInWithUsecase(member)).resolves.toMatchObject({ twoFactorRequired: false });
	});

	it('an admin cannot deactivate themselves (staff.cannot_deactivate_self)', async () => {
		const admin = await buildOrganisation(t.ctx);
		await expect(deactivateStaff({ ctx: t.ctx, actor: admin, userId: admin.userId })).rejects.toMatchObject({
			code: 'staff.cannot_deactivate_self'
		});
	});

	it('only admins manage staff; others get not found', async () => {
		const admin = await buildOrganisation(t.ctx);
		const lead = await buildStaff(t.ctx, admin, { roles: ['teamLead'] });
		const member = await buildStaff(t.ctx, admin);
		await expect(changeRoles({ ctx: t.ctx, actor: lead, input: { userId: member.userId, roles: ['admin'] } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(deactivateStaff({ ctx: t.ctx, actor: lead, userId: member.userId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(listStaff({ ctx: t.ctx, actor: lead })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('staff members set their own language and see their own name and roles', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin, { name: 'Eva Eigen', roles: ['professional', 'trajectoryCoordinator'] });
		await setOwnLocale({ ctx: t.ctx, actor: member, locale: 'en' });
		expect(await getCurrentStaff({ ctx: t.ctx, actor: member })).toEqual({
			name: 'Eva Eigen',
			roles: ['professional', 'trajectoryCoordinator'],
			twoFactorEnabled: false,
			guest: false,
			inTrajectory: false
		});
		expect((await signInWithUsecase(member)).locale).toBe('en');
		expect(await getCurrentStaff({ ctx: t.ctx, actor: anonymousActor })).toBeNull();
	});
});
