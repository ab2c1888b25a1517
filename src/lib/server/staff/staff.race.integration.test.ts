import { expect, it } from 'vitest';
import { createStaffRepository } from './staff.repository.ts';
import { deactivateStaff } from './staff.usecases.ts';
import { saveAgreement } from '../conversations/conversations.agreement.usecases.ts';
import { startQuickCheck } from '../conversations/conversations.usecases.ts';
import { inviteStaff } from '../invitations/invitations.usecases.ts';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { buildStaff } from '../testing/builders.ts';
import { buildQuickCheck } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';

/**
 * A staff member's request is authenticated when it comes in, its write later: a deactivation an
 * admin saved in between must stop the write (decision 011, "Amended 2026-12-07 (race audit,
 * continued)"). The write's transaction reads the membership again (requireStillActive, in every
 * change of a client's data through requireAccessToChange's logAccess, and in an invitation), locked
 * for share on PostgreSQL. Before, the write was stored after the deactivation: a conversation
 * started or an agreement saved by someone who had left, or an invitation of theirs that the
 * deactivation no longer withdrew.
 */
describeOnBothDatabases('a staff member deactivated while their request is in flight', (dialect) => {
	const t = useTestContext(dialect);

	async function setUp() {
		const qc = await buildQuickCheck(t.ctx, { participants: 1 });
		const colleague = await buildStaff(t.ctx, qc.admin, { roles: ['professional'] });
		await t.ctx.db.updateTable('conversations').set({ phase: 'agreement' }).where('id', '=', qc.conversationId).execute();
		const deactivate = (userId = qc.professional.userId) =>
			deactivateStaff({ ctx: t.ctx, actor: qc.admin, userId, handoverTo: colleague.userId });
		const agreement = { what: 'Elke maandag bellen', who: 'client' as const, dueOn: '2100-01-31', successMeasure: 'Gebeld' };
		const agreements = async () =>
			(await t.ctx.db.selectFrom('agreements').select('id').where('conversationId', '=', qc.conversationId).execute()).length;
		return { qc, deactivate, agreement, agreements };
	}

	it('regression (race): an agreement saved after the professional was deactivated is refused as not found, and none is stored', async () => {
		const { qc, deactivate, agreement, agreements } = await setUp();
		const ctx = withChangeBeforeTheWrite(t.ctx, deactivate);
		await expect(saveAgreement({ ctx, actor: qc.professional, conversationId: qc.conversationId, input: agreement })).rejects.toMatchObject(
			{
				code: 'not_found'
			}
		);
		expect(await agreements()).toBe(0);
	});

	it('regression (race): a conversation started after the professional was deactivated is refused, and none is started', async () => {
		const { qc, deactivate } = await setUp();
		await t.ctx.db.updateTable('conversations').set({ phase: 'closed' }).where('id', '=', qc.conversationId).execute();
		const ctx = withChangeBeforeTheWrite(t.ctx, deactivate);
		await expect(startQuickCheck({ ctx, actor: qc.professional, collaborationId: qc.collaborationId })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(
			(await t.ctx.db.selectFrom('conversations').select('id').where('collaborationId', '=', qc.collaborationId).execute()).length
		).toBe(1);
	});

	it('regression (race): an invitation sent by an admin deactivated meanwhile is refused, and no invitation of theirs stays open', async () => {
		const { qc } = await setUp();
		const inviter = await buildStaff(t.ctx, qc.admin, { roles: ['admin'] });
		const ctx = withChangeBeforeTheWrite(t.ctx, () => deactivateStaff({ ctx: t.ctx, actor: qc.admin, userId: inviter.userId }));
		const input = { email: `nieuw-${crypto.randomUUID()}@example.test`, roles: ['admin' as const], teamId: '', locale: 'nl' as const };
		await expect(inviteStaff({ ctx, actor: inviter, input })).rejects.toMatchObject({ code: 'not_found' });
		const open = await t.ctx.db
			.selectFrom('invitations')
			.select('id')
			.where('invitedBy', '=', inviter.userId)
			.where('revokedAt', 'is', null)
			.execute();
		expect(open).toEqual([]);
	});

	it('with nothing in between, the professional saves the agreement as before', async () => {
		const { qc, agreement, agreements } = await setUp();
		const ctx = withChangeBeforeTheWrite(t.ctx, async () => {});
		await saveAgreement({ ctx, actor: qc.professional, conversationId: qc.conversationId, input: agreement });
		expect(await agreements()).toBe(1);
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): an agreement saved while the deactivation is being saved waits for it and is refused once it is saved',
		async () => {
			const { qc, agreement, agreements } = await setUp();
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				async (deactivating) => {
					await createStaffRepository(deactivating).setStatus(
						qc.professional.organisationId,
						qc.professional.userId,
						'deactivated',
						t.ctx.clock.now().toISOString()
					);
				},
				() => saveAgreement({ ctx: t.ctx, actor: qc.professional, conversationId: qc.conversationId, input: agreement }),
				'the agreement to wait for the deactivation'
			);
			expect(outcome).toMatchObject({ code: 'not_found' });
			expect(await agreements()).toBe(0);
		}
	);
});
