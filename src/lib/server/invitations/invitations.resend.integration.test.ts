import { expect, it } from 'vitest';
import { anonymousActor, buildOrganisation, buildStaff, buildTeam, linkInMail, tokenFromLink } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import {
	inviteParticipant,
	resendParticipantInvitation,
	revokeParticipantInvitation
} from '../trajectories/trajectories.members.usecases.ts';
import { createTrajectoriesRepository } from '../trajectories/trajectories.repository.ts';
import { getTrajectoryForCoordinator } from '../trajectories/trajectories.usecases.ts';
import {
	acceptInvitation,
	getOpenInvitation,
	inviteStaff,
	listOpenInvitations,
	resendInvitation,
	revokeInvitation
} from './invitations.usecases.ts';

const PASSWORD = 'a long password for the guest';
const ACCEPT = { name: 'Gina Gast', password: PASSWORD, passwordConfirm: PASSWORD };

describeOnBothDatabases('invitations: resending and revoking', (dialect) => {
	const t = useTestContext(dialect);

	/** A trajectory with one participant without an account: invited by e-mail. */
	async function withGuestInvited(email: string) {
		const built = await buildTrajectory(t.ctx, { participants: 0 });
		const { participantId } = await inviteParticipant({
			ctx: t.ctx,
			actor: built.coordinator,
			trajectoryId: built.trajectoryId,
			input: { email, organisationName: 'Buurtteam Oost', locale: 'nl' }
		});
		const coordinator = { ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId };
		return { built, participantId, coordinator, firstToken: tokenFromLink(linkInMail(t.ctx.mailer.to(email)[0]!)) };
	}

	it('regression: "Stuur de uitnodiging opnieuw" while the first invitation is open sends a fresh link and ends the old one', async () => {
		const { built, participantId, coordinator, firstToken } = await withGuestInvited('kwijt@elders.test');
		await resendParticipantInvitation({ ...coordinator, participantId });
		const mails = t.ctx.mailer.to('kwijt@elders.test');
		expect(mails).toHaveLength(2);
		const secondToken = tokenFromLink(linkInMail(mails[1]!));
		expect(secondToken).not.toBe(firstToken);
		await expect(getOpenInvitation({ ctx: t.ctx, token: firstToken })).rejects.toMatchObject({ code: 'invitation.invalid_link' });
		const { userId } = await acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token: secondToken, input: ACCEPT });
		const participant = await createTrajectoriesRepository(t.ctx.db).findParticipant(
			built.coordinator.organisationId,
			built.trajectoryId,
			participantId
		);
		expect(participant?.userId).toBe(userId);
	});

	it("regression: an admin sees a trajectory guest's open invitation, with its trajectory, and can resend or revoke it", async () => {
		const { built, firstToken } = await withGuestInvited('gast@elders.test');
		const admin = await buildStaff(t.ctx, built.coordinator, { roles: ['admin'] });
		const [listed] = await listOpenInvitations({ ctx: t.ctx, actor: admin });
		expect(listed).toMatchObject({
			email: 'gast@elders.test',
			kind: 'trajectory',
			trajectories: [{ id: built.trajectoryId, name: 'Gelijkwaardig samenwerken' }]
		});
		await resendInvitation({ ctx: t.ctx, actor: admin, invitationId: listed!.id });
		await expect(getOpenInvitation({ ctx: t.ctx, token: firstToken })).rejects.toMatchObject({ code: 'invitation.invalid_link' });
		const secondToken = tokenFromLink(linkInMail(t.ctx.mailer.to('gast@elders.test')[1]!));
		const [resent] = await listOpenInvitations({ ctx: t.ctx, actor: admin });
		expect(resent).toMatchObject({ kind: 'trajectory', trajectories: [{ id: built.trajectoryId }] });
		await revokeInvitation({ ctx: t.ctx, actor: admin, invitationId: resent!.id });
		await expect(getOpenInvitation({ ctx: t.ctx, token: secondToken })).rejects.toMatchObject({ code: 'invitation.invalid_link' });
		expect(await listOpenInvitations({ ctx: t.ctx, actor: admin })).toEqual([]);
	});

	it('an admin resends a staff invitation: the same roles and team under a fresh link; only admins resend', async () => {
		const admin = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['admin'] });
		const team = await buildTeam(t.ctx, admin);
		const { invitationId } = await inviteStaff({
			ctx: t.ctx,
			actor: admin,
			input: { email: 'nieuw@tweespraak.test', roles: ['professional', 'teamLead'], teamId: team.teamId, locale: 'en' }
		});
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		await expect(resendInvitation({ ctx: t.ctx, actor: professional, invitationId })).rejects.toMatchObject({ code: 'not_found' });
		const other = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['admin'] });
		await expect(resendInvitation({ ctx: t.ctx, actor: other, invitationId })).rejects.toMatchObject({ code: 'not_found' });
		expect(t.ctx.mailer.to('nieuw@tweespraak.test')).toHaveLength(1);
		await resendInvitation({ ctx: t.ctx, actor: admin, invitationId });
		const mails = t.ctx.mailer.to('nieuw@tweespraak.test');
		expect(mails).toHaveLength(2);
		expect(mails[1]!.subject).toBe(mails[0]!.subject);
		await expect(getOpenInvitation({ ctx: t.ctx, token: tokenFromLink(linkInMail(mails[0]!)) })).rejects.toMatchObject({
			code: 'invitation.invalid_link'
		});
		const [listed] = await listOpenInvitations({ ctx: t.ctx, actor: admin });
		expect(listed).toMatchObject({ roles: ['professional', 'teamLead'], teamId: team.teamId, locale: 'en', kind: 'staff' });
		// Resending an invitation that is no longer open: not found, nothing sent.
		await expect(resendInvitation({ ctx: t.ctx, actor: admin, invitationId })).rejects.toMatchObject({ code: 'not_found' });
		expect(t.ctx.mailer.to('nieuw@tweespraak.test')).toHaveLength(2);
	});

	it("a coordinator revokes their participant's open trajectory invitation, not one of another trajectory nor an admin's staff invitation", async () => {
		const { built, participantId, coordinator, firstToken } = await withGuestInvited('terug@elders.test');
		const other = await buildTrajectory(t.ctx, { participants: 0 });
		await expect(
			revokeParticipantInvitation({ ctx: t.ctx, actor: other.coordinator, trajectoryId: built.trajectoryId, participantId })
		).rejects.toMatchObject({ code: 'not_found' });
		expect((await getTrajectoryForCoordinator(coordinator)).participants[0]!.invitationRevocable).toBe(true);
		await revokeParticipantInvitation({ ...coordinator, participantId });
		await expect(getOpenInvitation({ ctx: t.ctx, token: firstToken })).rejects.toMatchObject({ code: 'invitation.invalid_link' });
		expect((await getTrajectoryForCoordinator(coordinator)).participants[0]!.invitationRevocable).toBe(false);
		// Resending after revoking makes a new invitation.
		await resendParticipantInvitation({ ...coordinator, participantId });
		await acceptInvitation({
			ctx: t.ctx,
			actor: anonymousActor,
			token: tokenFromLink(linkInMail(t.ctx.mailer.to('terug@elders.test')[1]!)),
			input: ACCEPT
		});

		// A staff invitation the participation joined belongs to the admin.
		const admin = await buildStaff(t.ctx, built.coordinator, { roles: ['admin'] });
		await inviteStaff({
			ctx: t.ctx,
			actor: admin,
			input: { email: 'collega@tweespraak.test', roles: ['professional'], teamId: '', locale: 'nl' }
		});
		const joined = await inviteParticipant({
			...coordinator,
			input: { email: 'collega@tweespraak.test', organisationName: 'Eigen organisatie', locale: 'nl' }
		});
		expect(joined.outcome).toBe('pendingInvitation');
		await expect(revokeParticipantInvitation({ ...coordinator, participantId: joined.participantId })).rejects.toMatchObject({
			code: 'not_found'
		});
		// Resending it keeps it a staff invitation with its roles, and the participation follows the new link.
		await resendParticipantInvitation({ ...coordinator, participantId: joined.participantId });
		const [staffInvitation] = await listOpenInvitations({ ctx: t.ctx, actor: admin });
		expect(staffInvitation).toMatchObject({
			email: 'collega@tweespraak.test',
			kind: 'staff',
			roles: ['professional'],
			trajectories: [{ id: built.trajectoryId }]
		});
	});
});
