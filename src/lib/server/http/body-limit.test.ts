import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, bodyLimitFor, IMPORT_BODY_LIMIT_BYTES, oversizedBody } from './body-limit.ts';

const post = (bytes: number) => new Request('http://localhost/x', { method: 'POST', headers: { 'content-length': String(bytes) } });

describe('request body limits', () => {
	it('hold every route to 512 KB, except the Questionnaire import, which takes a 1 MB file with room for its form', () => {
		expect(bodyLimitFor('/(participant)/c')).toBe(BODY_LIMIT_BYTES);
		expect(bodyLimitFor(null)).toBe(BODY_LIMIT_BYTES);
		expect(bodyLimitFor('/(staff)/admin/instruments')).toBe(IMPORT_BODY_LIMIT_BYTES);
		expect(IMPORT_BODY_LIMIT_BYTES).toBeGreaterThan(1024 * 1024 + 64 * 1024);
	});

	it('refuse a body announced over the limit of its route, and let one at the limit through', () => {
		expect(oversizedBody('/(participant)/c', post(BODY_LIMIT_BYTES + 1))).toBe(BODY_LIMIT_BYTES + 1);
		expect(oversizedBody('/(participant)/c', post(BODY_LIMIT_BYTES))).toBeNull();
		expect(oversizedBody('/(staff)/admin/instruments', post(900 * 1024))).toBeNull();
		expect(oversizedBody('/(staff)/admin/instruments', post(IMPORT_BODY_LIMIT_BYTES + 1))).toBe(IMPORT_BODY_LIMIT_BYTES + 1);
		expect(oversizedBody('/(participant)/c', new Request('http://localhost/x'))).toBeNull();
	});
});
