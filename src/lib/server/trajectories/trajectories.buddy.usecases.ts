import type { Kysely } from 'kysely';
import { requireTrajectoryParticipant, type TrajectoryParticipation } from '../access/party-doors.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit, type AuditTarget } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { newId } from '../shared/tokens.ts';
import { createTrajectoryAnswersRepository } from './trajectories.answers.repository.ts';
import type { BuddyEntryInput, EvaluationInput } from './trajectories.schemas.ts';

/**
 * A participant's buddy log and buddy evaluation: entries with their buddy, private unless shared,
 * and the evaluation at the end. Every usecase starts from requireTrajectoryParticipant, so a
 * participant reaches only their own pair; a write into the pair reads it again under a lock, so
 * an unpairing meanwhile refuses it or counts it (lockMyPair).
 */

type Input<T = object> = { ctx: AppContext; actor: Actor; trajectoryId: string } & T;

const target = (trajectoryId: string): AuditTarget => ({ type: 'trajectory', id: trajectoryId });

async function requireMyPair(ctx: AppContext, me: TrajectoryParticipation) {
	const pairs = await createTrajectoryAnswersRepository(ctx.db).listPairs(me.organisationId, me.trajectoryId);
	const pair = pairs.find((p) => p.participantIds.includes(me.participantId));
	if (!pair) throw domainError('trajectory.no_buddy');
	return pair;
}

/**
 * Inside the write's transaction: my pair is still there (the coordinator may have unpaired us
 * since the page was read), its row locked for share on PostgreSQL so an unpairing waits for the
 * write and then counts it (lockPair).
 */
async function lockMyPair(ctx: AppContext, trx: Kysely<Database>, me: TrajectoryParticipation, pairId: string) {
	if (!(await createTrajectoryAnswersRepository(trx).lockPair(me.organisationId, pairId, ctx.database.dialect, 'share')))
		throw domainError('trajectory.no_buddy');
}

/** One exchange with my buddy; private unless I share it with them. */
export async function addBuddyEntry({ ctx, actor, trajectoryId, input }: Input<{ input: BuddyEntryInput }>) {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	const pair = await requireMyPair(ctx, me);
	const entryId = newId();
	await ctx.db.transaction().execute(async (trx) => {
		await lockMyPair(ctx, trx, me, pair.id);
		await createTrajectoryAnswersRepository(trx).insertEntry({
			id: entryId,
			organisationId: me.organisationId,
			trajectoryId,
			pairId: pair.id,
			authorId: me.participantId,
			metOn: input.metOn,
			topic: input.topic,
			valuable: input.valuable === 'yes',
			reflection: input.reflection === '' ? null : input.reflection,
			shared: input.shared,
			now: ctx.clock.now().toISOString()
		});
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: me.organisationId,
			action: 'trajectory.buddy_entry_added',
			target: target(trajectoryId),
			details: { participantId: me.participantId, entryId, shared: input.shared }
		});
	});
	return { entryId };
}

/** Only the author shares an entry or takes it back. */
export async function setBuddyEntryShared({ ctx, actor, trajectoryId, entryId, shared }: Input<{ entryId: string; shared: boolean }>) {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	await ctx.db.transaction().execute(async (trx) => {
		if (!(await createTrajectoryAnswersRepository(trx).setEntryShared(me.organisationId, entryId, me.participantId, shared))) {
			throw domainError('not_found');
		}
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: me.organisationId,
			action: 'trajectory.buddy_entry_shared',
			target: target(trajectoryId),
			details: { participantId: me.participantId, entryId, shared }
		});
	});
}

/** My buddy evaluation at the end of the trajectory; I can correct it later. */
export async function submitBuddyEvaluation({ ctx, actor, trajectoryId, input }: Input<{ input: EvaluationInput }>) {
	const me = await requireTrajectoryParticipant({ db: ctx.db, actor, trajectoryId });
	const pair = await requireMyPair(ctx, me);
	await ctx.db.transaction().execute(async (trx) => {
		await lockMyPair(ctx, trx, me, pair.id);
		await createTrajectoryAnswersRepository(trx).upsertEvaluation({
			organisationId: me.organisationId,
			trajectoryId,
			participantId: me.participantId,
			valuable: input.rating,
			whatHelped: input.whatHelped === '' ? null : input.whatHelped,
			tips: input.tips === '' ? null : input.tips,
			quoteAllowed: input.quoteAllowed,
			now: ctx.clock.now().toISOString()
		});
		await recordAudit(trx, ctx.clock, {
			actor,
			organisationId: me.organisationId,
			action: 'trajectory.buddy_evaluated',
			target: target(trajectoryId),
			details: { participantId: me.participantId }
		});
	});
}
