import path from 'node:path';
import * as m from '#lib/paraglide/messages.js';
import { requireAccessToWrite } from '../access/access.ts';
import { systemActor, type Actor } from '../access/actor.ts';
import { todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import type { AppContext } from '../context.ts';
import { createInvitationsRepository } from '../invitations/invitations.repository.ts';
import type { StaffChange } from '../retention/erasures-to-repeat.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { removeOutboxMailsMentioning } from '../shared/outbox.ts';
import { createTeamsRepository } from '../teams/teams.repository.ts';
import { createStaffDeletionRepository } from './staff.deletion.repository.ts';
import { createStaffRepository } from './staff.repository.ts';

/**
 * Deleting a staff account (issue 13, part 5; docs/decisions/011-data-lifecycle.md): an admin
 * removes a deactivated colleague's personal data — name, address, password, two-factor secrets,
 * sessions, team places, their invitations — while the organisation's records stay. Wherever the
 * person acted (audit log, conversations, handovers) they appear from then on as "voormalig
 * medewerker N", a number that stays the same within the organisation.
 *
 * Refused, with nothing changed: an account that is still active (deactivating it first hands its
 * collaborations over and ends its sessions), the organisation's last active admin, an account
 * that still holds an open collaboration, and an account that is already deleted.
 */
export async function deleteStaffAccount({
	ctx,
	actor,
	userId
}: {
	ctx: AppContext;
	actor: Actor;
	userId: string;
}): Promise<{ formerNumber: number }> {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'staff.manage', ids: [userId] });
	const organisationId = staff.organisationId;
	const traces: string[] = [];
	const formerNumber = await write(async (trx) => {
		const repo = createStaffDeletionRepository(trx, ctx.database.dialect);
		const membership = await repo.lockMembership(organisationId, userId);
		if (!membership) throw domainError('not_found');
		if (membership.deletedAt !== null) throw domainError('staff.already_deleted');
		const staffRepo = createStaffRepository(trx);
		const member = await staffRepo.findStaffMember(organisationId, userId);
		const othersActive =
			(await staffRepo.countActiveAdmins(organisationId)) - (membership.status === 'active' && member?.roles.includes('admin') ? 1 : 0);
		if (othersActive === 0) throw domainError('staff.last_admin');
		if (membership.status === 'active') throw domainError('staff.delete_active');
		const held = await createCollaborationsRepository(trx).listHeldOpenCollaborationIds(organisationId, userId);
		if (held.length > 0) throw domainError('staff.delete_holds_collaborations');

		const number = await repo.nextFormerNumber(organisationId);
		const locale = (await createOrganisationsRepository(trx).findById(organisationId))?.defaultLocale ?? 'nl';
		const now = ctx.clock.now().toISOString();
		traces.push(membership.email, membership.name);
		await repo.eraseAccount({ userId, formerName: m.staff_former_member({ number }, { locale }), now });
		await repo.markDeleted({ organisationId, userId, formerNumber: number, now });
		await createTeamsRepository(trx).removeFromAllTeams(organisationId, userId);
		await createInvitationsRepository(trx).deleteForAddress(organisationId, membership.email);
		await repo.forgetTraces({ organisationId, userId, email: membership.email, today: todayInAmsterdam(ctx.clock.now()) });
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'staff.deleted',
			target: { type: 'user', id: userId },
			details: { formerNumber: number }
		});
		return number;
	});
	// Without SMTP the outbox keeps every mail that was "sent": those to or about the person go too.
	await removeOutboxMailsMentioning(path.join(ctx.config.dataDir, 'outbox'), traces);
	return { formerNumber };
}

/**
 * At start, after a restore (decision 011): a staff account that was deactivated or deleted in the
 * database the restore replaced (`DATA_DIR/erasures-to-repeat.json`, `StaffChange`) is so again in
 * the restored one, as the system: deactivated, its sessions end and the invitations it sent are
 * withdrawn; deleted, it becomes the numbered tombstone again (its former number when still free),
 * with everything `deleteStaffAccount` removes. No check of the last admin or of held
 * collaborations: the change was made, and the restore must not undo it. Open collaborations the
 * person still holds in the restored database keep them as holder; the caller logs how many, and
 * an admin hands them over on /handovers. An account the restored database does not know, or one
 * already so, changes nothing.
 */
export async function repeatStaffChangeAfterRestore({
	ctx,
	change
}: {
	ctx: AppContext;
	change: StaffChange;
}): Promise<{ outcome: 'applied' | 'unchanged'; heldOpenCollaborations: number }> {
	const { organisationId, userId } = change;
	const traces: string[] = [];
	const result = await ctx.db.transaction().execute(async (trx) => {
		const repo = createStaffDeletionRepository(trx, ctx.database.dialect);
		const membership = await repo.lockMembership(organisationId, userId);
		if (!membership || membership.deletedAt !== null) return { outcome: 'unchanged' as const, heldOpenCollaborations: 0 };
		const staffRepo = createStaffRepository(trx);
		const now = ctx.clock.now().toISOString();
		const sessionsEnded = await staffRepo.deleteSessionsOfUser(userId);
		const wasActive = membership.status === 'active';
		if (wasActive) await staffRepo.setStatus(organisationId, userId, 'deactivated', change.at || now);
		const invitationsWithdrawn = await createInvitationsRepository(trx).revokeOpenStaffInvitationsSentBy(organisationId, userId, now);
		const held = (await createCollaborationsRepository(trx).listHeldOpenCollaborationIds(organisationId, userId)).length;
		if (change.change === 'deactivated') {
			if (!wasActive && sessionsEnded === 0 && invitationsWithdrawn === 0)
				return { outcome: 'unchanged' as const, heldOpenCollaborations: held };
			await recordAudit(trx, ctx.clock, {
				actor: systemActor,
				action: 'staff.deactivated',
				target: { type: 'user', id: userId },
				details: { sessionsEnded, collaborationsHandedOver: 0, invitationsWithdrawn, repeatedAfterRestore: true }
			});
			return { outcome: 'applied' as const, heldOpenCollaborations: held };
		}
		const number =
			change.formerNumber !== null && !(await repo.isFormerNumberTaken(organisationId, change.formerNumber))
				? change.formerNumber
				: await repo.nextFormerNumber(organisationId);
		const locale = (await createOrganisationsRepository(trx).findById(organisationId))?.defaultLocale ?? 'nl';
		traces.push(membership.email, membership.name);
		await repo.eraseAccount({ userId, formerName: m.staff_former_member({ number }, { locale }), now });
		await repo.markDeleted({ organisationId, userId, formerNumber: number, now: change.at || now });
		await createTeamsRepository(trx).removeFromAllTeams(organisationId, userId);
		await createInvitationsRepository(trx).deleteForAddress(organisationId, membership.email);
		await repo.forgetTraces({ organisationId, userId, email: membership.email, today: todayInAmsterdam(ctx.clock.now()) });
		await recordAudit(trx, ctx.clock, {
			actor: systemActor,
			action: 'staff.deleted',
			target: { type: 'user', id: userId },
			details: { formerNumber: number, repeatedAfterRestore: true }
		});
		return { outcome: 'applied' as const, heldOpenCollaborations: held };
	});
	if (traces.length > 0) await removeOutboxMailsMentioning(path.join(ctx.config.dataDir, 'outbox'), traces);
	return result;
}
