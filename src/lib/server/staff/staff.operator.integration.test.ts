import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { systemActor } from '../access/actor.ts';
import { authenticate } from '../auth/authenticate.ts';
import { getOpenInvitation, inviteFirstAdmin } from '../invitations/invitations.usecases.ts';
import { buildOrganisation, buildStaff, linkInMail, signInAs, tokenFromLink, type BuiltStaff } from '../testing/builders.ts';
import { createTestContext, describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { saveErasuresToRepeat } from '../retention/erasures-to-repeat.ts';
import { createErasureRequestsRepository } from '../retention/retention.requests.repository.ts';
import { repeatErasuresAfterRestore } from '../retention/retention.requests.usecases.ts';
import { createLogger } from '../shared/logger.ts';
import { newId } from '../shared/tokens.ts';
import { createStaffRepository } from './staff.repository.ts';
import { inviteAdminByOperator, makeAdminByOperator } from './staff.operator.usecases.ts';
import { changeRoles, deactivateStaff, listStaff } from './staff.usecases.ts';

// After every admin left (or a restore brought back a state without one), nobody could manage the
// organisation, and the operator had no command to change that.
describeOnBothDatabases('the operator’s make-admin', (dialect) => {
	const t = useTestContext(dialect);

	/** An organisation whose only admin has left: a professional remains. */
	async function organisationWithoutAdmin(): Promise<{ formerAdmin: BuiltStaff; member: BuiltStaff }> {
		const formerAdmin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, formerAdmin, { roles: ['professional', 'teamLead'] });
		await createStaffRepository(t.ctx.db).setStatus(
			formerAdmin.organisationId,
			formerAdmin.userId,
			'deactivated',
			t.ctx.clock.now().toISOString()
		);
		return { formerAdmin, member };
	}

	function auditOf(organisationId: string) {
		return t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'actorType', 'actorId', 'targetType', 'targetId', 'details'])
			.where('organisationId', '=', organisationId)
			.execute();
	}

	it('makes an active member admin of their organisation, keeping their roles, in the session they already have, and audits it as the system', async () => {
		const { member } = await organisationWithoutAdmin();
		const session = await signInAs(t.ctx, member);

		const result = await makeAdminByOperator({ ctx: t.ctx, email: member.email });

		expect(result).toMatchObject({ outcome: 'madeAdmin', userId: member.userId, organisationId: member.organisationId, activeAdmins: 1 });
		const actor = (await authenticate(t.ctx, session)).actor;
		expect(actor).toMatchObject({ type: 'staff', userId: member.userId, roles: ['admin', 'teamLead', 'professional'] });
		// The new admin manages the staff again.
		const staff = await listStaff({ ctx: t.ctx, actor });
		expect(staff.find((s) => s.userId === member.userId)?.roles).toEqual(['admin', 'teamLead', 'professional']);
		await changeRoles({ ctx: t.ctx, actor, input: { userId: member.userId, roles: ['admin', 'professional'] } });
		expect(await auditOf(member.organisationId)).toContainEqual({
			action: 'staff.made_admin',
			actorType: 'system',
			actorId: null,
			targetType: 'user',
			targetId: member.userId,
			details: JSON.stringify({ roles: 'admin,teamLead,professional' })
		});
	});

	it('an address without an account, a trajectory guest or a deactivated member is refused, and nothing changes', async () => {
		const { formerAdmin, member } = await organisationWithoutAdmin();
		// A learning trajectory's guest: an account without a membership.
		const guestEmail = `gast-${dialect}-${Date.now()}@elders.test`;
		await createStaffRepository(t.ctx.db).insertUserWithPassword({
			id: newId(),
			name: 'Gast',
			email: guestEmail,
			locale: 'nl',
			passwordHash: 'not-used',
			now: t.ctx.clock.now().toISOString()
		});
		// Invited, the account not made yet.
		await inviteFirstAdmin({
			ctx: t.ctx,
			actor: systemActor,
			organisationId: member.organisationId,
			email: 'uitgenodigd@tweespraak.test',
			locale: 'nl'
		});
		const before = await auditOf(member.organisationId);

		expect(await makeAdminByOperator({ ctx: t.ctx, email: 'niemand@tweespraak.test' })).toEqual({ outcome: 'noAccount', invited: false });
		expect(await makeAdminByOperator({ ctx: t.ctx, email: 'uitgenodigd@tweespraak.test' })).toEqual({
			outcome: 'noAccount',
			invited: true
		});
		expect(await makeAdminByOperator({ ctx: t.ctx, email: guestEmail })).toEqual({ outcome: 'notStaff' });
		expect(await makeAdminByOperator({ ctx: t.ctx, email: formerAdmin.email })).toMatchObject({ outcome: 'deactivated' });

		const repo = createStaffRepository(t.ctx.db);
		expect(await repo.countActiveAdmins(member.organisationId)).toBe(0);
		expect((await repo.findStaffMember(member.organisationId, formerAdmin.userId))?.status).toBe('deactivated');
		expect(await auditOf(member.organisationId)).toEqual(before);
	});

	it('invite-admin: when nobody active is left to make admin, a new person is invited as admin, mailed and audited as the system; only there', async () => {
		const { member } = await organisationWithoutAdmin();
		const organisationId = member.organisationId;
		const before = await auditOf(organisationId);
		const invited = await inviteAdminByOperator({ ctx: t.ctx, organisationId, email: 'nieuwe-beheerder@tweespraak.test' });
		expect(invited).toMatchObject({ outcome: 'invited' });
		const link = (invited as { link: string }).link;
		expect(await getOpenInvitation({ ctx: t.ctx, token: tokenFromLink(link) })).toMatchObject({
			email: 'nieuwe-beheerder@tweespraak.test',
			roles: ['admin']
		});
		const [mail] = t.ctx.mailer.to('nieuwe-beheerder@tweespraak.test');
		expect(linkInMail(mail!)).toBe(link);
		expect((await auditOf(organisationId)).slice(before.length)).toEqual([
			expect.objectContaining({ action: 'invitation.created', actorType: 'system' })
		]);

		// An organisation with an active admin decides itself who joins; an unknown id is no organisation.
		const admin = await buildOrganisation(t.ctx);
		expect(await inviteAdminByOperator({ ctx: t.ctx, organisationId: admin.organisationId, email: 'ander@tweespraak.test' })).toMatchObject(
			{
				outcome: 'hasAdmin',
				activeAdmins: 1
			}
		);
		expect(await inviteAdminByOperator({ ctx: t.ctx, organisationId: newId(), email: 'ander@tweespraak.test' })).toEqual({
			outcome: 'noOrganisation'
		});
		// An address with an account, or invited already, as for a new organisation's first admin.
		await expect(inviteAdminByOperator({ ctx: t.ctx, organisationId, email: member.email })).rejects.toMatchObject({
			code: 'invitation.account_exists'
		});
		await expect(inviteAdminByOperator({ ctx: t.ctx, organisationId, email: 'nieuwe-beheerder@tweespraak.test' })).rejects.toMatchObject({
			code: 'invitation.duplicate'
		});
		expect(t.ctx.mailer.to('ander@tweespraak.test')).toEqual([]);
	});

	it('a member who is already admin stays as they are, and nothing is audited', async () => {
		const admin = await buildOrganisation(t.ctx);
		expect(await makeAdminByOperator({ ctx: t.ctx, email: admin.email })).toMatchObject({ outcome: 'alreadyAdmin', activeAdmins: 1 });
		expect(await auditOf(admin.organisationId)).toEqual([]);
	});
});

// The case the command is for: a backup from when A was the only admin is restored after B became
// admin and A left. The start deactivates A again (decision 011), and nobody administers the
// organisation; the start's warning names the command, and the command gives it an admin back.
describeOnBothDatabases('make-admin after a restore that left an organisation without an admin', (dialect) => {
	it('the start warns with the organisation and the command; make-admin on a remaining member gives the organisation an admin', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweespraak-make-admin-restore-'));
		const lines: string[] = [];
		const ctx: TestContext = await createTestContext(dialect, {
			dataDir,
			logger: createLogger('warn', { write: (line: string) => void lines.push(line) })
		});
		try {
			const first = await buildOrganisation(ctx);
			const member = await buildStaff(ctx, first, { roles: ['professional'] });
			const backup = await ctx.db.selectFrom('memberships').selectAll().where('userId', '=', first.userId).execute();
			// After the backup: B becomes admin, A leaves.
			const second = await buildStaff(ctx, first, { roles: ['admin'] });
			await deactivateStaff({ ctx, actor: second, userId: first.userId });
			const repo = createErasureRequestsRepository(ctx.db);
			saveErasuresToRepeat(dataDir, { erasures: await repo.listAllTombstones(), staff: await repo.listStaffChanges() });
			// The restore: A active admin as in the backup; B did not exist then.
			for (const membership of backup)
				await ctx.db.updateTable('memberships').set(membership).where('userId', '=', membership.userId).execute();
			await ctx.db.deleteFrom('membershipRoles').where('userId', '=', second.userId).execute();
			await ctx.db.deleteFrom('memberships').where('userId', '=', second.userId).execute();

			await repeatErasuresAfterRestore({ ctx });
			const staffRepo = createStaffRepository(ctx.db);
			expect(await staffRepo.countActiveAdmins(first.organisationId)).toBe(0);
			const warning = lines
				.map((line) => JSON.parse(line) as Record<string, unknown>)
				.find((line) => line.event === 'staff.restored_without_active_admin');
			expect(warning).toMatchObject({ organisations: 1, organisationIds: [first.organisationId] });
			expect(warning?.msg).toContain('node scripts/tweespraak.mjs make-admin --email');
			expect(warning?.msg).toContain('node scripts/tweespraak.mjs invite-admin --organisation ID --email');

			expect(await makeAdminByOperator({ ctx, email: member.email })).toMatchObject({ outcome: 'madeAdmin', activeAdmins: 1 });
			expect((await staffRepo.findStaffMember(first.organisationId, member.userId))?.roles).toEqual(['admin', 'professional']);
		} finally {
			await ctx.cleanup();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
