import { describe, expect, it } from 'vitest';
import type { Role } from '../db/schema.ts';
import { PERMISSIONS, rolesGrant, type Permission } from './permissions.ts';

const ALL_ROLES: Role[] = ['admin', 'teamLead', 'professional', 'trajectoryCoordinator', 'privacyOfficer'];

describe('rolesGrant', () => {
	for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
		const allowed: readonly Role[] = PERMISSIONS[permission].roles;

		it(`${permission} is granted to exactly ${allowed.join(', ')}`, () => {
			for (const role of ALL_ROLES) expect(rolesGrant([role], permission), role).toBe(allowed.includes(role));
		});

		it(`${permission} is never granted without roles`, () => {
			expect(rolesGrant([], permission)).toBe(false);
		});
	}

	it('one granting role among several is enough', () => {
		expect(rolesGrant(['professional', 'admin'], 'staff.manage')).toBe(true);
		expect(rolesGrant(['professional', 'teamLead', 'trajectoryCoordinator'], 'staff.manage')).toBe(false);
	});
});
