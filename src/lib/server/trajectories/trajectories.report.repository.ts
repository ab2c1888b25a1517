import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isReportable } from './trajectories.policy.ts';
import {
	createTrajectoryAnswersRepository,
	type BuddyEvaluationRecord,
	type PairRecord,
	type ResponseRecord
} from './trajectories.answers.repository.ts';
import {
	createTrajectoriesRepository,
	type MomentRecord,
	type ParticipantRecord,
	type TrajectoryRecord
} from './trajectories.repository.ts';

export interface ReportSource {
	trajectory: TrajectoryRecord;
	moments: MomentRecord[];
	/** Only participants who gave consent. */
	participants: ParticipantRecord[];
	totalParticipants: number;
	responses: ResponseRecord[];
	/** Pairs with their consenting members only; pairs without any are left out. */
	pairs: PairRecord[];
	entryCounts: { authorId: string; entries: number; valuable: number }[];
	evaluations: BuddyEvaluationRecord[];
}

/**
 * Everything a monitor report or export may contain. This is the one place where consent is
 * enforced: participants who declined, withdrew or have not answered are dropped here, and every
 * other query is limited to the ids that remain, so nothing of theirs can reach a report.
 */
export async function loadReportSource(
	db: Kysely<Database>,
	organisationId: string,
	trajectoryId: string
): Promise<ReportSource | undefined> {
	const trajectories = createTrajectoriesRepository(db);
	const answers = createTrajectoryAnswersRepository(db);
	const trajectory = await trajectories.findTrajectory(organisationId, trajectoryId);
	if (!trajectory) return undefined;
	const everyone = await trajectories.listParticipants(organisationId, trajectoryId);
	const participants = everyone.filter((participant) => isReportable(participant.consent));
	const ids = participants.map((participant) => participant.id);
	const [moments, responses, pairs, entryCounts, evaluations] = await Promise.all([
		trajectories.listMoments(organisationId, trajectoryId),
		answers.listResponses(organisationId, trajectoryId, ids),
		answers.listPairs(organisationId, trajectoryId),
		answers.countEntriesByAuthor(organisationId, trajectoryId, ids),
		answers.listEvaluations(organisationId, trajectoryId, ids)
	]);
	const reportedPairs = pairs
		.map((pair) => ({ ...pair, participantIds: pair.participantIds.filter((id) => ids.includes(id)) }))
		.filter((pair) => pair.participantIds.length > 0);
	return {
		trajectory,
		moments,
		participants,
		totalParticipants: everyone.length,
		responses,
		pairs: reportedPairs,
		entryCounts,
		evaluations
	};
}
