import { momentLabel, momentState, stoppedBy, type CalendarDate, type MomentState } from './trajectories.models.ts';
import {
	countNamedItems,
	summariseEvaluations,
	visibleFunctionGroups,
	type EvaluationSummary,
	type NamedCounts
} from './trajectories.report.counts.ts';
import { buildAnswerSections, type AnswerSections } from './trajectories.report.answers.ts';
import type { InstrumentResult } from './trajectories.instruments.models.ts';
import type { ReportSource } from './trajectories.report.repository.ts';

/**
 * The monitor report as data (seed 004, tables 1 and 2 and the counts behind its text), built
 * from a ReportSource that holds consenting participants only, plus the numbers of the others.
 * Language-free: trajectory-report-tables.ts puts it into the words the page, CSV and PDF show.
 */

export type MomentCell = 'delivered' | 'missing' | 'stopped' | 'open' | 'upcoming';
export type BuddyEvaluationCell = 'yes' | 'no' | 'stopped';

/** A function as stored: one of the seed's (a code) or the coordinator's own name. */
export interface FunctionRef {
	builtin: string | null;
	name: string | null;
}

export interface ReportPerson {
	number: number;
	/** Only when the coordinator chose names. */
	name: string | null;
	organisationName: string | null;
	/** Only with names, as the organisation: beside a number it could tell who it is. */
	function: FunctionRef | null;
}

/** Table 1: every invited participant. Without consent: the number and "Nee", every other field null. */
export interface OverviewRow extends ReportPerson {
	consent: 'yes' | 'no';
	moments: MomentCell[] | null;
	stoppedOn: CalendarDate | null;
	buddyEvaluation: BuddyEvaluationCell | null;
}

/** Why a row of table 2 looks as it does (the seed's "Toelichting"). */
export type BuddyNote = 'noConsent' | 'stopped' | 'noBuddy' | 'buddyNotInMonitor' | 'buddyStopped' | 'noEntries';

/** Table 2: every invited participant's buddy work; without consent only the number and why not. */
export interface BuddyRow extends ReportPerson {
	consent: 'yes' | 'no';
	buddy: { number: number; name: string | null } | null;
	evaluation: BuddyEvaluationCell | null;
	/** Exchanges this participant logged, and how many of those they marked valuable. */
	entries: number | null;
	valuableEntries: number | null;
	notes: BuddyNote[];
}

export interface PairRow {
	number: number;
	members: (ReportPerson & { evaluation: BuddyEvaluationCell; stopped: boolean })[];
	entries: number;
	valuableEntries: number;
}

export interface FunctionGroup {
	function: FunctionRef;
	participants: number;
	/** Per moment: how many of the group delivered it. */
	delivered: number[];
	evaluations: EvaluationSummary['counts'];
	/** Meetings attended, summed over the group. */
	attendances: number;
}

export interface MeetingRow {
	heldOn: CalendarDate;
	title: string;
	place: string | null;
	programme: string | null;
	/** Consenting participants present. */
	present: number;
}

export interface MonitorReport extends AnswerSections {
	trajectoryName: string;
	generatedOn: CalendarDate;
	showNames: boolean;
	totals: { participants: number; consenting: number };
	moments: { position: number; label: string; opensOn: CalendarDate; closesOn: CalendarDate; state: MomentState }[];
	overview: OverviewRow[];
	buddies: BuddyRow[];
	pairs: PairRow[];
	evaluation: EvaluationSummary;
	namedCounts: NamedCounts;
	byFunction: { minGroupSize: number; groups: FunctionGroup[]; hiddenGroups: number };
	meetings: MeetingRow[];
	/** Instruments of the moments (issue 14): means per item, moment and perspective, or only the count. */
	instruments: InstrumentResult[];
}

type Moment = ReportSource['moments'][number] & { label: string; state: MomentState };

function numberOnly(number: number): ReportPerson {
	return { number, name: null, organisationName: null, function: null };
}

export function buildMonitorReport(source: ReportSource, options: { today: CalendarDate; showNames: boolean }): MonitorReport {
	const { today, showNames } = options;
	const moments: Moment[] = source.moments.map((moment) => ({
		...moment,
		label: momentLabel(moment.position),
		state: momentState(moment, today)
	}));
	const byId = new Map(source.participants.map((p) => [p.id, p]));
	const functionOf = (functionId: string | null) => {
		const found = source.functions.find((f) => f.id === functionId);
		return found ? { builtin: found.builtin, name: found.name } : null;
	};
	const person = (participantId: string): ReportPerson => {
		const participant = byId.get(participantId)!;
		if (!showNames) return numberOnly(participant.number);
		return {
			number: participant.number,
			name: participant.name ?? participant.email,
			organisationName: participant.organisationName,
			function: functionOf(participant.functionId)
		};
	};
	const delivered = (momentId: string, participantId: string) =>
		source.responses.some((r) => r.momentId === momentId && r.participantId === participantId);
	const evaluationOf = (participantId: string): BuddyEvaluationCell => {
		if (source.evaluations.some((e) => e.participantId === participantId)) return 'yes';
		return byId.get(participantId)!.stoppedOn !== null ? 'stopped' : 'no';
	};
	const momentCells = (participantId: string): MomentCell[] =>
		moments.map((moment) => {
			if (delivered(moment.id, participantId)) return 'delivered';
			if (stoppedBy(byId.get(participantId)!.stoppedOn, moment)) return 'stopped';
			return moment.state === 'closed' ? 'missing' : moment.state;
		});
	const consenting = (number: number) => source.participants.find((p) => p.number === number);

	const overview: OverviewRow[] = source.invited.map(({ number }) => {
		const participant = consenting(number);
		if (!participant) return { ...numberOnly(number), consent: 'no', moments: null, stoppedOn: null, buddyEvaluation: null };
		return {
			...person(participant.id),
			consent: 'yes',
			moments: momentCells(participant.id),
			stoppedOn: participant.stoppedOn,
			buddyEvaluation: evaluationOf(participant.id)
		};
	});

	const buddies: BuddyRow[] = source.invited.map(({ number }) => {
		const participant = consenting(number);
		if (!participant) {
			return {
				...numberOnly(number),
				consent: 'no',
				buddy: null,
				evaluation: null,
				entries: null,
				valuableEntries: null,
				notes: ['noConsent']
			};
		}
		const pair = source.pairs.find((p) => p.participantIds.includes(participant.id));
		const buddyId = pair?.participantIds.find((id) => id !== participant.id);
		const buddy = buddyId ? byId.get(buddyId)! : null;
		const count = source.entryCounts.find((c) => c.authorId === participant.id);
		const notes: BuddyNote[] = [];
		if (participant.stoppedOn !== null) notes.push('stopped');
		if (!pair) notes.push('noBuddy');
		else if (!pair.complete) notes.push('buddyNotInMonitor');
		if (buddy?.stoppedOn) notes.push('buddyStopped');
		if (pair && !count && participant.stoppedOn === null) notes.push('noEntries');
		return {
			...person(participant.id),
			consent: 'yes',
			buddy: buddy ? { number: buddy.number, name: person(buddy.id).name } : null,
			evaluation: evaluationOf(participant.id),
			entries: count?.entries ?? 0,
			valuableEntries: count?.valuable ?? 0,
			notes
		};
	});

	const pairs: PairRow[] = source.pairs.map((pair, index) => {
		const counts = source.entryCounts.filter((count) => pair.participantIds.includes(count.authorId));
		return {
			number: index + 1,
			members: pair.participantIds
				.map((id) => ({ ...person(id), evaluation: evaluationOf(id), stopped: byId.get(id)!.stoppedOn !== null }))
				.sort((a, b) => a.number - b.number),
			entries: counts.reduce((sum, count) => sum + count.entries, 0),
			valuableEntries: counts.reduce((sum, count) => sum + count.valuable, 0)
		};
	});

	const started = moments.filter((moment) => moment.state !== 'upcoming');
	const namedCounts = countNamedItems(
		source.responses.map((r) => ({
			position: moments.find((moment) => moment.id === r.momentId)?.position ?? 0,
			barriers: { personal: r.barrierPersonal, team: r.barrierTeam, organisation: r.barrierOrganisation },
			resources: { personal: r.resourcePersonal, team: r.resourceTeam, organisation: r.resourceOrganisation }
		})),
		started.map((moment) => moment.position)
	);

	const groupOf = new Map(source.participants.map((p) => [p.id, p.functionId]));
	const visible = visibleFunctionGroups(groupOf, source.minGroupSize);
	const groups: FunctionGroup[] = source.functions
		.filter((f) => visible.has(f.id))
		.map((f) => {
			const members = source.participants.filter((p) => p.functionId === f.id).map((p) => p.id);
			return {
				function: { builtin: f.builtin, name: f.name },
				participants: members.length,
				delivered: moments.map((moment) => members.filter((id) => delivered(moment.id, id)).length),
				evaluations: summariseEvaluations(source.evaluations.filter((e) => members.includes(e.participantId))).counts,
				attendances: source.attendance.filter((a) => members.includes(a.participantId)).length
			};
		});
	const groupsWithPeople = new Set([...groupOf.values()].map((id) => id ?? ''));

	return {
		trajectoryName: source.trajectory.name,
		generatedOn: today,
		showNames,
		totals: { participants: source.totalParticipants, consenting: source.participants.length },
		moments: moments.map(({ position, label, opensOn, closesOn, state }) => ({ position, label, opensOn, closesOn, state })),
		overview,
		buddies,
		pairs,
		evaluation: summariseEvaluations(source.evaluations),
		namedCounts,
		byFunction: { minGroupSize: source.minGroupSize, groups, hiddenGroups: groupsWithPeople.size - groups.length },
		meetings: source.meetings.map((meeting) => ({
			heldOn: meeting.heldOn,
			title: meeting.title,
			place: meeting.place,
			programme: meeting.programme,
			present: source.attendance.filter((a) => a.meetingId === meeting.id).length
		})),
		instruments: source.instruments,
		...buildAnswerSections(source, moments, person)
	};
}
