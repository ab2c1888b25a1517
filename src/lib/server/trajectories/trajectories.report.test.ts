import { describe, expect, it } from 'vitest';
import type { ReportSource } from './trajectories.report.repository.ts';
import { buildMonitorReport } from './trajectories.report.ts';

const participant = (number: number, stoppedOn: string | null = null) => ({
	id: `p${number}`,
	number,
	userId: `u${number}`,
	name: `Naam ${number}`,
	email: `p${number}@x.test`,
	organisationName: `Org ${number}`,
	consent: 'given' as const,
	consentAt: null,
	stoppedOn,
	invitationId: null,
	functionId: number === 4 ? 'f-own' : 'f-expert'
});

const response = (momentId: string, participantId: string, extra: Partial<ReportSource['responses'][number]> = {}) => ({
	momentId,
	participantId,
	learningGoal: `doel ${participantId} ${momentId}`,
	goalChangeReason: null,
	barrierPersonal: null,
	barrierTeam: `team ${participantId}`,
	barrierOrganisation: null,
	resourcePersonal: null,
	resourceTeam: null,
	resourceOrganisation: null,
	answers: {},
	explanation: null,
	submittedAt: '2026-03-01T10:00:00.000Z',
	...extra
});

const source: ReportSource = {
	trajectory: {
		id: 't',
		organisationId: 'o',
		name: 'Traject',
		description: '',
		consentText: '',
		createdAt: '',
		template: { questions: [{ key: 'applied', kind: 'scale3', text: 'Toegepast?', fromMoment: 2 }] }
	},
	moments: [
		{ id: 'm1', position: 1, opensOn: '2026-03-01', closesOn: '2026-03-07', instrumentKey: null },
		{ id: 'm2', position: 2, opensOn: '2026-04-01', closesOn: '2026-04-07', instrumentKey: null },
		{ id: 'm3', position: 3, opensOn: '2026-06-01', closesOn: '2026-06-07', instrumentKey: null }
	],
	participants: [participant(1), participant(2, '2026-03-20'), participant(4)],
	invited: [1, 2, 3, 4, 5].map((number) => ({ number, consenting: number !== 3 && number !== 5 })),
	totalParticipants: 5,
	responses: [
		response('m1', 'p1'),
		response('m1', 'p2'),
		response('m2', 'p1', { answers: { applied: 'yes' }, learningGoal: 'nieuw', goalChangeReason: 'lukte al' }),
		response('m2', 'p4')
	],
	pairs: [
		{ id: 'pair', createdAt: '', participantIds: ['p2', 'p1'], complete: true },
		{ id: 'pair2', createdAt: '', participantIds: ['p4'], complete: false }
	],
	entryCounts: [{ authorId: 'p1', entries: 3, valuable: 2 }],
	evaluations: [
		{ participantId: 'p1', valuable: 'yes', whatHelped: 'Een andere blik', tips: 'Meer theorie', quoteAllowed: true, submittedAt: '' },
		{ participantId: 'p4', valuable: 'somewhat', whatHelped: 'Niet citeren', tips: null, quoteAllowed: false, submittedAt: '' }
	],
	meetings: [{ id: 'g1', heldOn: '2026-03-01', title: 'Masterclass 1', place: 'Arnhem', programme: null }],
	attendance: [
		{ meetingId: 'g1', participantId: 'p1' },
		{ meetingId: 'g1', participantId: 'p4' }
	],
	functions: [
		{ id: 'f-expert', builtin: 'experienceExpert', name: null },
		{ id: 'f-own', builtin: null, name: 'Jeugdarts' }
	],
	minGroupSize: 5,
	instruments: []
};

describe('monitor report', () => {
	const report = buildMonitorReport(source, { today: '2026-04-10', showNames: false });

	it('table 1: every invited participant; without consent only the number and "no", with consent each moment and the buddy evaluation', () => {
		expect(
			report.overview.map(({ number, consent, moments, stoppedOn, buddyEvaluation }) => ({
				number,
				consent,
				moments,
				stoppedOn,
				buddyEvaluation
			}))
		).toEqual([
			{ number: 1, consent: 'yes', moments: ['delivered', 'delivered', 'upcoming'], stoppedOn: null, buddyEvaluation: 'yes' },
			{ number: 2, consent: 'yes', moments: ['delivered', 'stopped', 'stopped'], stoppedOn: '2026-03-20', buddyEvaluation: 'stopped' },
			{ number: 3, consent: 'no', moments: null, stoppedOn: null, buddyEvaluation: null },
			{ number: 4, consent: 'yes', moments: ['missing', 'delivered', 'upcoming'], stoppedOn: null, buddyEvaluation: 'yes' },
			{ number: 5, consent: 'no', moments: null, stoppedOn: null, buddyEvaluation: null }
		]);
	});

	it('numbers instead of names unless names are chosen; the function shows only beside a name', () => {
		expect(report.overview[0]).toMatchObject({ name: null, organisationName: null, function: null });
		const named = buildMonitorReport(source, { today: '2026-04-10', showNames: true });
		expect(named.overview[0]).toMatchObject({
			name: 'Naam 1',
			organisationName: 'Org 1',
			function: { builtin: 'experienceExpert', name: null }
		});
		// Someone without consent stays a number, names or not.
		expect(named.overview[2]).toEqual(expect.objectContaining({ number: 3, name: null, organisationName: null, function: null }));
	});

	it('table 2: per participant the buddy, their own log entries and valuable ones, and why; without consent only "no consent"', () => {
		expect(
			report.buddies.map(({ number, buddy, evaluation, entries, valuableEntries, notes }) => ({
				number,
				buddy: buddy?.number ?? null,
				evaluation,
				entries,
				valuableEntries,
				notes
			}))
		).toEqual([
			{ number: 1, buddy: 2, evaluation: 'yes', entries: 3, valuableEntries: 2, notes: ['buddyStopped'] },
			{ number: 2, buddy: 1, evaluation: 'stopped', entries: 0, valuableEntries: 0, notes: ['stopped'] },
			{ number: 3, buddy: null, evaluation: null, entries: null, valuableEntries: null, notes: ['noConsent'] },
			{ number: 4, buddy: null, evaluation: 'yes', entries: 0, valuableEntries: 0, notes: ['buddyNotInMonitor', 'noEntries'] },
			{ number: 5, buddy: null, evaluation: null, entries: null, valuableEntries: null, notes: ['noConsent'] }
		]);
	});

	it('the buddy evaluation is reported as counts, and only texts whose writer allowed quoting appear, without a name', () => {
		expect(report.evaluation).toEqual({
			counts: { no: 0, somewhat: 1, yes: 1 },
			quotes: { whatHelped: ['Een andere blik'], tips: ['Meer theorie'] }
		});
		const named = JSON.stringify(buildMonitorReport(source, { today: '2026-04-10', showNames: true }).evaluation);
		expect(named).not.toContain('Niet citeren');
		expect(named).not.toContain('Naam');
	});

	it('meetings count the consenting participants present', () => {
		expect(report.meetings).toEqual([{ heldOn: '2026-03-01', title: 'Masterclass 1', place: 'Arnhem', programme: null, present: 2 }]);
	});

	it('no function is split out while its group is below the minimum group size', () => {
		expect(report.byFunction).toEqual({ minGroupSize: 5, groups: [], hiddenGroups: 2 });
	});

	it('table 2: a pair with its members in number order and the exchanges they logged', () => {
		expect(report.pairs).toEqual([
			{
				number: 1,
				entries: 3,
				valuableEntries: 2,
				members: [
					expect.objectContaining({ number: 1, evaluation: 'yes', stopped: false }),
					expect.objectContaining({ number: 2, evaluation: 'stopped', stopped: true })
				]
			},
			{ number: 2, entries: 0, valuableEntries: 0, members: [expect.objectContaining({ number: 4 })] }
		]);
	});

	it('scales are counted from the moment they are asked; learning goals show their changes', () => {
		expect(report.scales).toEqual([
			expect.objectContaining({
				key: 'applied',
				perMoment: [
					{ position: 2, counts: { no: 0, somewhat: 0, yes: 1 }, noResponse: 1 },
					{ position: 3, counts: { no: 0, somewhat: 0, yes: 0 }, noResponse: 0 }
				]
			})
		]);
		expect(report.goals[0]!.perMoment[1]).toEqual({ position: 2, goal: 'nieuw', changed: true, reason: 'lukte al' });
		// Moments that have opened are counted (T3 is to come); "team p1" was named at T1 by one participant.
		expect(report.namedCounts.positions).toEqual([1, 2]);
		expect(report.namedCounts.barriers).toContainEqual({ label: 'team p1', level: 'team', perMoment: [1, 1], changes: [0] });
		expect(report.namedCounts.barriers).toContainEqual({ label: 'team p4', level: 'team', perMoment: [0, 1], changes: [1] });
	});
});
