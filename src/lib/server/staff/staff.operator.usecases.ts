import { systemActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { createInvitationsRepository } from '../invitations/invitations.repository.ts';
import { inviteFirstAdmin } from '../invitations/invitations.usecases.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
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

/** What the operator's `invite-admin` did (scripts/tweespraak.mjs), for the command line to word. */
export type InviteAdminOutcome =
	| { outcome: 'invited'; organisationName: string; link: string }
	/** No organisation has this id. */
	| { outcome: 'noOrganisation' }
	/** The organisation has an active admin: they invite (or the operator's make-admin on a member). */
	| { outcome: 'hasAdmin'; organisationName: string; activeAdmins: number };

/**
 * The way back in when nobody active is left to make admin: every member of an organisation left
 * (or a restore brought back a state without an active admin, and none of its remaining staff is
 * the one to be admin). The operator invites a new person as the organisation's admin, as
 * create-organisation invites a new organisation's first: the invitation is mailed and its link
 * returned, audited as the system's. Only for an organisation without an active admin: one that
 * has an admin decides itself who joins. An address with an account, or already invited anywhere,
 * is refused as for a first admin (a DomainError: `invitation.account_exists`, `invitation.duplicate`).
 * `email` is a checked, lower-cased address (validation.ts `email`).
 */
export async function inviteAdminByOperator({
	ctx,
	organisationId,
	email
}: {
	ctx: AppContext;
	organisationId: string;
	email: string;
}): Promise<InviteAdminOutcome> {
	const organisation = await createOrganisationsRepository(ctx.db).findById(organisationId);
	if (!organisation) return { outcome: 'noOrganisation' };
	const activeAdmins = await createStaffRepository(ctx.db).countActiveAdmins(organisationId);
	if (activeAdmins > 0) return { outcome: 'hasAdmin', organisationName: organisation.name, activeAdmins };
	const { link } = await inviteFirstAdmin({ ctx, actor: systemActor, organisationId, email, locale: organisation.defaultLocale });
	return { outcome: 'invited', organisationName: organisation.name, link };
}
