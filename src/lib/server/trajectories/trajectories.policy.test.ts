import { describe, expect, it } from 'vitest';
import type { TrajectoryConsent } from '../db/schema.ts';
import {
	canChangeConsentText,
	canReadBuddyEntry,
	hasRefusedConsent,
	isReportable,
	refusalOfClientLink,
	refusalToFillMoment
} from './trajectories.policy.ts';

const CONSENTS: TrajectoryConsent[] = ['pending', 'given', 'declined', 'withdrawn'];

describe('trajectory policy', () => {
	it('only a given consent puts someone in a report', () => {
		expect(CONSENTS.filter(isReportable)).toEqual(['given']);
	});

	it('a participant fills in an open moment unless they stopped; closed and upcoming moments are refused', () => {
		const today = '2026-03-05';
		expect(refusalToFillMoment({ state: 'open', stoppedOn: null, today })).toBeNull();
		expect(refusalToFillMoment({ state: 'open', stoppedOn: '2026-03-06', today })).toBeNull();
		expect(refusalToFillMoment({ state: 'open', stoppedOn: today, today })).toBe('trajectory.participant_stopped');
		expect(refusalToFillMoment({ state: 'closed', stoppedOn: null, today })).toBe('trajectory.moment_closed');
		expect(refusalToFillMoment({ state: 'upcoming', stoppedOn: null, today })).toBe('trajectory.moment_not_open');
	});

	it("a participant's client link takes answers only while the participant has not said no to the report (declined or withdrawn), nor stopped", () => {
		expect(CONSENTS.filter(hasRefusedConsent)).toEqual(['declined', 'withdrawn']);
		const open = { state: 'open', stoppedOn: null, today: '2026-03-10' } as const;
		expect(CONSENTS.map((consent) => refusalOfClientLink({ ...open, consent }))).toEqual([
			null,
			null,
			'trajectory.participant_no_consent',
			'trajectory.participant_no_consent'
		]);
		// Otherwise the participant's own rule: a stop or a closed moment closes the link too.
		expect(refusalOfClientLink({ ...open, consent: 'given', stoppedOn: '2026-03-10' })).toBe('trajectory.participant_stopped');
		expect(refusalOfClientLink({ ...open, consent: 'given', state: 'closed' })).toBe('trajectory.moment_closed');
		expect(refusalOfClientLink({ ...open, consent: 'withdrawn', state: 'closed' })).toBe('trajectory.participant_no_consent');
	});

	describe('buddy log', () => {
		const viewer = { participantId: 'me', pairId: 'pair' };
		const cases: [string, { authorId: string; pairId: string; shared: boolean }, boolean][] = [
			['my own private entry', { authorId: 'me', pairId: 'pair', shared: false }, true],
			['my own shared entry', { authorId: 'me', pairId: 'pair', shared: true }, true],
			["my buddy's shared entry", { authorId: 'buddy', pairId: 'pair', shared: true }, true],
			["my buddy's private entry", { authorId: 'buddy', pairId: 'pair', shared: false }, false],
			["another pair's shared entry", { authorId: 'other', pairId: 'other-pair', shared: true }, false],
			["another pair's private entry", { authorId: 'other', pairId: 'other-pair', shared: false }, false]
		];
		for (const [name, entry, allowed] of cases) {
			it(`${allowed ? 'reads' : 'never reads'} ${name}`, () => {
				expect(canReadBuddyEntry(viewer, entry)).toBe(allowed);
			});
		}
		it('without a pair, only own entries', () => {
			expect(canReadBuddyEntry({ participantId: 'me', pairId: null }, { authorId: 'x', pairId: 'pair', shared: true })).toBe(false);
		});
	});

	it('the consent statement changes only while everyone is still pending', () => {
		expect(canChangeConsentText([])).toBe(true);
		expect(canChangeConsentText(['pending', 'pending'])).toBe(true);
		for (const answered of CONSENTS.filter((c) => c !== 'pending')) expect(canChangeConsentText(['pending', answered])).toBe(false);
	});
});
