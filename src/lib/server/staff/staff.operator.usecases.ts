import { systemActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { createInvitationsRepository } from '../invitations/invitations.repository.ts';
import { recordAudit } from '../shared/audit.ts';
import { createStaffRepository, ROLE_ORDER } from './staff.repository.ts';

/**
 * What the operator's `make-admin` did (scripts/tweespraak.mjs). Not a DomainError: no page shows
 * these, the command line words each for the operator.
 */
export type MakeAdminOutcome =
	| { outcome: 'madeAdmin'; userId: string; organisationId: string; organisationName: string; activeAdmins: number }
	| { outcome: 'alreadyAdmin'; userId: string; organisationId: string; organisationName: string; activeAdmins: number }
	/** No account has this address (a deleted account no longer has one); `invited`: an open invitation waits for it. */
	| { outcome: 'noAccount'; invited: boolean }
	/** An account, but on no organisation's staff: a learning trajectory's guest. */
	| { outcome: 'notStaff' }
	/** Staff, but deactivated: it cannot sign in, so the admin role would help nobody. */
	| { outcome: 'deactivated'; organisationName: string };

/**
 * The operator makes an active staff member admin of their organisation, keeping their other
 * roles: the way back in when an organisation has no active admin left (every admin left, or a
 * restore brought back a state without one). The account already exists, so nothing is mailed;
 * its next page (or sign-in) has the admin role. Audited as the system's `staff.made_admin`.
 * `email` is a checked, lower-cased address (validation.ts `email`).
 */
export async function makeAdminByOperator({ ctx, email }: { ctx: AppContext; email: string }): Promise<MakeAdminOutcome> {
	return ctx.db.transaction().execute(async (trx) => {
		const repo = createStaffRepository(trx);
		const userId = await repo.findUserIdByEmail(email);
		if (!userId) {
			const invited = await createInvitationsRepository(trx).isInvitedAnywhere(email, ctx.clock.now().toISOString());
			return { outcome: 'noAccount', invited };
		}
		const [membership] = await repo.listMembershipsOfUser(userId);
		if (!membership) return { outcome: 'notStaff' };
		const { organisationId, organisationName } = membership;
		if (membership.status !== 'active') return { outcome: 'deactivated', organisationName };
		const member = await repo.findStaffMember(organisationId, userId);
		const roles = member?.roles ?? [];
		if (roles.includes('admin')) {
			return {
				outcome: 'alreadyAdmin',
				userId,
				organisationId,
				organisationName,
				activeAdmins: await repo.countActiveAdmins(organisationId)
			};
		}
		const newRoles = ROLE_ORDER.filter((role) => role === 'admin' || roles.includes(role));
		await repo.replaceRoles(organisationId, userId, newRoles);
		await recordAudit(trx, ctx.clock, {
			actor: systemActor,
			organisationId,
			action: 'staff.made_admin',
			target: { type: 'user', id: userId },
			details: { roles: newRoles.join(',') }
		});
		return { outcome: 'madeAdmin', userId, organisationId, organisationName, activeAdmins: await repo.countActiveAdmins(organisationId) };
	});
}
