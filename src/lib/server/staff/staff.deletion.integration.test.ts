import { expect, it } from 'vitest';
import { listAuditEvents } from '../audit/audit.usecases.ts';
import { signIn } from '../auth/auth.usecases.ts';
import { getCollaboration } from '../collaborations/collaborations.usecases.ts';
import { getHandovers, handOverCollaboration } from '../collaborations/handover.usecases.ts';
import { getCollaborationTimeline, getConversationForStaff, startQuickCheck } from '../conversations/conversations.usecases.ts';
import { anonymousActor, buildCollaboration, buildOrganisation, buildStaff, buildTeam, type BuiltStaff } from '../testing/builders.ts';
import { plantedText, tablesContaining } from '../testing/erasure-world.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { deleteStaffAccount } from './staff.deletion.usecases.ts';
import { deactivateStaff, listStaff, reactivateStaff } from './staff.usecases.ts';

describeOnBothDatabases('deleting a staff account', (dialect) => {
	const t = useTestContext(dialect);

	/** A professional with a unique name and address who led a quick check, handed the collaboration to a colleague and was deactivated. */
	async function buildLeaver() {
		const admin = await buildOrganisation(t.ctx);
		const name = plantedText('Name');
		const email = `${plantedText('mail').toLowerCase()}@tweespraak.test`;
		const leaver = await buildStaff(t.ctx, admin, { roles: ['professional'], name, email });
		const colleague = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Colleague Chris' });
		await buildTeam(t.ctx, admin, { members: [{ userId: leaver.userId }, { userId: colleague.userId, role: 'lead' }] });
		const { collaborationId } = await buildCollaboration(t.ctx, leaver, { participants: 1 });
		await startQuickCheck({ ctx: t.ctx, actor: leaver, collaborationId });
		await handOverCollaboration({ ctx: t.ctx, actor: leaver, collaborationId, input: { toUserId: colleague.userId, note: 'Belt graag.' } });
		await deactivateStaff({ ctx: t.ctx, actor: admin, userId: leaver.userId });
		return { admin, leaver, colleague, collaborationId, name, email };
	}

	/** What a deletion must not change when it is refused: the account row, its password and its membership. */
	async function snapshot(userId: string) {
		const db = t.ctx.db;
		return {
			user: await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst(),
			accounts: await db.selectFrom('accounts').select('id').where('userId', '=', userId).execute(),
			membership: await db.selectFrom('memberships').selectAll().where('userId', '=', userId).executeTakeFirst(),
			roles: await db.selectFrom('membershipRoles').select('role').where('userId', '=', userId).execute()
		};
	}

	function signInAgain(staff: BuiltStaff) {
		return signIn({
			ctx: t.ctx,
			actor: anonymousActor,
			email: staff.email,
			password: staff.password,
			clientAddress: `deletion-${staff.userId}`,
			requestHeaders: new Headers()
		});
	}

	it('removes the name, address, password, two-factor secret and sessions, and nothing of them is left in any table', async () => {
		const { admin, leaver, name, email } = await buildLeaver();
		await t.ctx.db
			.insertInto('twoFactors')
			.values({
				id: `tf-${leaver.userId}`,
				secret: 'secret',
				backupCodes: 'codes',
				userId: leaver.userId,
				verified: 1,
				failedVerificationCount: 0,
				lockedUntil: null
			})
			.execute();

		expect(await deleteStaffAccount({ ctx: t.ctx, actor: admin, userId: leaver.userId })).toEqual({ formerNumber: 1 });

		expect(await tablesContaining(t.ctx, [name, email])).toEqual([]);
		const db = t.ctx.db;
		for (const table of ['accounts', 'sessions', 'twoFactors', 'teamMembers', 'membershipRoles'] as const) {
			expect(await db.selectFrom(table).select('userId').where('userId', '=', leaver.userId).execute(), table).toEqual([]);
		}
		expect(await db.selectFrom('invitations').select('id').where('email', '=', email).execute()).toEqual([]);
		await expect(signInAgain(leaver)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
		expect((await listStaff({ ctx: t.ctx, actor: admin })).map((s) => s.userId)).not.toContain(leaver.userId);
	});

	it('keeps the organisation’s records, which name the person “voormalig medewerker 1”: conversation, handover and audit log', async () => {
		const { admin, leaver, colleague, collaborationId } = await buildLeaver();
		await deleteStaffAccount({ ctx: t.ctx, actor: admin, userId: leaver.userId });

		const timeline = await getCollaborationTimeline({ locale: 'nl', ctx: t.ctx, actor: colleague, collaborationId });
		const professional = timeline.conversations[0]!.parties.find((p) => p.kind === 'professional');
		expect(professional?.displayName).toBe('Voormalig medewerker 1');
		const handovers = await getHandovers({ ctx: t.ctx, actor: colleague, collaborationId });
		expect(handovers.history).toEqual([
			expect.objectContaining({ fromName: 'Voormalig medewerker 1', toName: 'Colleague Chris', byName: 'Voormalig medewerker 1' })
		]);
		expect(handovers.note).toMatchObject({ note: 'Belt graag.', fromName: 'Voormalig medewerker 1' });
		expect((await getCollaboration({ ctx: t.ctx, actor: colleague, collaborationId })).professionals).toEqual([
			expect.objectContaining({ userId: colleague.userId, role: 'holder' })
		]);

		const { events } = await listAuditEvents({ ctx: t.ctx, actor: admin, query: {} });
		const byLeaver = events.filter((e) => e.actorId === leaver.userId);
		expect(byLeaver.length).toBeGreaterThan(0);
		expect(byLeaver.every((e) => e.actorFormerNumber === 1)).toBe(true);
		const deleted = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['actorId', 'details'])
			.where('action', '=', 'staff.deleted')
			.where('targetId', '=', leaver.userId)
			.execute();
		expect(deleted).toEqual([{ actorId: admin.userId, details: JSON.stringify({ formerNumber: 1 }) }]);
	});

	it('names the person in the language of the page, not the reader’s stored one: “Former staff member 1” on an English page', async () => {
		const { admin, leaver, colleague, collaborationId } = await buildLeaver();
		await deleteStaffAccount({ ctx: t.ctx, actor: admin, userId: leaver.userId });
		// The reader's stored language is Dutch; the page they are on is English.
		expect(colleague.locale).toBe('nl');

		const timeline = await getCollaborationTimeline({ ctx: t.ctx, actor: colleague, collaborationId, locale: 'en' });
		const [entry] = timeline.conversations;
		expect(entry!.parties.find((p) => p.kind === 'professional')?.displayName).toBe('Former staff member 1');
		const view = await getConversationForStaff({ ctx: t.ctx, actor: colleague, conversationId: entry!.id, locale: 'en' });
		expect(view.parties.find((p) => p.kind === 'professional')?.displayName).toBe('Former staff member 1');
		// The same records on a Dutch page, for the same reader.
		const dutch = await getConversationForStaff({ ctx: t.ctx, actor: colleague, conversationId: entry!.id, locale: 'nl' });
		expect(dutch.parties.find((p) => p.kind === 'professional')?.displayName).toBe('Voormalig medewerker 1');
	});

	it('numbers count up within each organisation and stay with the person; deleting again is refused and changes nothing', async () => {
		const first = await buildLeaver();
		const second = await buildStaff(t.ctx, first.admin, { roles: ['professional'], status: 'deactivated' });
		const elsewhere = await buildLeaver();

		await deleteStaffAccount({ ctx: t.ctx, actor: first.admin, userId: first.leaver.userId });
		expect(await deleteStaffAccount({ ctx: t.ctx, actor: first.admin, userId: second.userId })).toEqual({ formerNumber: 2 });
		expect(await deleteStaffAccount({ ctx: t.ctx, actor: elsewhere.admin, userId: elsewhere.leaver.userId })).toEqual({
			formerNumber: 1
		});

		const before = await snapshot(first.leaver.userId);
		await expect(deleteStaffAccount({ ctx: t.ctx, actor: first.admin, userId: first.leaver.userId })).rejects.toMatchObject({
			code: 'staff.already_deleted',
			status: 409
		});
		await expect(reactivateStaff({ ctx: t.ctx, actor: first.admin, userId: first.leaver.userId })).rejects.toMatchObject({
			code: 'staff.already_deleted'
		});
		expect(await snapshot(first.leaver.userId)).toEqual(before);
		expect(before.membership).toMatchObject({ formerNumber: 1, status: 'deactivated' });
	});

	it('an active account is refused until it is deactivated; nothing changes', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const before = await snapshot(member.userId);
		await expect(deleteStaffAccount({ ctx: t.ctx, actor: admin, userId: member.userId })).rejects.toMatchObject({
			code: 'staff.delete_active',
			status: 409
		});
		expect(await snapshot(member.userId)).toEqual(before);
	});

	it('the last admin cannot delete their own account; nothing changes', async () => {
		const admin = await buildOrganisation(t.ctx);
		const before = await snapshot(admin.userId);
		await expect(deleteStaffAccount({ ctx: t.ctx, actor: admin, userId: admin.userId })).rejects.toMatchObject({
			code: 'staff.last_admin',
			status: 409
		});
		expect(await snapshot(admin.userId)).toEqual(before);
	});

	it('an account that still holds an open collaboration is refused; nothing changes', async () => {
		const admin = await buildOrganisation(t.ctx);
		const holder = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const { collaborationId } = await buildCollaboration(t.ctx, holder, { participants: 1 });
		// Deactivated without a handover, as an older version allowed.
		await t.ctx.db.updateTable('memberships').set({ status: 'deactivated' }).where('userId', '=', holder.userId).execute();
		const before = await snapshot(holder.userId);
		await expect(deleteStaffAccount({ ctx: t.ctx, actor: admin, userId: holder.userId })).rejects.toMatchObject({
			code: 'staff.delete_holds_collaborations',
			status: 409
		});
		expect(await snapshot(holder.userId)).toEqual(before);
		const holders = await t.ctx.db
			.selectFrom('collaborationProfessionals')
			.select('userId')
			.where('collaborationId', '=', collaborationId)
			.execute();
		expect(holders).toEqual([{ userId: holder.userId }]);
	});

	it('only an admin of the same organisation may delete: others get not found and nothing changes', async () => {
		const { admin, leaver, colleague } = await buildLeaver();
		const otherAdmin = await buildOrganisation(t.ctx);
		const lead = await buildStaff(t.ctx, admin, { roles: ['teamLead', 'professional'] });
		const before = await snapshot(leaver.userId);
		for (const actor of [otherAdmin, lead, colleague, anonymousActor]) {
			await expect(deleteStaffAccount({ ctx: t.ctx, actor, userId: leaver.userId })).rejects.toMatchObject({ code: 'not_found' });
		}
		expect(await snapshot(leaver.userId)).toEqual(before);
	});
});
