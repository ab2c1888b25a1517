import type { AnonymousActor, GuestActor, StaffActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { createParticipationRepository } from '../participation/participation.repository.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { createTrajectoriesRepository } from '../trajectories/trajectories.repository.ts';

export interface Authentication {
	actor: StaffActor | GuestActor | AnonymousActor;
	twoFactorSetupRequired: boolean;
	/** This browser's staff session was handed over to a participant and is locked until re-authentication. */
	handoverLocked: boolean;
}

const anonymous: Authentication = { actor: { type: 'anonymous' }, twoFactorSetupRequired: false, handoverLocked: false };

/**
 * Who is making this request: a staff member with an active membership, a guest (an account
 * without a membership that takes part in a learning trajectory), or nobody.
 * The session is read from the database on every request (no cookie cache), so ending a
 * session or deactivating a membership takes effect at once on every instance.
 */
export async function authenticate(
	ctx: AppContext,
	headers: Headers,
	options: { ignoreHandoverLock?: boolean } = {}
): Promise<Authentication> {
	if (!headers.get('cookie')?.includes('tweespraak')) return anonymous;
	const session = await ctx.auth.api.getSession({ headers, query: { disableRefresh: false } });
	if (!session) return anonymous;
	// A hand-over locks the professional's session on the server: only taking the device back
	// (handover.usecases.ts, which passes ignoreHandoverLock) may see it as staff again.
	if (!options.ignoreHandoverLock && (await createParticipationRepository(ctx.db).isStaffSessionLocked(session.session.id))) {
		return { ...anonymous, handoverLocked: true };
	}
	const membership = await createStaffRepository(ctx.db).findActiveMembership(session.user.id);
	if (!membership) {
		// An account without a membership that takes part in a learning trajectory: a guest.
		const guest = await createTrajectoriesRepository(ctx.db).findGuestAccount(session.user.id);
		if (!guest) return anonymous;
		return {
			actor: {
				type: 'guest',
				userId: session.user.id,
				locale: guest.locale,
				clientLocale: guest.clientLocale,
				sessionId: session.session.id
			},
			twoFactorSetupRequired: false,
			handoverLocked: false
		};
	}
	return {
		actor: {
			type: 'staff',
			userId: session.user.id,
			organisationId: membership.organisationId,
			roles: membership.roles,
			locale: membership.locale,
			sessionId: session.session.id
		},
		// The organisation's two-factor rule is for passwords; an account that signs in only through the
		// organisation's own provider relies on that provider's (docs/decisions/018-identity.md).
		twoFactorSetupRequired:
			membership.requireTwoFactor && !membership.twoFactorEnabled && (await createStaffRepository(ctx.db).hasPassword(session.user.id)),
		handoverLocked: false
	};
}
