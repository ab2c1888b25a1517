import { expect, it } from 'vitest';
import { addDaysToDate, todayInAmsterdam } from '../collaborations/collaborations.models.ts';
import { createCollaborationsRepository } from '../collaborations/collaborations.repository.ts';
import { closeCollaboration } from '../collaborations/collaborations.usecases.ts';
import { handOverCollaboration, transferHolder } from '../collaborations/handover.usecases.ts';
import type { AppContext } from '../context.ts';
import { createConversationsRepository } from '../conversations/conversations.repository.ts';
import { scheduleLearningConversation } from '../preparation/schedule.usecases.ts';
import { buildStaff } from '../testing/builders.ts';
import { statementsWaitingForALock, withChangeBeforeTheWrite, writeWhileChangeHeld } from '../testing/change-before-write.ts';
import { waitFor } from '../testing/instances.ts';
import { buildLearningConversation } from '../testing/learning-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { startLearningConversation } from './learning.usecases.ts';

/**
 * A learning conversation is planned and started only in an open collaboration, by one of its
 * professionals: both are read again inside the write's transaction, with the collaboration
 * locked before the conversation (lockStartableCollaboration), the order closing it takes. Before,
 * planning decided both before its transaction and starting decided who may before it, so a close
 * or a handover saved in between still planned one (its links printed or mailed) in a closed
 * collaboration, or let the professional who had just handed it over plan or start it.
 */
describeOnBothDatabases('a learning conversation overtaken by the close or the handover of its collaboration', (dialect) => {
	const t = useTestContext(dialect);

	async function setUp() {
		const lc = await buildLearningConversation(t.ctx, { participants: 1 });
		const colleague = await buildStaff(t.ctx, lc.admin, { roles: ['professional'] });
		const { collaborationId, conversationId, professional } = lc;
		const organisationId = professional.organisationId;
		const close = () => closeCollaboration({ ctx: t.ctx, actor: professional, collaborationId });
		const handOver = () =>
			handOverCollaboration({ ctx: t.ctx, actor: lc.admin, collaborationId, input: { toUserId: colleague.userId, note: '' } });
		const start = (ctx: AppContext = t.ctx) => startLearningConversation({ ctx, actor: professional, conversationId });
		const conversation = async () => (await createConversationsRepository(t.ctx.db).findConversation(organisationId, conversationId))!;
		const partiesOf = async (userId: string) =>
			(
				await t.ctx.db
					.selectFrom('conversationParties')
					.select('id')
					.where('conversationId', '=', conversationId)
					.where('userId', '=', userId)
					.execute()
			).length;
		return { lc, colleague, collaborationId, organisationId, close, handOver, start, conversation, partiesOf };
	}

	/** A second learning conversation planned in the same collaboration (the first one ended), as the page plans it. */
	async function planAnother(ctx: AppContext, lc: Awaited<ReturnType<typeof setUp>>['lc']) {
		return scheduleLearningConversation({
			ctx,
			actor: lc.professional,
			collaborationId: lc.collaborationId,
			scheduledOn: addDaysToDate(todayInAmsterdam(t.ctx.clock.now()), 7),
			deliveries: { [lc.participantIds[0]!]: 'print' }
		});
	}

	async function plannedIn(collaborationId: string) {
		const rows = await t.ctx.db
			.selectFrom('conversations')
			.select(['id', 'phase'])
			.where('collaborationId', '=', collaborationId)
			.execute();
		return rows.filter((row) => row.phase === 'preparation');
	}

	async function linksIn(collaborationId: string) {
		const rows = await t.ctx.db
			.selectFrom('participantLinks as l')
			.innerJoin('conversations as c', 'c.id', 'l.conversationId')
			.select('l.id')
			.where('c.collaborationId', '=', collaborationId)
			.execute();
		return rows.length;
	}

	/** The built conversation out of the way (cancelled), so another may be planned. */
	async function endFirst(s: Awaited<ReturnType<typeof setUp>>) {
		const repo = createConversationsRepository(t.ctx.db);
		await repo.updateConversation(s.organisationId, s.lc.conversationId, { phase: 'abandoned', endedAt: t.ctx.clock.now().toISOString() });
	}

	it('regression (race): a learning conversation planned after the professional closed the collaboration is refused as closed, with no conversation and no link', async () => {
		const s = await setUp();
		await endFirst(s);
		const links = await linksIn(s.collaborationId);
		await expect(planAnother(withChangeBeforeTheWrite(t.ctx, s.close), s.lc)).rejects.toMatchObject({ code: 'collaboration.closed' });
		expect(await plannedIn(s.collaborationId)).toEqual([]);
		expect(await linksIn(s.collaborationId)).toBe(links);
	});

	it('regression (race): a learning conversation planned by the professional who was just handed off the collaboration is not found, and none is planned', async () => {
		const s = await setUp();
		await endFirst(s);
		await expect(planAnother(withChangeBeforeTheWrite(t.ctx, s.handOver), s.lc)).rejects.toMatchObject({ code: 'not_found' });
		expect(await plannedIn(s.collaborationId)).toEqual([]);
	});

	it('regression (race): a learning conversation started by the professional who was just handed off the collaboration is not found; it stays planned, without a code, and they get no party', async () => {
		const s = await setUp();
		const partiesBefore = await s.partiesOf(s.lc.professional.userId);
		await expect(s.start(withChangeBeforeTheWrite(t.ctx, s.handOver))).rejects.toMatchObject({ code: 'not_found' });
		expect(await s.conversation()).toMatchObject({ phase: 'preparation', joinCode: null });
		expect(await s.partiesOf(s.lc.professional.userId)).toBe(partiesBefore);
	});

	it('a learning conversation started after the collaboration was closed is refused as closed and stays ended (closing ended it)', async () => {
		const s = await setUp();
		await expect(s.start(withChangeBeforeTheWrite(t.ctx, s.close))).rejects.toMatchObject({ code: 'collaboration.closed' });
		expect(await s.conversation()).toMatchObject({ phase: 'abandoned', joinCode: null });
	});

	it('with nothing in between, the professional starts it as before', async () => {
		const s = await setUp();
		await expect(s.start(withChangeBeforeTheWrite(t.ctx, async () => {}))).resolves.toMatchObject({ phase: 'safety' });
		expect((await s.conversation()).joinCode).not.toBeNull();
	});

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a learning conversation planned while a close is being saved waits for it, and is refused once it is saved',
		async () => {
			const s = await setUp();
			await endFirst(s);
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(closing) =>
					createCollaborationsRepository(closing).setStatus(s.organisationId, s.collaborationId, 'closed', t.ctx.clock.now().toISOString()),
				() => planAnother(t.ctx, s.lc),
				'the planning to wait for the close'
			);
			expect(outcome).toMatchObject({ code: 'collaboration.closed' });
			expect(await plannedIn(s.collaborationId)).toEqual([]);
		}
	);

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a learning conversation started while a handover is being saved waits for it, and is refused once its professional is gone',
		async () => {
			const s = await setUp();
			const handover = { organisationId: s.organisationId, collaborationId: s.collaborationId, toUserId: s.colleague.userId, note: '' };
			const outcome = await writeWhileChangeHeld(
				t.ctx.db,
				(handing) => transferHolder(t.ctx, handing, s.lc.admin, handover),
				() => s.start(),
				'the start to wait for the handover'
			);
			expect(outcome).toMatchObject({ code: 'not_found' });
			expect(await s.conversation()).toMatchObject({ phase: 'preparation', joinCode: null });
		}
	);

	it.runIf(dialect === 'postgres')(
		'regression (race, PostgreSQL): a start and a close lock the collaboration first and the conversation second, so they wait for each other and never deadlock',
		async () => {
			const s = await setUp();
			// The close's two steps, as closeCollaboration takes them: the collaboration's row, then the conversation.
			const closing = await t.ctx.db.startTransaction().execute();
			try {
				await createCollaborationsRepository(closing).setStatus(
					s.organisationId,
					s.collaborationId,
					'closed',
					t.ctx.clock.now().toISOString()
				);
				const outcome = s.start().then(
					() => 'written',
					(error: unknown) => error
				);
				await waitFor(async () => (await statementsWaitingForALock(t.ctx.db)) > 0 || undefined, 'the start to wait for the close');
				// A start that had locked the conversation before the collaboration would hold this up: a deadlock.
				const conversations = createConversationsRepository(closing);
				await conversations.lockForChange(s.organisationId, s.lc.conversationId);
				await conversations.updateConversation(s.organisationId, s.lc.conversationId, { phase: 'abandoned', joinCode: null });
				await closing.commit().execute();
				expect(await outcome).toMatchObject({ code: 'collaboration.closed' });
			} finally {
				if (!closing.isCommitted) await closing.rollback().execute();
			}
			expect(await s.conversation()).toMatchObject({ phase: 'abandoned', joinCode: null });
		}
	);
});
