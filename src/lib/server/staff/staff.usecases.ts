import * as v from 'valibot';
import type { Kysely } from 'kysely';
import { createInvitationsRepository } from '../invitations/invitations.repository.ts';
import { requireAccess, requireAccessToWrite, requireAccessToChange } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import { rolesGrant } from '../access/permissions.ts';
import type { AppContext } from '../context.ts';
import type { Database, Locale, Role } from '../db/schema.ts';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import { transferHolder } from '../collaborations/handover.usecases.ts';
import { createTeamsRepository } from '../teams/teams.repository.ts';
import { createTrajectoriesRepository } from '../trajectories/trajectories.repository.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { createStaffRepository, type StaffMember, type StaffRepository } from './staff.repository.ts';
import type { changeRolesSchema } from './staff.schemas.ts';

/** A deleted account (staff.deletion.usecases.ts) stays deleted: no roles, no status change. */
async function requireNotDeleted(repo: StaffRepository, organisationId: string, userId: string): Promise<void> {
	if (!(await repo.findStaffMember(organisationId, userId))) throw domainError('staff.already_deleted');
}

export async function listStaff({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<StaffMember[]> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'staff.list' });
	return createStaffRepository(ctx.db).listStaff(staff.organisationId);
}

export async function changeRoles({
	ctx,
	actor,
	input
}: {
	ctx: AppContext;
	actor: Actor;
	input: v.InferOutput<typeof changeRolesSchema>;
}): Promise<{ invitationsWithdrawn: number }> {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'staff.manage', ids: [input.userId] });
	return write(async (trx) => {
		const repo = createStaffRepository(trx);
		await requireNotDeleted(repo, staff.organisationId, input.userId);
		await repo.replaceRoles(staff.organisationId, input.userId, input.roles);
		// An organisation must keep an active admin, or nobody can manage it any more.
		if ((await repo.countActiveAdmins(staff.organisationId)) === 0) throw domainError('staff.last_admin');
		// Whoever may no longer invite takes no door along, as when they leave (deactivateStaff): a staff
		// invitation they sent (to an address of their own, with the admin role, say) would otherwise
		// still make an account with its roles after they lost the right to give them.
		const invitationsWithdrawn = rolesGrant(input.roles, 'staff.invite')
			? 0
			: await withdrawInvitationsSentBy(trx, staff.organisationId, input.userId, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'staff.roles_changed',
			target: { type: 'user', id: input.userId },
			details: { roles: input.roles.join(','), ...(invitationsWithdrawn > 0 ? { invitationsWithdrawn } : {}) }
		});
		return { invitationsWithdrawn };
	});
}

/** The open staff invitations `userId` sent, withdrawn (they no longer open): how many. */
function withdrawInvitationsSentBy(trx: Kysely<Database>, organisationId: string, userId: string, now: string): Promise<number> {
	return createInvitationsRepository(trx).revokeOpenStaffInvitationsSentBy(organisationId, userId, now);
}

/**
 * Deactivating ends every session of that user at once, on every instance. No open collaboration
 * is left without an active holder: the ones they hold go to `handoverTo` in the same change, and
 * without one the deactivation is refused while they hold any (issue 13, part 5).
 */
export async function deactivateStaff({
	ctx,
	actor,
	userId,
	handoverTo = ''
}: {
	ctx: AppContext;
	actor: Actor;
	userId: string;
	handoverTo?: string;
}) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'staff.manage', ids: [userId] });
	if (userId === staff.userId) throw domainError('staff.cannot_deactivate_self');
	let invitationsWithdrawn = 0;
	await write(async (trx) => {
		const repo = createStaffRepository(trx);
		await requireNotDeleted(repo, staff.organisationId, userId);
		const held = await createCollaborationsRepository(trx).listHeldOpenCollaborationIds(staff.organisationId, userId);
		if (held.length > 0 && handoverTo === '') throw domainError('staff.holds_collaborations');
		if (held.length > 0) {
			// Each collaboration passes the door of a handover, as one handed over by itself does, and
			// each leaves its access-log entry with the change (decision 016): the client's log shows
			// who gave their collaboration to someone else.
			const { logAccess } = await requireAccessToChange({ db: trx, actor, permission: 'collaboration.handover', ids: held });
			for (const collaborationId of held) {
				// Only from the leaver: one handed over by someone else meanwhile is refused, not passed on.
				const handover = { organisationId: staff.organisationId, collaborationId, toUserId: handoverTo, note: '', fromUserId: userId };
				await transferHolder(ctx, trx, actor, handover);
			}
			await logAccess(trx);
		}
		const now = ctx.clock.now().toISOString();
		await repo.setStatus(staff.organisationId, userId, 'deactivated', now);
		if ((await repo.countActiveAdmins(staff.organisationId)) === 0) throw domainError('staff.last_admin');
		const ended = await repo.deleteSessionsOfUser(userId);
		// Someone who leaves takes no door with them: an invitation they sent (an address of their
		// own, say) would otherwise still make an account with its roles after they lost theirs.
		invitationsWithdrawn = await withdrawInvitationsSentBy(trx, staff.organisationId, userId, now);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'staff.deactivated',
			target: { type: 'user', id: userId },
			details: { sessionsEnded: ended, collaborationsHandedOver: held.length, invitationsWithdrawn }
		});
	});
	return { invitationsWithdrawn };
}

export async function reactivateStaff({ ctx, actor, userId }: { ctx: AppContext; actor: Actor; userId: string }) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'staff.manage', ids: [userId] });
	await write(async (trx) => {
		const repo = createStaffRepository(trx);
		await requireNotDeleted(repo, staff.organisationId, userId);
		await repo.setStatus(staff.organisationId, userId, 'active', ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, { actor, action: 'staff.reactivated', target: { type: 'user', id: userId } });
	});
}

/** A staff member's own language, used for their pages and mails. */
export async function setOwnLocale({ ctx, actor, locale }: { ctx: AppContext; actor: Actor; locale: Locale }) {
	if (actor.type !== 'staff') return;
	await createStaffRepository(ctx.db).setLocale(actor.userId, locale, ctx.clock.now().toISOString());
}

/**
 * The signed-in person's own name and roles, for the page header; `guest` for an account without
 * a membership (a learning trajectory's outside participant), `inTrajectory` when they take part in one.
 */
export async function getCurrentStaff({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	if (actor.type === 'guest') {
		const user = await createStaffRepository(ctx.db).findUserForMail(actor.userId);
		return user ? { name: user.name, roles: [] as Role[], twoFactorEnabled: false, guest: true, inTrajectory: true } : null;
	}
	if (actor.type !== 'staff') return null;
	const member = await createStaffRepository(ctx.db).findStaffMember(actor.organisationId, actor.userId);
	if (!member) return null;
	const inTrajectory = (await createTrajectoriesRepository(ctx.db).listParticipationsOfUser(actor.userId)).length > 0;
	return { name: member.name, roles: member.roles, twoFactorEnabled: member.twoFactorEnabled, guest: false, inTrajectory };
}

/**
 * For the staff page's deactivation: how many open collaborations each member holds, and the
 * team leads of the teams each member is in (offered first as who takes them over).
 */
export async function getDeactivationChoices({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'staff.list' });
	const held = await createCollaborationsRepository(ctx.db).countOpenCollaborationsPerHolder(staff.organisationId);
	const leads = await createTeamsRepository(ctx.db).listTeamLeadsOfMembers(staff.organisationId);
	const heldCount: Record<string, number> = {};
	for (const row of held) heldCount[row.userId] = row.count;
	const leadsOf: Record<string, string[]> = {};
	for (const row of leads) (leadsOf[row.userId] ??= []).push(row.leadId);
	return { heldCount, leadsOf };
}
