import { expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { deactivateStaff } from '../staff/staff.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createCollaborationsRepository } from './collaborations.repository.ts';
import { closeCollaboration } from './collaborations.usecases.ts';
import { handOverCollaboration, transferHolder } from './handover.usecases.ts';

/**
 * A handover passes on the collaboration the page showed: still open, still held by the holder the
 * page named (`fromUserId`). transferHolder reads both again with the collaboration's row locked
 * for update, so on PostgreSQL a close or another handover being saved is waited for and then
 * refuses it. Before, a handover that came just after another one passed the collaboration on from
 * its new holder (or, on PostgreSQL, failed on the one-holder index), and one made while a close
 * was being saved was stored in the closed collaboration.
 */
describeOnBothDatabases('a handover overtaken by a close or by another handover', (dialect) => {
	const t = useTestContext(dialect);

	async function setUp() {
		const admin = await buildOrganisation(t.ctx);
		const holder = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const first = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const second = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const { collaborationId } = await buildCollaboration(t.ctx, holder, { participants: 1 });
		const organisationId = admin.organisationId;
		/** The holder hands it to `second` from the collaboration's page, which showed them as its holder. */
		const handOverAsHolder = (ctx: AppContext = t.ctx) =>
			handOverCollaboration({
				ctx,
				actor: holder,
				collaborationId,
				input: { toUserId: second.userId, fromUserId: holder.userId, note: 'Let op.' }
			});
		/** An admin hands it to `first` from the handover list. */
		const handOverByAdmin = () =>
			handOverCollaboration({
				ctx: t.ctx,
				actor: admin,
				collaborationId,
				input: { toUserId: first.userId, fromUserId: holder.userId, note: '' }
			});
		const close = () => closeCollaboration({ ctx: t.ctx, actor: holder, collaborationId });
		const holders = async () =>
			(
				await t.ctx.db
					.selectFrom('collaborationProfessionals')
					.select('userId')
					.where('collaborationId', '=', collaborationId)
					.where('role', '=', 'holder')
					.execute()
			).map((row) => row.userId);
		const handovers = async () =>
			(await t.ctx.db.selectFrom('collaborationHandovers').select('toUserId').where('collaborationId', '=', collaborationId).execute()).map(
				(row) => row.toUserId
			);
		return { admin, holder, first, second, collaborationId, organisationId, handOverAsHolder, handOverByAdmin, close, holders, handovers };
	}

	it('regression (race): a handover sent after someone else handed the collaboration over is refused, and the colleague who got it keeps it', async () => {
		const s = await setUp();
		const ctx = withChangeBeforeTheWrite(t.ctx, s.handOverByAdmin);
		await expect(s.handOverAsHolder(ctx)).rejects.toMatchObject({ code: 'collaboration.holder_changed', status: 409 });
		expect(await s.holders()).toEqual([s.first.userId]);
		expect(await s.handovers()).toEqual([s.first.userId]);
	});

	it('a handover sent after the collaboration was closed is refused as closed, and nothing is handed over', async () => {
		const s = await setUp();
		await expect(s.handOverAsHolder(withChangeBeforeTheWrite(t.ctx, s.close))).rejects.toMatchObject({
			code: 'collaboration.closed',
			status: 409
		});
		expect(await s.holders()).toEqual([s.holder.userId]);
		expect(await s.handovers()).toEqual([]);
	});

	it('with nothing in between, a handover naming the holder the page showed goes through', async () => {
		const s = await setUp();
		await s.handOverAsHolder(withChangeBeforeTheWrite(t.ctx, async () => {}));
		expect(await s.holders()).toEqual([s.second.userId]);
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a handover sent while a close is being saved waits for it, and is refused once it is saved',
		async () => {
			const s = await setUp();
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(closing) =>
					createCollaborationsRepository(closing).setStatus(s.organisationId, s.collaborationId, 'closed', t.ctx.clock.now().toISOString()),
				() => s.handOverAsHolder(),
				'the handover to wait for the close'
			);
			expect(outcome).toMatchObject({ code: 'collaboration.closed' });
			expect(await s.holders()).toEqual([s.holder.userId]);
			expect(await s.handovers()).toEqual([]);
		}
	);

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): of two handovers at once, the second waits for the first and is refused; one holder, one handover',
		async () => {
			const s = await setUp();
			const handover = { organisationId: s.organisationId, collaborationId: s.collaborationId, toUserId: s.first.userId, note: '' };
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(handing) => transferHolder(t.ctx, handing, s.admin, { ...handover, fromUserId: s.holder.userId }),
				() => s.handOverAsHolder(),
				'the second handover to wait for the first'
			);
			expect(outcome).toMatchObject({ code: 'collaboration.holder_changed' });
			expect(await s.holders()).toEqual([s.first.userId]);
			expect(await s.handovers()).toEqual([s.first.userId]);
		}
	);

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): deactivating a holder whose collaboration is being handed over by someone else does not pass it on from its new holder',
		async () => {
			const s = await setUp();
			const handover = { organisationId: s.organisationId, collaborationId: s.collaborationId, toUserId: s.first.userId, note: '' };
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(handing) => transferHolder(t.ctx, handing, s.admin, { ...handover, fromUserId: s.holder.userId }),
				() => deactivateStaff({ ctx: t.ctx, actor: s.admin, userId: s.holder.userId, handoverTo: s.second.userId }),
				'the deactivation to wait for the handover'
			);
			expect(outcome).toMatchObject({ code: 'collaboration.holder_changed' });
			expect(await s.holders()).toEqual([s.first.userId]);
		}
	);
});
