import { describe, expect, it } from 'vitest';
import {
	canSeeEvaluationOf,
	evaluationRefusal,
	isPreparationVisible,
	wishRefusal,
	writeForRefusal,
	type TargetParty,
	type Viewer
} from './learning.policy.ts';

const professional: Viewer = { kind: 'professional', partyId: 'pro' };
const client: Viewer = { kind: 'participant', partyId: 'client' };
const coWithoutParty: Viewer = { kind: 'professional', partyId: null };
const parties: Record<string, TargetParty> = {
	pro: { id: 'pro', kind: 'professional' },
	otherPro: { id: 'otherPro', kind: 'professional' },
	client: { id: 'client', kind: 'participant' },
	otherClient: { id: 'otherClient', kind: 'participant' }
};

/** [viewer, target] → may write (safety, sheet). */
const WRITES: [Viewer, keyof typeof parties, boolean][] = [
	[professional, 'pro', true],
	[professional, 'client', true],
	[professional, 'otherClient', true],
	[professional, 'otherPro', false],
	[client, 'client', true],
	[client, 'otherClient', false],
	[client, 'pro', false],
	[coWithoutParty, 'client', false],
	[coWithoutParty, 'pro', false]
];

describe('writeForRefusal', () => {
	for (const [viewer, target, allowed] of WRITES) {
		it(`${viewer.kind} ${viewer.partyId ?? '(no party)'} writing for ${target}: ${allowed ? 'allowed' : 'not found'}`, () => {
			expect(writeForRefusal(viewer, parties[target])).toBe(allowed ? null : 'not_found');
		});
	}

	it('a party that is not in the conversation is not found', () => {
		expect(writeForRefusal(professional, undefined)).toBe('not_found');
	});
});

describe('wishRefusal', () => {
	it('a participant hands their own wish card; the professional may note one for a participant', () => {
		expect(wishRefusal(client, parties.client)).toBeNull();
		expect(wishRefusal(professional, parties.client)).toBeNull();
	});

	it("no wish card from or to a professional, and none in another participant's name", () => {
		expect(wishRefusal(professional, parties.pro)).toBe('not_found');
		expect(wishRefusal(client, parties.pro)).toBe('not_found');
		expect(wishRefusal(client, parties.otherClient)).toBe('not_found');
		expect(wishRefusal(client, undefined)).toBe('not_found');
	});
});

describe('evaluations', () => {
	it('each party evaluates for themselves only', () => {
		expect(evaluationRefusal(client, parties.client)).toBeNull();
		expect(evaluationRefusal(professional, parties.pro)).toBeNull();
		expect(evaluationRefusal(professional, parties.client)).toBe('not_found');
		expect(evaluationRefusal(client, parties.otherClient)).toBe('not_found');
		expect(evaluationRefusal(coWithoutParty, parties.pro)).toBe('not_found');
	});

	it("a client sees only their own evaluation; the professional sees everyone's", () => {
		expect(canSeeEvaluationOf(client, 'client')).toBe(true);
		expect(canSeeEvaluationOf(client, 'otherClient')).toBe(false);
		expect(canSeeEvaluationOf(client, 'pro')).toBe(false);
		expect(canSeeEvaluationOf(professional, 'client')).toBe(true);
		expect(canSeeEvaluationOf(coWithoutParty, 'client')).toBe(true);
	});
});

describe('preparations', () => {
	it('a preparation is in the conversation only once its owner shared it', () => {
		expect(isPreparationVisible({ sharedAt: null })).toBe(false);
		expect(isPreparationVisible({ sharedAt: '2100-01-01T10:00:00.000Z' })).toBe(true);
	});
});
