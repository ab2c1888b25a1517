import { describe, expect, it } from 'vitest';
import { cameThroughTrustedProxy, cleanRequestId, requestIdOf, trustedProxyFromEnv } from '../../../../scripts/request-id.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BEHIND_ONE_PROXY = { addressHeader: 'X-Forwarded-For', xffDepth: 1 };

/** A request's headers, read as the hooks read them (lower-case names). */
function headers(sent: Record<string, string>) {
	const all = new Headers(sent);
	return (name: string) => all.get(name);
}

describe("a request's id (the hooks and the server's response class share one rule)", () => {
	it('is made by the server when no proxy is trusted: a client cannot choose the id the log and the audit log record', () => {
		const answer = requestIdOf(headers({ 'x-request-id': 'forged-audit-trail', 'x-forwarded-for': '203.0.113.9' }), {});
		expect(answer.requestId).toMatch(UUID);
		// Kept aside for the log line alone, cleaned and bounded.
		expect(answer.untrustedRequestId).toBe('forged-audit-trail');
	});

	it('keeps the id the trusted proxy sent, when the request came through it (ADDRESS_HEADER, XFF_DEPTH)', () => {
		expect(requestIdOf(headers({ 'x-request-id': 'trace_42-abc', 'x-forwarded-for': '203.0.113.9' }), BEHIND_ONE_PROXY)).toEqual({
			requestId: 'trace_42-abc'
		});
		expect(requestIdOf(headers({ 'x-request-id': 'trace_42-abc', 'x-real-ip': '203.0.113.9' }), { addressHeader: 'X-Real-IP' })).toEqual({
			requestId: 'trace_42-abc'
		});
	});

	it('behind a proxy, makes its own id for a request that did not come through it (no address header, or fewer addresses than XFF_DEPTH)', () => {
		const straight = requestIdOf(headers({ 'x-request-id': 'forged' }), BEHIND_ONE_PROXY);
		expect(straight).toEqual({ requestId: expect.stringMatching(UUID), untrustedRequestId: 'forged' });
		const oneHop = headers({ 'x-request-id': 'forged', 'x-forwarded-for': '203.0.113.9' });
		expect(cameThroughTrustedProxy(oneHop, { addressHeader: 'X-Forwarded-For', xffDepth: 2 })).toBe(false);
		expect(requestIdOf(oneHop, { addressHeader: 'X-Forwarded-For', xffDepth: 2 }).requestId).toMatch(UUID);
		const twoHops = headers({ 'x-forwarded-for': '203.0.113.9, 198.51.100.7' });
		expect(cameThroughTrustedProxy(twoHops, { addressHeader: 'X-Forwarded-For', xffDepth: 2 })).toBe(true);
	});

	it("reads a Node request's headers too, where a repeated header is a list", () => {
		const node: Record<string, string | string[]> = { 'x-request-id': ['first', 'second'], 'x-forwarded-for': '203.0.113.9' };
		expect(requestIdOf((name) => node[name], BEHIND_ONE_PROXY)).toEqual({ requestId: 'first' });
	});

	it('drops every other character, so a sent id cannot forge a log line or a header', () => {
		expect(cleanRequestId('abc\r\nx-evil: 1 {"event":"x"}')).toBe('abcx-evil1eventx');
	});

	it('cuts a long id to its first 64 characters before cleaning', () => {
		expect(cleanRequestId('a'.repeat(100))).toBe('a'.repeat(64));
	});

	it('makes a new id when none is sent, or nothing is left after cleaning, and logs nothing sent', () => {
		for (const sent of [undefined, '', ' \n\t', '%%%']) {
			const answer = requestIdOf(headers(sent === undefined ? {} : { 'x-request-id': sent }), BEHIND_ONE_PROXY);
			expect(answer).toEqual({ requestId: expect.stringMatching(UUID) });
		}
		expect(requestIdOf(headers({}), {}).requestId).not.toBe(requestIdOf(headers({}), {}).requestId);
	});

	it('reads the trusted proxy from the environment as the app does: none without ADDRESS_HEADER, one hop by default', () => {
		expect(trustedProxyFromEnv({})).toEqual({ addressHeader: undefined, xffDepth: 1 });
		expect(trustedProxyFromEnv({ ADDRESS_HEADER: ' X-Forwarded-For ', XFF_DEPTH: '2' })).toEqual({
			addressHeader: 'X-Forwarded-For',
			xffDepth: 2
		});
	});
});
