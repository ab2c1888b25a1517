import { expect, it } from 'vitest';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { anonymousActor, buildOrganisation, tokenFromLink } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createInvitationsRepository } from './invitations.repository.ts';
import { buildTrajectory } from '../testing/trajectory-builders.ts';
import { inviteParticipant, revokeParticipantInvitation } from '../trajectories/trajectories.members.usecases.ts';
import { acceptInvitation, inviteStaff, resendInvitation, revokeInvitation } from './invitations.usecases.ts';

/**
 * A revoked invitation makes no account, also when the revocation is saved while the invitee is
 * accepting or another admin is resending it (decision 011, "Amended 2026-12-07 (race audit,
 * continued)"). Safe before this audit, and kept so: accepting and resending change the invitation
 * only while it is unused (markAccepted, revoke: conditional updates in their own transaction), so
 * the first to save wins and the other is refused; on PostgreSQL the second waits for the row.
 */
describeOnBothDatabases('an invitation revoked while it is accepted or resent', (dialect) => {
	const t = useTestContext(dialect);
	const ACCEPT = { name: 'Nina Nieuw', password: 'een lang genoeg wachtwoord', passwordConfirm: 'een lang genoeg wachtwoord' };

	async function invited() {
		const admin = await buildOrganisation(t.ctx);
		const email = `nieuw-${crypto.randomUUID()}@example.test`;
		const { invitationId, link } = await inviteStaff({
			ctx: t.ctx,
			actor: admin,
			input: { email, roles: ['admin'], teamId: '', locale: 'nl' }
		});
		const revoke = () => revokeInvitation({ ctx: t.ctx, actor: admin, invitationId });
		const accounts = async () => (await t.ctx.db.selectFrom('users').select('id').where('email', '=', email).execute()).length;
		return { admin, invitationId, token: tokenFromLink(link), revoke, accounts };
	}

	it('race: an invitation revoked after its page was opened makes no account', async () => {
		const { token, revoke, accounts } = await invited();
		const ctx = withChangeBeforeTheWrite(t.ctx, revoke);
		await expect(acceptInvitation({ ctx, actor: anonymousActor, token, input: ACCEPT })).rejects.toMatchObject({
			code: 'invitation.invalid_link'
		});
		expect(await accounts()).toBe(0);
	});

	it('race: a resend after the revocation was saved sends no new link', async () => {
		const { admin, invitationId, revoke } = await invited();
		const ctx = withChangeBeforeTheWrite(t.ctx, revoke);
		await expect(resendInvitation({ ctx, actor: admin, invitationId })).rejects.toMatchObject({ code: 'invitation.invalid_link' });
		expect(await createInvitationsRepository(t.ctx.db).listOpen(admin.organisationId, t.ctx.clock.now().toISOString())).toEqual([]);
	});

	it.runIf(dialect === 'postgres')(
		'race (PostgreSQL): an invitation accepted while its revocation is being saved makes no account',
		async () => {
			const { admin, invitationId, token, accounts } = await invited();
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(revoking) => createInvitationsRepository(revoking).revoke(admin.organisationId, invitationId, t.ctx.clock.now().toISOString()),
				() => acceptInvitation({ ctx: t.ctx, actor: anonymousActor, token, input: ACCEPT }),
				'the acceptance to wait for the revocation'
			);
			expect(outcome).toMatchObject({ code: 'invitation.invalid_link' });
			expect(await accounts()).toBe(0);
		}
	);

	it.runIf(dialect === 'postgres')(
		"regression (race, PostgreSQL): a coordinator's revocation that loses to the guest's acceptance is refused and records no revocation",
		async () => {
			const built = await buildTrajectory(t.ctx, { participants: 0 });
			const email = `gast-${crypto.randomUUID()}@elders.test`;
			const { participantId } = await inviteParticipant({
				ctx: t.ctx,
				actor: built.coordinator,
				trajectoryId: built.trajectoryId,
				input: { email, organisationName: 'Buurtteam Oost', locale: 'nl' }
			});
			const invitation = await t.ctx.db.selectFrom('invitations').select('id').where('email', '=', email).executeTakeFirstOrThrow();
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(accepting) => createInvitationsRepository(accepting).markAccepted(invitation.id, t.ctx.clock.now().toISOString()),
				() => revokeParticipantInvitation({ ctx: t.ctx, actor: built.coordinator, trajectoryId: built.trajectoryId, participantId }),
				'the revocation to wait for the acceptance'
			);
			expect(outcome).toMatchObject({ code: 'not_found' });
			const revocations = await t.ctx.db
				.selectFrom('auditEvents')
				.select('id')
				.where('action', '=', 'invitation.revoked')
				.where('targetId', '=', invitation.id)
				.execute();
			expect(revocations).toEqual([]);
		}
	);
});
