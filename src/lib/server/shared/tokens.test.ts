import { describe, expect, it } from 'vitest';
import { hashToken, newSecretToken, tokensMatch } from './tokens.ts';

describe('secret tokens', () => {
	it('are URL-safe, 256 bits, and different every time', () => {
		const tokens = new Set(Array.from({ length: 50 }, () => newSecretToken()));
		expect(tokens.size).toBe(50);
		for (const token of tokens) expect(token).toMatch(/^[\w-]{43}$/);
	});

	it('are stored as a hash that does not contain the token', () => {
		const token = newSecretToken();
		expect(hashToken(token)).toBe(hashToken(token));
		expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashToken(token)).not.toContain(token);
	});

	it('are compared whole', () => {
		expect(tokensMatch('abc', 'abc')).toBe(true);
		expect(tokensMatch('abc', 'abd')).toBe(false);
		expect(tokensMatch('abc', 'abcd')).toBe(false);
	});
});
