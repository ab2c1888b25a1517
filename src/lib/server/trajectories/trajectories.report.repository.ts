import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { effectiveMinGroupSize } from '../insights/insights.policy.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { createInstrumentsRepository } from '../instruments/instruments.repository.ts';
import { isOnLine } from '../instruments/instruments.models.ts';
import { groupVersionsByScale, isCountable, summariseInstrument, type InstrumentResult } from './trajectories.instruments.models.ts';
import { createTrajectoryInstrumentsRepository } from './trajectories.instruments.repository.ts';
import { isReportable } from './trajectories.policy.ts';
import {
	createTrajectoryAnswersRepository,
	type BuddyEvaluationRecord,
	type PairRecord,
	type ResponseRecord
} from './trajectories.answers.repository.ts';
import type { AttendanceRecord, MeetingRecord } from './trajectories.meetings.repository.ts';
import {
	createTrajectoriesRepository,
	type FunctionRecord,
	type MomentRecord,
	type ParticipantRecord,
	type TrajectoryRecord
} from './trajectories.repository.ts';

export interface ReportSource {
	trajectory: TrajectoryRecord;
	moments: MomentRecord[];
	/** Only participants who gave consent. */
	participants: ParticipantRecord[];
	/**
	 * Every invited participant's number and whether they consented, and nothing else: table 1
	 * lists everyone (seed 004), someone without consent only as "Nee".
	 */
	invited: { number: number; consenting: boolean }[];
	totalParticipants: number;
	responses: ResponseRecord[];
	/**
	 * Pairs with their consenting members only; pairs without any are left out. `complete` says
	 * whether every member consented (else the buddy's row says "not in the monitor", no more).
	 */
	pairs: (PairRecord & { complete: boolean })[];
	entryCounts: { authorId: string; entries: number; valuable: number }[];
	evaluations: BuddyEvaluationRecord[];
	meetings: MeetingRecord[];
	/** Attendance of consenting participants only. */
	attendance: AttendanceRecord[];
	functions: FunctionRecord[];
	/** The organisation's minimum group size (never below the floor), for the split per function. */
	minGroupSize: number;
	/** The moments' instruments with the means of consenting participants' (and their clients') ratings. */
	instruments: InstrumentResult[];
}

/**
 * Everything a monitor report or export may contain. This is the one place where consent is
 * enforced: participants who declined, withdrew or have not answered are dropped here (only
 * their number stays, for table 1), and every other query is limited to the ids that remain,
 * so nothing of theirs can reach a report.
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
	const [moments, responses, pairs, entryCounts, evaluations, meetings, attendance, functions, organisation] = await Promise.all([
		trajectories.listMoments(organisationId, trajectoryId),
		answers.listResponses(organisationId, trajectoryId, ids),
		answers.listPairs(organisationId, trajectoryId),
		answers.countEntriesByAuthor(organisationId, trajectoryId, ids),
		answers.listEvaluations(organisationId, trajectoryId, ids),
		trajectories.listMeetings(organisationId, trajectoryId),
		trajectories.listAttendance(organisationId, trajectoryId, ids),
		trajectories.listFunctions(organisationId, trajectoryId),
		createOrganisationsRepository(db).findById(organisationId)
	]);
	const minGroupSize = effectiveMinGroupSize(organisation?.minGroupSize);
	const reportedPairs = pairs
		.map((pair) => {
			const reported = pair.participantIds.filter((id) => ids.includes(id));
			return { ...pair, participantIds: reported, complete: reported.length === pair.participantIds.length };
		})
		.filter((pair) => pair.participantIds.length > 0);
	return {
		trajectory,
		moments,
		participants,
		invited: everyone.map((participant) => ({ number: participant.number, consenting: isReportable(participant.consent) })),
		totalParticipants: everyone.length,
		responses,
		pairs: reportedPairs,
		entryCounts,
		evaluations,
		meetings,
		attendance,
		functions,
		minGroupSize,
		instruments: await loadInstrumentResults(db, organisationId, trajectoryId, moments, ids, minGroupSize)
	};
}

/**
 * Per instrument named by a moment: the answered ratings of consenting participants and their
 * clients, each counted on the version it was given on. When versions that ask differently were
 * answered (a re-import changed the line or the items), each has a result of its own, with the
 * moments it was answered at; otherwise one result with every moment of the instrument.
 */
async function loadInstrumentResults(
	db: Kysely<Database>,
	organisationId: string,
	trajectoryId: string,
	moments: readonly MomentRecord[],
	participantIds: readonly string[],
	minGroupSize: number
): Promise<InstrumentResult[]> {
	const keys = [...new Set(moments.flatMap((moment) => (moment.instrumentKey ? [moment.instrumentKey] : [])))];
	if (keys.length === 0) return [];
	const answers = (await createTrajectoryInstrumentsRepository(db).listOfParticipants(organisationId, trajectoryId, participantIds)).filter(
		isCountable
	);
	const instruments = createInstrumentsRepository(db);
	const results: InstrumentResult[] = [];
	for (const key of keys) {
		const newest = await instruments.findLatestForOrganisation(organisationId, key);
		if (!newest) continue;
		const positionOf = new Map(moments.filter((moment) => moment.instrumentKey === key).map((moment) => [moment.id, moment.position]));
		const rated = answers.flatMap((answer) => {
			const position = positionOf.get(answer.momentId);
			return position === undefined
				? []
				: [
						{
							instrumentId: answer.instrumentId,
							participantId: answer.participantId,
							momentPosition: position,
							perspective: answer.perspective,
							values: answer.values!
						}
					];
		});
		const versions = [newest];
		for (const id of new Set(rated.map((answer) => answer.instrumentId))) {
			const version = id === newest.id ? undefined : await instruments.findForOrganisation(organisationId, id);
			if (version) versions.push(version);
		}
		const groups = groupVersionsByScale(versions);
		const split = groups.length > 1;
		const answeredOn = (ids: readonly string[]) => rated.filter((answer) => ids.includes(answer.instrumentId));
		// Without a difference, one table with every moment; else a table per version that was answered.
		const shown = split ? groups.filter((group) => answeredOn(group.ids).length > 0) : groups;
		for (const { instrument, ids } of shown) {
			// Only answers in words: nothing to count (issue 14; they never appear in a report, decision 019).
			if (!instrument.content.items.some(isOnLine)) continue;
			const given = answeredOn(ids);
			const positions = split ? [...new Set(given.map((answer) => answer.momentPosition))].sort((a, b) => a - b) : [...positionOf.values()];
			results.push(summariseInstrument(instrument, positions, given, minGroupSize, split ? instrument.version : null));
		}
	}
	return results;
}
