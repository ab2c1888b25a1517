import { SCALE3, SCALE4, type Level } from './trajectories.models.ts';
import type { ReportPerson } from './trajectories.report.ts';
import type { ReportSource } from './trajectories.report.repository.ts';

/**
 * The parts of the monitor report that show what consenting participants answered per moment:
 * counts per scale, learning goals with their changes, open answers, and every answer for the
 * CSV.
 */

export interface ScaleCount {
	key: string;
	text: string;
	kind: 'scale3' | 'scale4';
	options: readonly string[];
	perMoment: { position: number; counts: Record<string, number>; noResponse: number }[];
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

export interface AnswerSections {
	scales: ScaleCount[];
	goals: GoalRow[];
	openAnswers: OpenAnswers[];
	questions: { key: string; kind: 'scale3' | 'scale4' | 'text'; text: string }[];
	details: ResponseDetail[];
}

type Moment = { id: string; position: number };

export function buildAnswerSections(
	source: ReportSource,
	moments: readonly Moment[],
	person: (participantId: string) => ReportPerson
): AnswerSections {
	const response = (momentId: string, participantId: string) =>
		source.responses.find((r) => r.momentId === momentId && r.participantId === participantId);
	const deliveredAt = (moment: Moment) => source.responses.filter((r) => r.momentId === moment.id);

	const scales: ScaleCount[] = source.trajectory.template.questions
		.filter((q) => q.kind !== 'text')
		.map((question) => {
			const options = question.kind === 'scale3' ? SCALE3 : SCALE4;
			return {
				key: question.key,
				text: question.text,
				kind: question.kind as 'scale3' | 'scale4',
				options,
				perMoment: moments
					.filter((moment) => moment.position >= question.fromMoment)
					.map((moment) => {
						const delivered = deliveredAt(moment);
						const counts = Object.fromEntries(
							options.map((option) => [option, delivered.filter((r) => r.answers[question.key] === option).length])
						);
						return { position: moment.position, counts, noResponse: delivered.filter((r) => !r.answers[question.key]).length };
					})
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
		const delivered = deliveredAt(moment);
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
		scales,
		goals,
		openAnswers,
		questions: source.trajectory.template.questions.map(({ key, kind, text }) => ({ key, kind, text })),
		details
	};
}
