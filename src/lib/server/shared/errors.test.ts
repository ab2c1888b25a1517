import { describe, expect, it } from 'vitest';
import { domainError, isDomainError } from './errors.ts';

describe('domain errors', () => {
	it('carry a stable code and the HTTP status it maps to', () => {
		expect(domainError('not_found')).toMatchObject({ code: 'not_found', status: 404, message: 'not_found' });
		expect(domainError('invitation.duplicate')).toMatchObject({ status: 409 });
		expect(domainError('rate_limited')).toMatchObject({ status: 429 });
	});

	it('are told apart from other errors, optionally by code', () => {
		expect(isDomainError(domainError('staff.last_admin'))).toBe(true);
		expect(isDomainError(domainError('staff.last_admin'), 'staff.last_admin')).toBe(true);
		expect(isDomainError(domainError('staff.last_admin'), 'not_found')).toBe(false);
		expect(isDomainError(new Error('not_found'))).toBe(false);
	});
});
