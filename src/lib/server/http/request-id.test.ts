import { describe, expect, it } from 'vitest';
import { requestIdFrom } from '../../../../scripts/request-id.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("a request's id (the hooks and the server's response class share one rule)", () => {
	it("keeps the client's own id when it is letters, digits, _ and -", () => {
		expect(requestIdFrom('trace_42-abc')).toBe('trace_42-abc');
	});

	it('drops every other character, so a sent id cannot forge a log line or a header', () => {
		expect(requestIdFrom('abc\r\nx-evil: 1 {"event":"x"}')).toBe('abcx-evil1eventx');
	});

	it('cuts a long id to its first 64 characters before cleaning', () => {
		expect(requestIdFrom('a'.repeat(100))).toBe('a'.repeat(64));
	});

	it('makes a new id when none is sent, or nothing is left after cleaning', () => {
		for (const sent of [undefined, null, '', ' \n\t', '%%%']) expect(requestIdFrom(sent)).toMatch(UUID);
		expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
	});
});
