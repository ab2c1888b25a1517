import { requireAccessToWrite } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { recordAudit, type AuditTarget } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { newId } from '../shared/tokens.ts';
import { functionLabel } from '#lib/trajectory-labels.ts';
import { isSameFunctionName, MAX_FUNCTIONS } from './trajectories.models.ts';
import { createTrajectoriesRepository, type TrajectoriesRepository } from './trajectories.repository.ts';

/**
 * A participant's function (buurtteamwerker, ervaringsdeskundige, …) next to their organisation.
 * Every trajectory starts with the seed's functions; the coordinator adds their own. The
 * report splits by function only for groups of at least the organisation's minimum group size.
 */

type Input<T = object> = { ctx: AppContext; actor: Actor; trajectoryId: string } & T;

const target = (trajectoryId: string): AuditTarget => ({ type: 'trajectory', id: trajectoryId });

/** A function id of this trajectory, or null for none; an id of another trajectory is not found. */
export async function requireFunctionOf(
	repo: TrajectoriesRepository,
	organisationId: string,
	trajectoryId: string,
	functionId: string
): Promise<string | null> {
	if (functionId === '') return null;
	const functions = await repo.listFunctions(organisationId, trajectoryId);
	if (!functions.some((f) => f.id === functionId)) throw domainError('not_found');
	return functionId;
}

/** The coordinator extends the list; a name that is already on it (in either language) is refused. */
export async function addFunction({ ctx, actor, trajectoryId, name }: Input<{ name: string }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	const functionId = newId();
	try {
		await write(async (trx) => {
			const repo = createTrajectoriesRepository(trx);
			if (!(await repo.findTrajectory(staff.organisationId, trajectoryId))) throw domainError('not_found');
			const functions = await repo.listFunctions(staff.organisationId, trajectoryId);
			if (functions.length >= MAX_FUNCTIONS) throw domainError('trajectory.too_many_functions');
			const taken = functions.flatMap((f) => (f.name !== null ? [f.name] : [functionLabel(f, 'nl'), functionLabel(f, 'en')]));
			if (taken.some((known) => isSameFunctionName(known, name))) throw domainError('trajectory.function_exists');
			await repo.insertFunctions(
				staff.organisationId,
				trajectoryId,
				[{ id: functionId, builtin: null, name }],
				ctx.clock.now().toISOString()
			);
			await recordAudit(trx, ctx.clock, { actor, action: 'trajectory.function_added', target: target(trajectoryId) });
		});
	} catch (error) {
		// The same name added a moment ago by another coordinator.
		if (isUniqueViolation(error)) throw domainError('trajectory.function_exists');
		throw error;
	}
	return { functionId };
}

/** The function of one participant; empty takes it away. */
export async function setParticipantFunction({
	ctx,
	actor,
	trajectoryId,
	participantId,
	functionId
}: Input<{ participantId: string; functionId: string }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	await write(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		if (!(await repo.findParticipant(staff.organisationId, trajectoryId, participantId))) throw domainError('not_found');
		const chosen = await requireFunctionOf(repo, staff.organisationId, trajectoryId, functionId);
		await repo.setFunction(staff.organisationId, trajectoryId, participantId, chosen);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'trajectory.participant_function_set',
			target: target(trajectoryId),
			details: { participantId }
		});
	});
}
