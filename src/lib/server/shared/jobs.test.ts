import { describe, expect, it } from 'vitest';
import { domainError } from './errors.ts';
import { jobErrorCode, PermanentJobError, retryDelayMs } from './jobs.ts';

describe('retry backoff', () => {
	const backoff = { baseMs: 30_000, maxMs: 3_600_000 };
	const middle = () => 0.5;

	it('doubles the wait after every failed attempt, starting at the base', () => {
		expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, backoff, middle))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
	});

	it('never waits longer than the maximum, however many attempts failed', () => {
		expect(retryDelayMs(8, backoff, middle)).toBe(3_600_000);
		expect(retryDelayMs(1000, backoff, () => 1)).toBe(3_600_000);
	});

	it('spreads retries by at most 20 % either way, so jobs that failed together do not return together', () => {
		expect(retryDelayMs(1, backoff, () => 0)).toBe(24_000);
		expect(retryDelayMs(1, backoff, () => 1)).toBe(36_000);
	});
});

describe('what is recorded about a failed job', () => {
	it('is the code of a domain error or a permanent failure', () => {
		expect(jobErrorCode(domainError('collaboration.closed'))).toBe('collaboration.closed');
		expect(jobErrorCode(new PermanentJobError('invalid_payload'))).toBe('invalid_payload');
	});

	it('is a system or SMTP error code, never the message, which may quote client content', () => {
		const smtp = Object.assign(new Error('Mailbox of sam@example.nl (Sam, 12) is full'), { code: 'EENVELOPE' });
		expect(jobErrorCode(smtp)).toBe('EENVELOPE');
		expect(jobErrorCode(Object.assign(new Error('x'), { code: 550 }))).toBe('550');
	});

	it('falls back to the class of the error, and to "unknown" for anything odd', () => {
		expect(jobErrorCode(new TypeError('Cannot read "Sam"'))).toBe('TypeError');
		expect(jobErrorCode(Object.assign(new Error('x'), { code: 'has spaces and <b>' }))).toBe('Error');
		expect(jobErrorCode('a thrown string with a name in it')).toBe('unknown');
		expect(jobErrorCode(null)).toBe('unknown');
	});
});
