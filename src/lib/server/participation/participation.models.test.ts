import { describe, expect, it } from 'vitest';
import type { ConversationPhase } from '../db/schema.ts';
import {
	JOIN_CODE_ALPHABET,
	canReadOutcome,
	deviceSessionExpiresAt,
	isConversationRunning,
	isWellFormedJoinCode,
	normaliseJoinCode,
	participantPageOf
} from './participation.models.ts';

describe('join codes', () => {
	it.each([
		['k7m3qx', 'K7M3QX'],
		[' K7M 3QX ', 'K7M3QX'],
		['k7m-3qx', 'K7M3QX'],
		['K7M–3QX', 'K7M3QX'],
		['k\t7 m\n3 q x', 'K7M3QX'],
		['ｋ７ｍ３ｑｘ', 'K7M3QX'],
		['', '']
	])('"%s" is read as "%s"', (typed, expected) => {
		expect(normaliseJoinCode(typed)).toBe(expected);
	});

	it('a well-formed code has eight characters from the alphabet without look-alikes (six for codes made before)', () => {
		expect(isWellFormedJoinCode('K7M3QXAR')).toBe(true);
		expect(isWellFormedJoinCode('K7M3QX')).toBe(true);
		expect(isWellFormedJoinCode(JOIN_CODE_ALPHABET.slice(0, 8))).toBe(true);
		for (const code of [
			'K7M3Q',
			'K7M3QXA',
			'K7M3QXARK',
			'K7M3QXA0',
			'K7M3Q0',
			'K7M3QO',
			'K7M3QI',
			'K7M3Q1',
			'K7M3Q5',
			'K7M3QS',
			'k7m3qx',
			'K7M 3Q'
		]) {
			expect(isWellFormedJoinCode(code), code).toBe(false);
		}
	});

	it('the alphabet has no look-alike characters', () => {
		for (const lookAlike of '01258BILOSZ') expect(JOIN_CODE_ALPHABET).not.toContain(lookAlike);
	});
});

describe('device sessions', () => {
	it('last 12 hours at most', () => {
		expect(deviceSessionExpiresAt(new Date('2025-03-01T08:00:00.000Z'))).toBe('2025-03-01T20:00:00.000Z');
	});

	it('only running conversations keep devices connected', () => {
		expect(['review', 'rating', 'revealed', 'reflection', 'agreement'].every((p) => isConversationRunning(p as never))).toBe(true);
		expect(isConversationRunning('closed')).toBe(false);
		expect(isConversationRunning('abandoned')).toBe(false);
	});
});

describe('reading the outcome after the close', () => {
	const closed = {
		mode: 'ownDevice' as const,
		method: 'quickCheck' as const,
		phase: 'closed' as const,
		endedAt: '2026-03-01T10:00:00.000Z'
	};
	it('an own phone reads a closed quick check or learning conversation for seven days', () => {
		expect(canReadOutcome({ ...closed, now: '2026-03-08T09:59:59.000Z' })).toBe(true);
		expect(canReadOutcome({ ...closed, method: 'learningConversation', now: '2026-03-01T10:00:01.000Z' })).toBe(true);
		expect(canReadOutcome({ ...closed, now: '2026-03-08T10:00:00.000Z' })).toBe(false);
	});
	it('a handed-over device, an abandoned conversation, session feedback and a running conversation have no outcome to read', () => {
		const now = '2026-03-01T11:00:00.000Z';
		expect(canReadOutcome({ ...closed, mode: 'handover', now })).toBe(false);
		expect(canReadOutcome({ ...closed, phase: 'abandoned', now })).toBe(false);
		expect(canReadOutcome({ ...closed, method: 'sessionFeedback', now })).toBe(false);
		expect(canReadOutcome({ ...closed, phase: 'agreement', endedAt: null, now })).toBe(false);
	});
});

describe("the page of a participant's device", () => {
	const phases = [
		...['review', 'rating', 'revealed', 'reflection', 'agreement'],
		...['preparation', 'safety', 'topics', 'sheets', 'actions', 'evaluation'],
		...['closed', 'abandoned']
	] as const satisfies readonly ConversationPhase[];

	it('session feedback is on /c/feedback in every phase, a conversation being prepared on /c/preparation, everything else on /c', () => {
		for (const phase of phases) {
			expect(participantPageOf({ method: 'sessionFeedback', phase })).toBe('/c/feedback');
			expect(participantPageOf({ method: 'learningConversation', phase })).toBe(phase === 'preparation' ? '/c/preparation' : '/c');
			if (phase !== 'preparation') expect(participantPageOf({ method: 'quickCheck', phase })).toBe('/c');
		}
	});
});
