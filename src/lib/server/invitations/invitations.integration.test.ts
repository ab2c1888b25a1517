import { expect, it } from 'vitest';
import * as m from '#lib/paraglide/messages.js';
import { systemActor } from '../access/actor.ts';
import type { Locale, Role } from '../db/schema.ts';
import { changeRoles, deactivateStaff, listStaff } from '../staff/staff.usecases.ts';
import { listTeams } from '../teams/teams.usecases.ts';
import {
	anonymousActor,
	buildOrganisation,
	buildStaff,
	buildTeam,
	linkInMail,
	tokenFromLink,
	type BuiltStaff
} from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import {
	acceptInvitation,
	getInvitationWelcome,
	getOpenInvitation,
	assertFirstAdminInvitable,
	inviteFirstAdmin,
	inviteStaff,
	listOpenInvitations,
	resendInvitation,
	revokeInvitation
} from './invitations.usecases.ts';

const NEW_PASSWORD = 'a fresh password of my own';
const ACCEPT = { name: 'Nina Nieuw', password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD };
const DAY = 86_400_000;

let counter = 0;
function freshEmail(): string {
	counter += 1;
	return `invitee-${counter}@tweespraak.test`;
}

describeOnBothDatabases('invitations', (dialect) => {
	const t = useTestContext(dialect);

	/** The details of the one audit event `action` on `targetId`. */
	async function auditDetails(action: string, targetId: string): Promise<unknown> {
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select('details')
			.where('action', '=', action)
			.where('targetId', '=', targetId)
			.executeTakeFirstOrThrow();
		return JSON.parse(audit.details!);
	}

	async function invite(admin: BuiltStaff, options: { email?: string; roles?: Role[]; teamId?: string; locale?: Locale } = {}) {
		const email = options.email ?? freshEmail();
		const result = await inviteStaff({
			ctx: t.ctx,
			actor: admin,
			input: { email, roles: options.roles ?? ['professional'], teamId: options.teamId ?? '', locale: options.locale ?? 'nl' }
		});
		return { ...result, email, token: tokenFromLink(result.link) };
	}

	it('inviting sends exactly one mail, in the language chosen for the invitee, with a link carrying the token', async () => {
		const admin = await buildOrganisation(t.ctx);
		const { email, token, link } = await invite(admin, { locale: 'en' });
		expect(t.ctx.mailer.sent).toHaveLength(1);
		const [mail] = t.ctx.mailer.sent;
		expect(mail).toMatchObject({ to: email, subject: m.mail_invitation_subject({}, { locale: 'en' }) });
		expect(mail!.subject).not.toBe(m.mail_invitation_subject({}, { locale: 'nl' }));
		expect(mail!.html).toContain('<html lang="en" dir="ltr">');
		expect(linkInMail(mail!)).toBe(link);
		expect(link).toBe(`http://tweespraak.test/invitation/${token}`);
		expect(await getOpenInvitation({ ctx: t.ctx, token })).toMatchObject({ email, locale: 'en', roles: ['professional'] });
	});

	it('the invitation names the organisation and the roles; only a professional is told they will talk with their clients', async () => {
		const admin = await buildOrganisation(t.ctx, { name: 'Jeugdzorg Oost' });
		await invite(admin, { roles: ['privacyOfficer'] });
		await invite(admin, { roles: ['professional', 'teamLead'] });
		const [officer, professional] = t.ctx.mailer.sent;
		expect(officer!.text).toContain('Je bent uitgenodigd voor Tweespraak bij Jeugdzorg Oost. Je rol: Privacyfunctionaris.');
		expect(officer!.text).not.toContain('je cliënten');
		expect(professional!.text).toContain('Je rol: Teamleider, Professional.');
		expect(professional!.text).toContain('Met Tweespraak praat je samen met je cliënten');
	});

	it('a Dutch invitation is mailed in Dutch', async () => {
		const admin = await buildOrganisation(t.ctx);
		await invite(admin, { locale: 'nl' });
		expect(t.ctx.mailer.sent.map((mail) => mail.subject)).toEqual([m.mail_invitation_subject({}, { locale: 'nl' })]);
	});

	it('the Dutch invitation asks whether it was expected, in everyday words, before it says the mail can be ignored', async () => {
		const admin = await buildOrganisation(t.ctx);
		await invite(admin, { locale: 'nl' });
		const text = t.ctx.mailer.sent[0]!.text;
		expect(text).toContain('Had je deze uitnodiging niet verwacht? Dan kun je deze mail negeren.');
		expect(text).not.toContain('Kende je');
	});

	it('a second open invitation for the same address is refused (invitation.duplicate) and sends no second mail', async () => {
		const admin = await buildOrganisation(t.ctx);
		const { email } = await invite(admin);
		await expect(invite(admin, { email })).rejects.toMatchObject({ code: 'invitation.duplicate', status: 409 });
		expect(t.ctx.mailer.sent).toHaveLength(1);
		expect(await listOpenInvitations({ ctx: t.ctx, actor: admin })).toHaveLength(1);
	});

	it('the same address may be invited again once the invitation expired or was revoked', async () => {
		const admin = await buildOrganisation(t.ctx);
		const first = await invite(admin);
		await revokeInvitation({ ctx: t.ctx, actor: admin, invitationId: first.invitationId });
		await invite(admin, { email: first.email });
		t.ctx.clock.advance(8 * DAY);
		await invite(admin, { email: first.email });
		expect(t.ctx.mailer.to(first.email)).toHaveLength(3);
	});

	it('accepting creates an account with the invited roles and team that can sign in', async () => {
		const admin = await buildOrganisation(t.ctx, { name: 'Welkom BV' });
		const team = await buildTeam(t.ctx, admin);
		const { email, token } = await invite(admin, { roles: ['teamLead', 'professional'], teamId: team.teamId, locale: 'en' });
		expect(await getInvitationWelcome({ ctx: t.ctx, token })).toEqual({ organisationName: 'Welkom BV', email, locale: 'en' });
		const { userId, locale } = await acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token, input: ACCEPT });
		expect(locale).toBe('en');
		const signedIn = await t.ctx.auth.api.signInEmail({ body: { email, password: NEW_PASSWORD } });
		expect(signedIn.user).toMatchObject({ id: userId, email, name: 'Nina Nieuw' });
		const staff = await listStaff({ ctx: t.ctx, actor: admin });
		expect(staff.find((s) => s.userId === userId)).toMatchObject({ status: 'active', roles: ['teamLead', 'professional'], locale: 'en' });
		const teams = await listTeams({ ctx: t.ctx, actor: admin });
		expect(teams[0]!.members).toEqual([{ userId, name: 'Nina Nieuw', role: 'member' }]);
		expect(await listOpenInvitations({ ctx: t.ctx, actor: admin })).toEqual([]);
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'targetId'])
			.where('organisationId', '=', admin.organisationId)
			.orderBy('occurredAt')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['invitation.created', 'invitation.accepted']);
	});

	it('an invitation link works only once (invitation.invalid_link the second time)', async () => {
		const admin = await buildOrganisation(t.ctx);
		const { token } = await invite(admin);
		await acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token, input: ACCEPT });
		await expect(acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token, input: ACCEPT })).rejects.toMatchObject({
			code: 'invitation.invalid_link'
		});
		await expect(getOpenInvitation({ ctx: t.ctx, token })).rejects.toMatchObject({ code: 'invitation.invalid_link' });
	});

	it('an invitation expires after 7 days', async () => {
		const admin = await buildOrganisation(t.ctx);
		const { token, email } = await invite(admin);
		t.ctx.clock.advance(7 * DAY - 1000);
		await expect(getOpenInvitation({ ctx: t.ctx, token })).resolves.toMatchObject({ email });
		t.ctx.clock.advance(DAY);
		await expect(getOpenInvitation({ ctx: t.ctx, token })).rejects.toMatchObject({ code: 'invitation.invalid_link' });
		await expect(acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token, input: ACCEPT })).rejects.toMatchObject({
			code: 'invitation.invalid_link'
		});
		expect(await listOpenInvitations({ ctx: t.ctx, actor: admin })).toEqual([]);
	});

	it('a revoked invitation link cannot be used', async () => {
		const admin = await buildOrganisation(t.ctx);
		const { token, invitationId } = await invite(admin);
		await revokeInvitation({ ctx: t.ctx, actor: admin, invitationId });
		await expect(acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token, input: ACCEPT })).rejects.toMatchObject({
			code: 'invitation.invalid_link'
		});
		await expect(revokeInvitation({ ctx: t.ctx, actor: admin, invitationId })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('an unknown token is an invalid link', async () => {
		await expect(getOpenInvitation({ ctx: t.ctx, token: 'made-up-token' })).rejects.toMatchObject({ code: 'invitation.invalid_link' });
	});

	it("an address already on the organisation's staff is not invited again (invitation.already_member)", async () => {
		const admin = await buildOrganisation(t.ctx);
		const existing = await buildStaff(t.ctx, admin);
		await expect(invite(admin, { email: existing.email })).rejects.toMatchObject({ code: 'invitation.already_member' });
		expect(t.ctx.mailer.sent).toEqual([]);
	});

	it("another organisation's admin learns nothing of an account elsewhere: the invitation goes out as any other, and only the invitee is told on accepting", async () => {
		const owner = await buildOrganisation(t.ctx);
		const existing = await buildStaff(t.ctx, owner);
		const other = await buildOrganisation(t.ctx);
		const unknown = await invite(other);
		const known = await invite(other, { email: existing.email });
		// The same answer and the same mail as for an address nobody knows.
		expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
		expect(t.ctx.mailer.to(existing.email)).toHaveLength(1);
		await expect(resendInvitation({ ctx: t.ctx, actor: other, invitationId: known.invitationId })).resolves.toBeDefined();
		await expect(
			acceptInvitation({
				ctx: t.ctx,
				actor: anonymousActor,
				token: tokenFromLink(linkInMail(t.ctx.mailer.to(existing.email).at(-1)!)),
				input: ACCEPT
			})
		).rejects.toMatchObject({
			code: 'invitation.account_exists'
		});
		// The account stays where it was.
		const memberships = await t.ctx.db.selectFrom('memberships').select('organisationId').where('userId', '=', existing.userId).execute();
		expect(memberships).toEqual([{ organisationId: owner.organisationId }]);
	});

	it('accepting fails with invitation.account_exists when the address got an account meanwhile', async () => {
		const admin = await buildOrganisation(t.ctx);
		const { token, email } = await invite(admin);
		const other = await buildOrganisation(t.ctx);
		await buildStaff(t.ctx, other, { email });
		await expect(acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token, input: ACCEPT })).rejects.toMatchObject({
			code: 'invitation.account_exists'
		});
	});

	it("inviting into another organisation's team is refused (invitation.unknown_team)", async () => {
		const admin = await buildOrganisation(t.ctx);
		const other = await buildOrganisation(t.ctx);
		const foreignTeam = await buildTeam(t.ctx, other);
		await expect(invite(admin, { teamId: foreignTeam.teamId })).rejects.toMatchObject({ code: 'invitation.unknown_team' });
		expect(t.ctx.mailer.sent).toEqual([]);
	});

	it('only admins invite; others get not found and no mail is sent', async () => {
		const admin = await buildOrganisation(t.ctx);
		const lead = await buildStaff(t.ctx, admin, { roles: ['teamLead', 'professional', 'trajectoryCoordinator'] });
		await expect(invite(lead)).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			inviteStaff({ ctx: t.ctx, actor: anonymousActor, input: { email: freshEmail(), roles: ['admin'], teamId: '', locale: 'nl' } })
		).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(t.ctx.mailer.sent).toEqual([]);
	});

	it("only the operator's system actor invites an organisation's first admin", async () => {
		const admin = await buildOrganisation(t.ctx);
		const input = { ctx: t.ctx, organisationId: admin.organisationId, email: freshEmail(), locale: 'en' as const };
		await expect(inviteFirstAdmin({ ...input, actor: admin })).rejects.toMatchObject({ code: 'not_found' });
		const { link } = await inviteFirstAdmin({ ...input, actor: systemActor });
		expect(await getOpenInvitation({ ctx: t.ctx, token: tokenFromLink(link) })).toMatchObject({
			roles: ['admin'],
			organisationId: admin.organisationId,
			locale: 'en'
		});
		expect(t.ctx.mailer.to(input.email)).toHaveLength(1);
	});

	it('a first admin whom another organisation already invited, or who has an account, is refused before anything is made: only one of two invitations could ever be accepted', async () => {
		const first = await buildOrganisation(t.ctx);
		const second = await buildOrganisation(t.ctx);
		const email = freshEmail();
		await inviteFirstAdmin({ ctx: t.ctx, actor: systemActor, organisationId: first.organisationId, email, locale: 'nl' });
		await expect(assertFirstAdminInvitable(t.ctx, email)).rejects.toMatchObject({ code: 'invitation.duplicate' });
		await expect(
			inviteFirstAdmin({ ctx: t.ctx, actor: systemActor, organisationId: second.organisationId, email, locale: 'nl' })
		).rejects.toMatchObject({ code: 'invitation.duplicate' });
		expect(t.ctx.mailer.to(email)).toHaveLength(1);
		await expect(assertFirstAdminInvitable(t.ctx, first.email)).rejects.toMatchObject({ code: 'invitation.account_exists' });
		await expect(assertFirstAdminInvitable(t.ctx, freshEmail())).resolves.toBeUndefined();
	});

	it('a staff member who leaves takes no door along: deactivating them withdraws the staff invitations they sent, which then no longer open; those of others stay', async () => {
		const admin = await buildOrganisation(t.ctx);
		const leaving = await buildStaff(t.ctx, admin, { roles: ['admin'] });
		const own = await invite(leaving, { roles: ['admin'] });
		const colleagues = await invite(admin);

		expect(await deactivateStaff({ ctx: t.ctx, actor: admin, userId: leaving.userId })).toEqual({ invitationsWithdrawn: 1 });

		await expect(acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token: own.token, input: ACCEPT })).rejects.toMatchObject({
			code: 'invitation.invalid_link'
		});
		expect((await listOpenInvitations({ ctx: t.ctx, actor: admin })).map((invitation) => invitation.email)).toEqual([colleagues.email]);
		await acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token: colleagues.token, input: ACCEPT });
		expect(await auditDetails('staff.deactivated', leaving.userId)).toMatchObject({ invitationsWithdrawn: 1 });
	});

	it('an admin who loses the admin role takes no door along: the staff invitations they sent no longer open, so nobody becomes admin through them; those of others stay', async () => {
		const admin = await buildOrganisation(t.ctx);
		const demoted = await buildStaff(t.ctx, admin, { roles: ['admin', 'professional'] });
		// An address of their own, with the admin role: the way back in after losing it.
		const own = await invite(demoted, { roles: ['admin'] });
		const colleagues = await invite(admin);

		expect(await changeRoles({ ctx: t.ctx, actor: admin, input: { userId: demoted.userId, roles: ['professional'] } })).toEqual({
			invitationsWithdrawn: 1
		});

		await expect(acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token: own.token, input: ACCEPT })).rejects.toMatchObject({
			code: 'invitation.invalid_link'
		});
		const admins = (await listStaff({ ctx: t.ctx, actor: admin })).filter((member) => member.roles.includes('admin'));
		expect(admins.map((member) => member.email)).toEqual([admin.email]);
		expect((await listOpenInvitations({ ctx: t.ctx, actor: admin })).map((invitation) => invitation.email)).toEqual([colleagues.email]);
		expect(await auditDetails('staff.roles_changed', demoted.userId)).toEqual({ roles: 'professional', invitationsWithdrawn: 1 });
	});

	it('a role change that keeps the admin role withdraws no invitation: the admin still invites', async () => {
		const admin = await buildOrganisation(t.ctx);
		const other = await buildStaff(t.ctx, admin, { roles: ['admin'] });
		const sent = await invite(other);

		expect(await changeRoles({ ctx: t.ctx, actor: admin, input: { userId: other.userId, roles: ['admin', 'teamLead'] } })).toEqual({
			invitationsWithdrawn: 0
		});

		await acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token: sent.token, input: ACCEPT });
		expect((await listStaff({ ctx: t.ctx, actor: admin })).map((member) => member.email)).toContain(sent.email);
	});
});
