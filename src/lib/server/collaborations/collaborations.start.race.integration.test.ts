import { expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { startQuickCheck } from '../conversations/conversations.usecases.ts';
import { startSessionFeedback } from '../feedback/feedback.usecases.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createCollaborationsRepository } from './collaborations.repository.ts';
import { closeCollaboration } from './collaborations.usecases.ts';
import { handOverCollaboration } from './handover.usecases.ts';

/**
 * A quick check or session feedback starts only in an open collaboration, by one of its
 * professionals: the start's transaction reads both again with the collaboration locked for share
 * (lockStartableCollaboration), as planning and starting a learning conversation do. Before, the
 * door (requireStartableCollaboration) decided them before the transaction, so a close or a
 * handover saved in between still started a conversation, with a join code, in a closed
 * collaboration or by the professional who had just handed it over.
 */
describeOnBothDatabases('a quick check or session feedback overtaken by the close or the handover of its collaboration', (dialect) => {
	const t = useTestContext(dialect);

	async function setUp() {
		const admin = await buildOrganisation(t.ctx);
		const holder = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const colleague = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const { collaborationId } = await buildCollaboration(t.ctx, holder, { participants: 2 });
		const close = () => closeCollaboration({ ctx: t.ctx, actor: holder, collaborationId });
		const handOver = () =>
			handOverCollaboration({ ctx: t.ctx, actor: admin, collaborationId, input: { toUserId: colleague.userId, note: '' } });
		const quickCheck = (ctx: AppContext = t.ctx) => startQuickCheck({ ctx, actor: holder, collaborationId });
		const feedback = (ctx: AppContext = t.ctx) => startSessionFeedback({ ctx, actor: holder, collaborationId });
		const conversations = async () =>
			(await t.ctx.db.selectFrom('conversations').select('id').where('collaborationId', '=', collaborationId).execute()).length;
		return { admin, holder, collaborationId, close, handOver, quickCheck, feedback, conversations };
	}

	it('regression (race): a quick check started after the professional closed the collaboration is refused as closed, and none is started', async () => {
		const s = await setUp();
		await expect(s.quickCheck(withChangeBeforeTheWrite(t.ctx, s.close))).rejects.toMatchObject({ code: 'collaboration.closed' });
		expect(await s.conversations()).toBe(0);
	});

	it('regression (race): a quick check started by the professional who was just handed off the collaboration is not found, and none is started', async () => {
		const s = await setUp();
		await expect(s.quickCheck(withChangeBeforeTheWrite(t.ctx, s.handOver))).rejects.toMatchObject({ code: 'not_found' });
		expect(await s.conversations()).toBe(0);
	});

	it('regression (race): session feedback started after the professional closed the collaboration is refused as closed, and none is started', async () => {
		const s = await setUp();
		await expect(s.feedback(withChangeBeforeTheWrite(t.ctx, s.close))).rejects.toMatchObject({ code: 'collaboration.closed' });
		expect(await s.conversations()).toBe(0);
	});

	it('regression (race): session feedback started by the professional who was just handed off the collaboration is not found, and none is started', async () => {
		const s = await setUp();
		await expect(s.feedback(withChangeBeforeTheWrite(t.ctx, s.handOver))).rejects.toMatchObject({ code: 'not_found' });
		expect(await s.conversations()).toBe(0);
	});

	it('with nothing in between, both start as before', async () => {
		const s = await setUp();
		await expect(s.quickCheck(withChangeBeforeTheWrite(t.ctx, async () => {}))).resolves.toMatchObject({ resumed: false });
		await expect(s.feedback(withChangeBeforeTheWrite(t.ctx, async () => {}))).resolves.toMatchObject({ resumed: false });
		expect(await s.conversations()).toBe(2);
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a quick check started while a close is being saved waits for it, and is refused once it is saved',
		async () => {
			const s = await setUp();
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(closing) =>
					createCollaborationsRepository(closing).setStatus(
						s.admin.organisationId,
						s.collaborationId,
						'closed',
						t.ctx.clock.now().toISOString()
					),
				() => s.quickCheck(),
				'the start to wait for the close'
			);
			expect(outcome).toMatchObject({ code: 'collaboration.closed' });
			expect(await s.conversations()).toBe(0);
		}
	);
});
