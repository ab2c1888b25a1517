import {
	LEVELS,
	SCALE3,
	SCALE4,
	momentLabel,
	momentState,
	stoppedBy,
	type CalendarDate,
	type Level,
	type MomentState
} from './trajectories.models.ts';
import type { ReportSource } from './trajectories.report.repository.ts';

/**
 * The monitor report as data (seed 004, tables 1 and 2 and the counts behind its text), built
 * from a ReportSource that holds consenting participants only. Language-free: pages, CSV and
 * PDF put it into words.
 */

export type MomentCell = 'delivered' | 'missing' | 'stopped' | 'open' | 'upcoming';
export type BuddyEvaluationCell = 'yes' | 'no' | 'stopped';

export interface ReportPerson {
	number: number;
	/** Only when the coordinator chose names. */
	name: string | null;
	organisationName: string | null;
}

export interface OverviewRow extends ReportPerson {
	moments: MomentCell[];
	stoppedOn: CalendarDate | null;
	buddyEvaluation: BuddyEvaluationCell;
}

export interface PairRow {
	number: number;
	members: (ReportPerson & { evaluation: BuddyEvaluationCell; stopped: boolean })[];
	entries: number;
	valuableEntries: number;
}

export interface ScaleCount {
	key: string;
	text: string;
	kind: 'scale3' | 'scale4';
	options: readonly string[];
	perMoment: { position: number; counts: Record<string, number>; noResponse: number }[];
}

export interface LevelTexts {
	position: number;
	barriers: Record<Level, string[]>;
	resources: Record<Level, string[]>;
}

export interface GoalRow extends ReportPerson {
	perMoment: { position: number; goal: string | null; changed: boolean; reason: string | null }[];
}

export interface OpenAnswers {
	position: number;
	/** A template question's text, or null for the free explanation. */
	question: string | null;
	answers: string[];
}

/** What one consenting participant recorded at one moment (for the CSV). */
export interface ResponseDetail {
	number: number;
	position: number;
	learningGoal: string;
	goalChangeReason: string | null;
	barriers: Record<Level, string | null>;
	resources: Record<Level, string | null>;
	answers: Record<string, string>;
	explanation: string | null;
}

export interface MonitorReport {
	trajectoryName: string;
	generatedOn: CalendarDate;
	showNames: boolean;
	totals: { participants: number; consenting: number };
	moments: { position: number; label: string; opensOn: CalendarDate; closesOn: CalendarDate; state: MomentState }[];
	overview: OverviewRow[];
	pairs: PairRow[];
	scales: ScaleCount[];
	levels: LevelTexts[];
	goals: GoalRow[];
	openAnswers: OpenAnswers[];
	questions: { key: string; kind: 'scale3' | 'scale4' | 'text'; text: string }[];
	details: ResponseDetail[];
}

export function buildMonitorReport(source: ReportSource, options: { today: CalendarDate; showNames: boolean }): MonitorReport {
	const { today, showNames } = options;
	const moments = source.moments.map((moment) => ({
		...moment,
		label: momentLabel(moment.position),
		state: momentState(moment, today)
	}));
	const person = (participantId: string): ReportPerson => {
		const participant = source.participants.find((p) => p.id === participantId)!;
		return {
			number: participant.number,
			name: showNames ? (participant.name ?? participant.email) : null,
			organisationName: showNames ? participant.organisationName : null
		};
	};
	const response = (momentId: string, participantId: string) =>
		source.responses.find((r) => r.momentId === momentId && r.participantId === participantId);
	const evaluationOf = (participantId: string, stoppedOn: string | null): BuddyEvaluationCell => {
		if (source.evaluations.some((e) => e.participantId === participantId)) return 'yes';
		return stoppedOn !== null ? 'stopped' : 'no';
	};

	const overview: OverviewRow[] = source.participants.map((participant) => ({
		...person(participant.id),
		stoppedOn: participant.stoppedOn,
		buddyEvaluation: evaluationOf(participant.id, participant.stoppedOn),
		moments: moments.map((moment): MomentCell => {
			if (response(moment.id, participant.id)) return 'delivered';
			if (stoppedBy(participant.stoppedOn, moment)) return 'stopped';
			return moment.state === 'closed' ? 'missing' : moment.state;
		})
	}));

	const pairs: PairRow[] = source.pairs.map((pair, index) => {
		const counts = source.entryCounts.filter((count) => pair.participantIds.includes(count.authorId));
		return {
			number: index + 1,
			members: pair.participantIds
				.map((id) => {
					const participant = source.participants.find((p) => p.id === id)!;
					return { ...person(id), evaluation: evaluationOf(id, participant.stoppedOn), stopped: participant.stoppedOn !== null };
				})
				.sort((a, b) => a.number - b.number),
			entries: counts.reduce((sum, count) => sum + count.entries, 0),
			valuableEntries: counts.reduce((sum, count) => sum + count.valuable, 0)
		};
	});

	const scaleQuestions = source.trajectory.template.questions.filter((q) => q.kind !== 'text');
	const scales: ScaleCount[] = scaleQuestions.map((question) => {
		const options = question.kind === 'scale3' ? SCALE3 : SCALE4;
		return {
			key: question.key,
			text: question.text,
			kind: question.kind as 'scale3' | 'scale4',
			options,
			perMoment: moments
				.filter((moment) => moment.position >= question.fromMoment)
				.map((moment) => {
					const delivered = source.responses.filter((r) => r.momentId === moment.id);
					const counts = Object.fromEntries(
						options.map((option) => [option, delivered.filter((r) => r.answers[question.key] === option).length])
					);
					return { position: moment.position, counts, noResponse: delivered.filter((r) => !r.answers[question.key]).length };
				})
		};
	});

	const levels: LevelTexts[] = moments.map((moment) => {
		const delivered = source.responses.filter((r) => r.momentId === moment.id);
		const collect = (pick: (r: (typeof delivered)[number], level: Level) => string | null) =>
			Object.fromEntries(
				LEVELS.map((level) => [level, delivered.map((r) => pick(r, level)).filter((text): text is string => !!text)])
			) as Record<Level, string[]>;
		return {
			position: moment.position,
			barriers: collect((r, level) =>
				level === 'personal' ? r.barrierPersonal : level === 'team' ? r.barrierTeam : r.barrierOrganisation
			),
			resources: collect((r, level) =>
				level === 'personal' ? r.resourcePersonal : level === 'team' ? r.resourceTeam : r.resourceOrganisation
			)
		};
	});

	const goals: GoalRow[] = source.participants.map((participant) => ({
		...person(participant.id),
		perMoment: moments.map((moment) => {
			const r = response(moment.id, participant.id);
			return {
				position: moment.position,
				goal: r?.learningGoal ?? null,
				changed: !!r?.goalChangeReason,
				reason: r?.goalChangeReason ?? null
			};
		})
	}));

	const textQuestions = source.trajectory.template.questions.filter((q) => q.kind === 'text');
	const openAnswers: OpenAnswers[] = moments.flatMap((moment) => {
		const delivered = source.responses.filter((r) => r.momentId === moment.id);
		const perQuestion = textQuestions
			.filter((question) => moment.position >= question.fromMoment)
			.map((question) => ({
				position: moment.position,
				question: question.text,
				answers: delivered.map((r) => r.answers[question.key]).filter((text): text is string => !!text)
			}));
		const explanations = {
			position: moment.position,
			question: null,
			answers: delivered.map((r) => r.explanation).filter((t): t is string => !!t)
		};
		return [...perQuestion, explanations].filter((group) => group.answers.length > 0);
	});

	const details: ResponseDetail[] = source.responses.flatMap((r) => {
		const participant = source.participants.find((p) => p.id === r.participantId);
		const moment = moments.find((mo) => mo.id === r.momentId);
		if (!participant || !moment) return [];
		return [
			{
				number: participant.number,
				position: moment.position,
				learningGoal: r.learningGoal,
				goalChangeReason: r.goalChangeReason,
				barriers: { personal: r.barrierPersonal, team: r.barrierTeam, organisation: r.barrierOrganisation },
				resources: { personal: r.resourcePersonal, team: r.resourceTeam, organisation: r.resourceOrganisation },
				answers: r.answers,
				explanation: r.explanation
			}
		];
	});

	return {
		trajectoryName: source.trajectory.name,
		generatedOn: today,
		showNames,
		totals: { participants: source.totalParticipants, consenting: source.participants.length },
		moments: moments.map(({ position, label, opensOn, closesOn, state }) => ({ position, label, opensOn, closesOn, state })),
		overview,
		pairs,
		scales,
		levels,
		goals,
		openAnswers,
		questions: source.trajectory.template.questions.map(({ key, kind, text }) => ({ key, kind, text })),
		details
	};
}
