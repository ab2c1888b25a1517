import { hashPassword } from '../auth/password.ts';
import * as v from 'valibot';
import { requireAccess, requireStillActive } from '../access/access.ts';
import type { Actor, StaffActor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import type { Kysely } from 'kysely';
import type { ClientLocale, Database, Locale, Role } from '../db/schema.ts';
import { staffLocaleOf } from '#lib/locales.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { recordAudit } from '../shared/audit.ts';
import { addDays } from '../shared/clock.ts';
import { domainError } from '../shared/errors.ts';
import { hashToken, newId, newSecretToken } from '../shared/tokens.ts';
import type { acceptInvitationSchema, inviteSchema } from '../staff/staff.schemas.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { createTeamsRepository } from '../teams/teams.repository.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { invitationLink, sendInvitationMail } from './invitations.mails.ts';
import { createInvitationsRepository, type Invitation } from './invitations.repository.ts';
import { createTrajectoriesRepository } from '../trajectories/trajectories.repository.ts';
import { createIdentityRepository } from '../identity/identity.repository.ts';
import { domainOf } from '../identity/identity.schemas.ts';

const INVITATION_DAYS = 7;

export async function inviteStaff({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: v.InferOutput<typeof inviteSchema> }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'staff.invite' });
	const teamId = input.teamId || null;
	if (teamId && !(await createTeamsRepository(ctx.db).findTeam(staff.organisationId, teamId))) throw domainError('invitation.unknown_team');
	return createInvitation(ctx, actor, {
		organisationId: staff.organisationId,
		email: input.email,
		roles: input.roles,
		teamId,
		locale: input.locale,
		invitedBy: staff.userId
	});
}

/**
 * For the operator's command line (`tweespraak create-organisation`): invites the first admin
 * of an organisation. Only the system actor may do this.
 */
export async function inviteFirstAdmin({
	ctx,
	actor,
	organisationId,
	email,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	organisationId: string;
	email: string;
	locale: Locale;
}) {
	if (actor.type !== 'system') throw domainError('not_found');
	await assertFirstAdminInvitable(ctx, email);
	return createInvitation(ctx, actor, { organisationId, email, roles: ['admin'], teamId: null, locale, invitedBy: null });
}

/**
 * Whether an address can be a new organisation's first admin: it has no account, and no
 * organisation has invited it yet. An account belongs to one organisation, so of two open
 * invitations only the first accepted would work, and the other organisation would be left
 * without an admin. The operator's create-organisation asks this before it creates anything.
 */
export async function assertFirstAdminInvitable(ctx: AppContext, email: string): Promise<void> {
	if (await createStaffRepository(ctx.db).findUserIdByEmail(email)) throw domainError('invitation.account_exists');
	if (await createInvitationsRepository(ctx.db).isInvitedAnywhere(email, ctx.clock.now().toISOString())) {
		throw domainError('invitation.duplicate');
	}
}

/**
 * An address already on this organisation's staff is not invited again. An account elsewhere
 * (another organisation's staff, a trajectory guest) is not refused here: the answer would tell an
 * admin of one organisation who has an account at another. That invitation goes out like any
 * other; accepting it says the account exists (`invitation.account_exists`), to the invitee only.
 */
async function assertNotMember(ctx: AppContext, organisationId: string, email: string): Promise<void> {
	if (await createStaffRepository(ctx.db).isMemberByEmail(organisationId, email)) throw domainError('invitation.already_member');
}

async function createInvitation(
	ctx: AppContext,
	actor: Actor,
	input: { organisationId: string; email: string; roles: Role[]; teamId: string | null; locale: Locale; invitedBy: string | null }
) {
	const now = ctx.clock.now();
	const nowIso = now.toISOString();
	const repo = createInvitationsRepository(ctx.db);
	await assertNotMember(ctx, input.organisationId, input.email);
	// Another organisation lets its staff at this domain in only through its own provider, which knows
	// nobody of this one and refuses passwords there: the invitee could never get in (decision 018).
	const provider = await createIdentityRepository(ctx.db).findByDomain(domainOf(input.email));
	if (provider?.staffOnly && provider.organisationId !== input.organisationId) throw domainError('invitation.domain_elsewhere');
	if (await repo.findOpenByEmail(input.organisationId, input.email, nowIso)) throw domainError('invitation.duplicate');

	const token = newSecretToken();
	const invitation = {
		id: newId(),
		organisationId: input.organisationId,
		email: input.email,
		roles: input.roles,
		teamId: input.teamId,
		locale: input.locale,
		createdAt: nowIso,
		expiresAt: addDays(now, INVITATION_DAYS).toISOString()
	};
	await ctx.db.transaction().execute(async (trx) => {
		// An admin deactivated since the request came in sends no invitation: deactivating withdraws
		// theirs, and one written after it would still make an account with its roles.
		if (actor.type === 'staff') await requireStillActive(trx, actor);
		const invitations = createInvitationsRepository(trx);
		await invitations.closeExpired(input.organisationId, input.email, nowIso);
		try {
			await invitations.insert({ ...invitation, tokenHash: hashToken(token), invitedBy: input.invitedBy });
		} catch (error) {
			// Another admin invited the same address a moment ago.
			if (isUniqueViolation(error)) throw domainError('invitation.duplicate');
			throw error;
		}
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: input.organisationId,
			action: 'invitation.created',
			target: { type: 'invitation', id: invitation.id },
			details: { roles: input.roles.join(','), teamId: input.teamId }
		});
	});
	await sendInvitationMail(ctx, { ...invitation, acceptedAt: null, revokedAt: null, kind: 'staff' }, token);
	return { invitationId: invitation.id, link: invitationLink(ctx, token) };
}

/**
 * An invitation into one learning trajectory for someone without an account: accepting it
 * creates an account without a membership. Runs inside the trajectories usecase's transaction,
 * which checks access and sends its own mail with the returned link.
 */
export async function insertTrajectoryInvitation(
	trx: Kysely<Database>,
	ctx: AppContext,
	actor: Actor,
	input: { organisationId: string; email: string; locale: ClientLocale; invitedBy: string }
): Promise<{ invitationId: string; link: string }> {
	const now = ctx.clock.now();
	const token = newSecretToken();
	const invitationId = newId();
	const invitations = createInvitationsRepository(trx);
	await invitations.closeExpired(input.organisationId, input.email, now.toISOString());
	await invitations.insert({
		id: invitationId,
		organisationId: input.organisationId,
		email: input.email,
		roles: [],
		teamId: null,
		locale: input.locale,
		createdAt: now.toISOString(),
		expiresAt: addDays(now, INVITATION_DAYS).toISOString(),
		tokenHash: hashToken(token),
		invitedBy: input.invitedBy,
		kind: 'trajectory'
	});
	await recordAudit(trx, ctx.clock, {
		actor,
		organisationId: input.organisationId,
		action: 'invitation.created',
		target: { type: 'invitation', id: invitationId },
		details: { kind: 'trajectory' }
	});
	return { invitationId, link: invitationLink(ctx, token) };
}

/** The open invitation of an address in an organisation, if any (a trajectory may join it). */
export async function findOpenInvitation(db: Kysely<Database>, ctx: AppContext, organisationId: string, email: string) {
	return createInvitationsRepository(db).findOpenByEmail(organisationId, email, ctx.clock.now().toISOString());
}

/** Which of these invitations are still open (for the coordinator's participant list). */
export async function findOpenInvitationsByIds(db: Kysely<Database>, ctx: AppContext, organisationId: string, ids: readonly string[]) {
	return createInvitationsRepository(db).listOpenByIds(organisationId, ids, ctx.clock.now().toISOString());
}

/**
 * Inside the caller's transaction, after the caller checked access: the same invitation (address,
 * kind, roles, team, language) with a fresh link and a fresh week. The old link stops working at
 * once, and the participations of trajectories that waited on it wait on the new one.
 */
export async function reissueInvitation(
	trx: Kysely<Database>,
	ctx: AppContext,
	actor: StaffActor,
	old: Invitation
): Promise<{ invitation: Invitation; token: string; link: string }> {
	const now = ctx.clock.now();
	const invitations = createInvitationsRepository(trx);
	// Accepted or revoked a moment ago: nothing to resend.
	if (!(await invitations.revoke(old.organisationId, old.id, now.toISOString()))) throw domainError('invitation.invalid_link');
	const token = newSecretToken();
	const invitation: Invitation = {
		...old,
		id: newId(),
		createdAt: now.toISOString(),
		expiresAt: addDays(now, INVITATION_DAYS).toISOString(),
		acceptedAt: null,
		revokedAt: null
	};
	await invitations.insert({ ...invitation, tokenHash: hashToken(token), invitedBy: actor.userId });
	await createTrajectoriesRepository(trx).replaceInvitation(old.organisationId, old.id, invitation.id);
	await recordAudit(trx, ctx.clock, {
		actor,
		organisationId: old.organisationId,
		action: 'invitation.resent',
		target: { type: 'invitation', id: invitation.id },
		details: { replaced: old.id, kind: old.kind }
	});
	return { invitation, token, link: invitationLink(ctx, token) };
}

/** Every open invitation of the organisation, staff and trajectory ones, with the trajectories a guest would join. */
export async function listOpenInvitations({ ctx, actor }: { ctx: AppContext; actor: Actor }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'staff.list' });
	const open = await createInvitationsRepository(ctx.db).listOpen(staff.organisationId, ctx.clock.now().toISOString());
	const trajectories = await createTrajectoriesRepository(ctx.db).listTrajectoriesOfInvitations(
		staff.organisationId,
		open.map((invitation) => invitation.id)
	);
	return open.map((invitation) => ({
		...invitation,
		trajectories: trajectories.filter((t) => t.invitationId === invitation.id).map(({ trajectoryId, name }) => ({ id: trajectoryId, name }))
	}));
}

/** "Opnieuw versturen": a fresh link by mail; the old link stops working. */
export async function resendInvitation({ ctx, actor, invitationId }: { ctx: AppContext; actor: Actor; invitationId: string }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'staff.invite' });
	const old = await createInvitationsRepository(ctx.db).findOpenById(staff.organisationId, invitationId, ctx.clock.now().toISOString());
	if (!old) throw domainError('not_found');
	await assertNotMember(ctx, staff.organisationId, old.email);
	const { invitation, token } = await ctx.db.transaction().execute(async (trx) => {
		await requireStillActive(trx, staff);
		return reissueInvitation(trx, ctx, staff, old);
	});
	await sendInvitationMail(ctx, invitation, token);
	return { invitationId: invitation.id };
}

/** An admin ends any open invitation of the organisation, a trajectory guest's too. */
export async function revokeInvitation({ ctx, actor, invitationId }: { ctx: AppContext; actor: Actor; invitationId: string }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'staff.invite' });
	await ctx.db.transaction().execute(async (trx) => {
		if (!(await createInvitationsRepository(trx).revoke(staff.organisationId, invitationId, ctx.clock.now().toISOString()))) {
			throw domainError('not_found');
		}
		await recordAudit(trx, ctx.clock, { actor, action: 'invitation.revoked', target: { type: 'invitation', id: invitationId } });
	});
}

/**
 * A coordinator ends the open trajectory invitation their participant waits on. A staff
 * invitation the participation joined belongs to the admin and is left alone.
 */
export async function revokeTrajectoryInvitation(
	trx: Kysely<Database>,
	ctx: AppContext,
	actor: Actor,
	input: { organisationId: string; invitationId: string }
): Promise<void> {
	const invitations = createInvitationsRepository(trx);
	const open = await invitations.findOpenById(input.organisationId, input.invitationId, ctx.clock.now().toISOString());
	if (!open || open.kind !== 'trajectory') throw domainError('not_found');
	// The update changes only an unused invitation: one accepted meanwhile (on PostgreSQL, in a
	// transaction this read did not see) is not revoked, and then nothing is recorded either.
	if (!(await invitations.revoke(input.organisationId, open.id, ctx.clock.now().toISOString()))) throw domainError('not_found');
	await recordAudit(trx, ctx.clock, {
		actor,
		organisationId: input.organisationId,
		action: 'invitation.revoked',
		target: { type: 'invitation', id: open.id },
		details: { kind: 'trajectory' }
	});
}

/** The invitation behind a link, if it can still be accepted. */
export async function getOpenInvitation({ ctx, token }: { ctx: AppContext; token: string }): Promise<Invitation> {
	const invitation = await createInvitationsRepository(ctx.db).findByTokenHash(hashToken(token));
	const now = ctx.clock.now().toISOString();
	if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) {
		throw domainError('invitation.invalid_link');
	}
	return invitation;
}

export async function acceptInvitation({
	ctx,
	actor,
	token,
	input
}: {
	ctx: AppContext;
	actor: Actor;
	token: string;
	input: v.InferOutput<typeof acceptInvitationSchema>;
}) {
	const invitation = await getOpenInvitation({ ctx, token });
	if (await createStaffRepository(ctx.db).findUserIdByEmail(invitation.email)) throw domainError('invitation.account_exists');
	const passwordHash = await hashPassword(input.password);
	const now = ctx.clock.now().toISOString();
	const userId = newId();
	await ctx.db.transaction().execute(async (trx) => {
		if (!(await createInvitationsRepository(trx).markAccepted(invitation.id, now))) throw domainError('invitation.invalid_link');
		const staffRepo = createStaffRepository(trx);
		await staffRepo.insertUserWithPassword({
			id: userId,
			name: input.name,
			email: invitation.email,
			// The account's own language (the staff pages and their mails) is Dutch or English; a
			// trajectory invitation's client language is kept beside it, below.
			locale: staffLocaleOf(invitation.locale),
			passwordHash,
			now
		});
		await grantInvitation(trx, ctx, actor, invitation, userId);
		// A trajectory's outside participant keeps the invitation's client language for their pages and mails.
		if (invitation.kind === 'trajectory') await createTrajectoriesRepository(trx).setClientLocale(userId, invitation.locale);
	});
	return { userId, email: invitation.email, locale: invitation.locale };
}

/**
 * What accepting an invitation gives the account: the membership with its roles (a trajectory
 * invitation gives none: its participations are all it reaches), the team, the audit event.
 * Inside the caller's transaction, after the invitation was marked accepted.
 */
async function grantInvitation(trx: Kysely<Database>, ctx: AppContext, actor: Actor, invitation: Invitation, userId: string) {
	const now = ctx.clock.now().toISOString();
	if (invitation.kind === 'staff') {
		await createStaffRepository(trx).insertMembership({ organisationId: invitation.organisationId, userId, roles: invitation.roles, now });
	}
	await createTrajectoriesRepository(trx).linkInvitedAccount(invitation.id, userId);
	if (invitation.teamId) {
		await createTeamsRepository(trx).addMember({
			organisationId: invitation.organisationId,
			teamId: invitation.teamId,
			userId,
			role: 'member'
		});
	}
	await recordAudit(trx, ctx.clock, {
		actor,
		organisationId: invitation.organisationId,
		action: 'invitation.accepted',
		target: { type: 'user', id: userId },
		details: { invitationId: invitation.id }
	});
}

/**
 * The first sign-in through the organisation's provider of an address with an open staff
 * invitation (docs/decisions/018-identity.md): the account better-auth just made gets what the
 * invitation gives, and the invitation's language. False when there is no open invitation.
 */
export async function acceptInvitationByProvider({
	ctx,
	organisationId,
	userId
}: {
	ctx: AppContext;
	organisationId: string;
	userId: string;
}) {
	const user = await createStaffRepository(ctx.db).findUserForMail(userId);
	const invitation = user && (await findOpenInvitation(ctx.db, ctx, organisationId, user.email));
	if (!invitation || invitation.kind !== 'staff') return false;
	const now = ctx.clock.now().toISOString();
	return ctx.db.transaction().execute(async (trx) => {
		if (!(await createInvitationsRepository(trx).markAccepted(invitation.id, now))) return false;
		await createStaffRepository(trx).setLocale(userId, staffLocaleOf(invitation.locale), now);
		await grantInvitation(trx, ctx, { type: 'anonymous' }, invitation, userId);
		return true;
	});
}

/** What the invitation page shows: the organisation's name and the address to sign in with. */
export async function getInvitationWelcome({ ctx, token }: { ctx: AppContext; token: string }) {
	const invitation = await getOpenInvitation({ ctx, token });
	const organisation = await createOrganisationsRepository(ctx.db).findById(invitation.organisationId);
	return { organisationName: organisation?.name ?? '', email: invitation.email, locale: invitation.locale };
}
