import { expect, it } from 'vitest';
import { startQuickCheck } from '../conversations/conversations.usecases.ts';
import type { Role } from '../db/schema.ts';
import { inviteStaff, revokeInvitation } from '../invitations/invitations.usecases.ts';
import { getOrganisation, getOrganisationSettings } from '../organisations/organisations.usecases.ts';
import { changeRoles, deactivateStaff, listStaff, reactivateStaff } from '../staff/staff.usecases.ts';
import { removeTeamMember, setTeamMember } from '../teams/teams.usecases.ts';
import { anonymousActor, buildCollaboration, buildOrganisation, buildStaff, buildTeam, type BuiltStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import { requireAccess, requireAccessToChange } from './access.ts';
import { doorFor } from '../testing/doors.ts';
import { systemActor, type Actor } from './actor.ts';
import { accessActionOf, CLIENT_DATA_ACCESS, namesCollaborations } from './access-log.ts';
import { PERMISSIONS, type Permission } from './permissions.ts';
import { requestErasure } from '../retention/retention.requests.usecases.ts';

const ALL_ROLES: Role[] = ['admin', 'teamLead', 'professional', 'trajectoryCoordinator', 'privacyOfficer'];

describeOnBothDatabases('access', (dialect) => {
	const t = useTestContext(dialect);

	/** An organisation with a user and a team, so resource permissions have ids to name. */
	async function buildWorld(ctx: TestContext) {
		const admin = await buildOrganisation(ctx);
		const member = await buildStaff(ctx, admin, { roles: ['professional'] });
		const team = await buildTeam(ctx, admin, { members: [{ userId: member.userId }] });
		return { admin, member, team };
	}

	/**
	 * The ids a resource permission names. A collaboration is reachable only for the professionals
	 * who hold it, so it is built per actor: held by `holder`, or by the world's member.
	 */
	async function idsFor(
		permission: Permission,
		world: Awaited<ReturnType<typeof buildWorld>>,
		holder: BuiltStaff = world.member
	): Promise<string[] | undefined> {
		const resource = PERMISSIONS[permission].resource;
		if (resource === 'user') return [world.member.userId];
		if (resource === 'team') return [world.team.teamId];
		// A team lead reaches only a team they lead; so the team is built per actor, led by `holder`.
		if (resource === 'ledTeam')
			return [(await buildTeam(t.ctx, world.admin, { members: [{ userId: holder.userId, role: 'lead' }] })).teamId];
		if (resource === 'collaboration') return [(await buildCollaboration(t.ctx, holder, { participants: 2 })).collaborationId];
		// Any collaboration of the organisation.
		if (resource === 'organisationCollaboration')
			return [(await buildCollaboration(t.ctx, world.member, { participants: 1 })).collaborationId];
		// The holder's own; for a team lead one held by a member of a team they lead; for an admin any.
		if (resource === 'handoverCollaboration') {
			if (holder.roles.includes('teamLead'))
				await buildTeam(t.ctx, world.admin, { members: [{ userId: holder.userId, role: 'lead' }, { userId: world.member.userId }] });
			const owner = holder.roles.includes('professional') ? holder : world.member;
			return [(await buildCollaboration(t.ctx, owner, { participants: 1 })).collaborationId];
		}
		if (resource === 'erasureRequest') {
			// Asked by the world's admin; confirmed by another admin, or (when the organisation chose so) by the holder.
			const byAdmin = holder.roles.includes('admin');
			await t.ctx.db
				.updateTable('organisations')
				.set({ erasureConfirmation: byAdmin ? 'secondAdmin' : 'holder' })
				.where('id', '=', world.admin.organisationId)
				.execute();
			const { collaborationId } = await buildCollaboration(t.ctx, byAdmin ? world.member : holder, { participants: 1 });
			const input = { targetType: 'collaboration' as const, reference: collaborationId, reason: 'clientRequest' as const };
			return [(await requestErasure({ ctx: t.ctx, actor: world.admin, input })).requestId];
		}
		if (resource === 'trajectory') {
			// Every coordinator of the organisation reaches its trajectories.
			const coordinator = await buildStaff(t.ctx, world.admin, { roles: ['trajectoryCoordinator'] });
			return [(await buildTrajectory(t.ctx, { coordinator, participants: 0 })).trajectoryId];
		}
		if (resource === 'conversation') {
			const { collaborationId } = await buildCollaboration(t.ctx, holder, { participants: 1 });
			return [(await startQuickCheck({ ctx: t.ctx, actor: holder, collaborationId })).conversationId];
		}
		return undefined;
	}

	/**
	 * The access log (NEN 7513) by construction: a permission that reaches a client's data leaves
	 * one entry per id naming the collaboration, the role and the address; any other leaves none.
	 */
	async function expectAccessLogged(permission: Permission, actor: BuiltStaff, role: Role, ids: readonly string[]) {
		const entries = await t.ctx.db
			.selectFrom('auditEvents')
			.selectAll()
			.where('actorId', '=', actor.userId)
			.where('action', 'like', 'access.%')
			.where('details', '=', JSON.stringify({ permission }))
			.execute();
		const access = CLIENT_DATA_ACCESS[permission];
		if (!access) {
			expect(entries).toEqual([]);
			return;
		}
		expect(namesCollaborations(PERMISSIONS[permission].resource)).toBe(true);
		const collaborations = await t.ctx.db.selectFrom('collaborations').select('id').execute();
		expect(entries).toHaveLength(ids.length);
		for (const entry of entries) {
			expect(entry).toMatchObject({
				action: `access.${access.action}`,
				targetType: access.data,
				actorRole: role,
				clientAddress: '203.0.113.7'
			});
			expect(ids).toContain(entry.targetId);
			expect(collaborations.map((c) => c.id)).toContain(entry.collaborationId);
		}
	}

	for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
		const allowedRoles: readonly Role[] = PERMISSIONS[permission].roles;
		const deniedRole = ALL_ROLES.find((role) => !allowedRoles.includes(role));

		it(`${permission}: granted to ${allowedRoles.join(', ')} in their own organisation`, async () => {
			const world = await buildWorld(t.ctx);
			for (const role of allowedRoles) {
				const actor = await buildStaff(t.ctx, world.admin, { roles: [role] });
				const ids = await idsFor(permission, world, actor);
				const request = { db: t.ctx.db, actor: { ...actor, address: '203.0.113.7' }, permission, ids };
				if (accessActionOf(permission) === 'change') {
					// A change's entry is written with the change, never at the door: requireAccess will not take it.
					await expect(requireAccess(request)).rejects.toThrow(/requireAccessToChange/);
					const { staff, logAccess } = await requireAccessToChange(request);
					expect(staff.userId).toBe(actor.userId);
					await expectAccessLogged(permission, actor, role, []);
					await t.ctx.db.transaction().execute((trx) => logAccess(trx));
				} else {
					await expect(requireAccess(request)).resolves.toMatchObject({ userId: actor.userId });
				}
				await expectAccessLogged(permission, actor, role, ids ?? []);
			}
		});

		it(`${permission}: refused (not found) to ${deniedRole ?? 'staff without roles'}, anonymous and system actors`, async () => {
			const world = await buildWorld(t.ctx);
			const denied: Actor[] = [
				anonymousActor,
				systemActor,
				await buildStaff(t.ctx, world.admin, { roles: deniedRole ? [deniedRole] : [] })
			];
			const ids = await idsFor(permission, world);
			for (const actor of denied) {
				await expect(doorFor(permission)({ db: t.ctx.db, actor, permission, ids })).rejects.toMatchObject({ code: 'not_found' });
			}
		});
	}

	it('an admin of organisation A gets not found for the users and teams of organisation B', async () => {
		const a = await buildWorld(t.ctx);
		const b = await buildWorld(t.ctx);
		const { ctx } = t;
		const attempts = [
			() => requireAccess({ db: ctx.db, actor: a.admin, permission: 'staff.manage', ids: [b.member.userId] }),
			() => requireAccess({ db: ctx.db, actor: a.admin, permission: 'team.manage', ids: [b.team.teamId] }),
			// One foreign id among own ids is enough to refuse the whole request.
			() => requireAccess({ db: ctx.db, actor: a.admin, permission: 'staff.manage', ids: [a.member.userId, b.member.userId] }),
			() => changeRoles({ ctx, actor: a.admin, input: { userId: b.member.userId, roles: ['admin'] } }),
			() => deactivateStaff({ ctx, actor: a.admin, userId: b.member.userId }),
			() => reactivateStaff({ ctx, actor: a.admin, userId: b.member.userId }),
			() => setTeamMember({ ctx, actor: a.admin, input: { teamId: b.team.teamId, userId: b.member.userId, role: 'lead' } }),
			() => setTeamMember({ ctx, actor: a.admin, input: { teamId: a.team.teamId, userId: b.member.userId, role: 'lead' } }),
			() => setTeamMember({ ctx, actor: a.admin, input: { teamId: b.team.teamId, userId: a.member.userId, role: 'lead' } }),
			() => removeTeamMember({ ctx, actor: a.admin, input: { teamId: b.team.teamId, userId: b.member.userId } })
		];
		for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
		const staffOfB = await listStaff({ ctx, actor: b.admin });
		expect(staffOfB.find((s) => s.userId === b.member.userId)).toMatchObject({ status: 'active', roles: ['professional'] });
	});

	it("an admin of organisation A cannot revoke organisation B's invitation", async () => {
		const a = await buildWorld(t.ctx);
		const b = await buildWorld(t.ctx);
		const { invitationId } = await inviteStaff({
			ctx: t.ctx,
			actor: b.admin,
			input: { email: 'cross@tweespraak.test', roles: ['professional'], teamId: '', locale: 'nl' }
		});
		await expect(revokeInvitation({ ctx: t.ctx, actor: a.admin, invitationId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(revokeInvitation({ ctx: t.ctx, actor: b.admin, invitationId })).resolves.toBeUndefined();
	});

	it('an admin only ever sees their own organisation', async () => {
		const a = await buildWorld(t.ctx);
		const b = await buildWorld(t.ctx);
		expect((await getOrganisation({ ctx: t.ctx, actor: a.admin })).id).toBe(a.admin.organisationId);
		const listed = await listStaff({ ctx: t.ctx, actor: a.admin });
		expect(listed.map((s) => s.userId).toSorted()).toEqual([a.admin.userId, a.member.userId].toSorted());
		expect(listed.map((s) => s.userId)).not.toContain(b.member.userId);
	});

	it('anonymous and system actors are refused by the organisation usecases', async () => {
		for (const actor of [anonymousActor, systemActor] as Actor[]) {
			await expect(getOrganisation({ ctx: t.ctx, actor })).rejects.toMatchObject({ code: 'not_found', status: 404 });
			await expect(getOrganisationSettings({ ctx: t.ctx, actor })).rejects.toMatchObject({ code: 'not_found' });
			await expect(listStaff({ ctx: t.ctx, actor })).rejects.toMatchObject({ code: 'not_found' });
		}
	});

	it('a resource permission without ids is refused', async () => {
		const admin: BuiltStaff = await buildOrganisation(t.ctx);
		await expect(requireAccess({ db: t.ctx.db, actor: admin, permission: 'staff.manage' })).rejects.toMatchObject({ code: 'not_found' });
	});
});
