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
	invitationId: null
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
		{ id: 'm1', position: 1, opensOn: '2026-03-01', closesOn: '2026-03-07' },
		{ id: 'm2', position: 2, opensOn: '2026-04-01', closesOn: '2026-04-07' },
		{ id: 'm3', position: 3, opensOn: '2026-06-01', closesOn: '2026-06-07' }
	],
	participants: [participant(1), participant(2, '2026-03-20'), participant(4)],
	totalParticipants: 5,
	responses: [
		response('m1', 'p1'),
		response('m1', 'p2'),
		response('m2', 'p1', { answers: { applied: 'yes' }, learningGoal: 'nieuw', goalChangeReason: 'lukte al' }),
		response('m2', 'p4')
	],
	pairs: [{ id: 'pair', createdAt: '', participantIds: ['p2', 'p1'] }],
	entryCounts: [{ authorId: 'p1', entries: 3, valuable: 2 }],
	evaluations: [{ participantId: 'p1', valuable: 'yes', whatHelped: null, tips: null, submittedAt: '' }]
};

describe('monitor report', () => {
	const report = buildMonitorReport(source, { today: '2026-04-10', showNames: false });

	it('table 1: per participant each moment delivered, missing, stopped or not yet open, and the buddy evaluation', () => {
		expect(report.overview.map(({ number, moments, buddyEvaluation }) => ({ number, moments, buddyEvaluation }))).toEqual([
			{ number: 1, moments: ['delivered', 'delivered', 'upcoming'], buddyEvaluation: 'yes' },
			{ number: 2, moments: ['delivered', 'stopped', 'stopped'], buddyEvaluation: 'stopped' },
			{ number: 4, moments: ['missing', 'delivered', 'upcoming'], buddyEvaluation: 'no' }
		]);
	});

	it('numbers instead of names unless names are chosen', () => {
		expect(report.overview[0]).toMatchObject({ name: null, organisationName: null });
		expect(buildMonitorReport(source, { today: '2026-04-10', showNames: true }).overview[0]).toMatchObject({
			name: 'Naam 1',
			organisationName: 'Org 1'
		});
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
			}
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
		expect(report.levels[0]!.barriers.team).toEqual(['team p1', 'team p2']);
	});
});
