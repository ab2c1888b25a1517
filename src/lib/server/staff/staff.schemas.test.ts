import { describe, expect, it } from 'vitest';
import { validateForm } from '../shared/validation.ts';
import { changeRolesSchema, inviteSchema } from './staff.schemas.ts';

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

// The invite form ticks no role beforehand (an admin chooses the roles on purpose), so the server
// is what stops an invitation, or a change of roles, that names none.
describe('staff roles are always chosen', () => {
	it('an invitation without a role is refused with "choose at least one role", and the address typed comes back', () => {
		const result = validateForm(
			inviteSchema,
			form([
				['email', 'nieuw@example.nl'],
				['teamId', ''],
				['locale', 'nl']
			]),
			['roles']
		);
		expect(result).toEqual({
			ok: false,
			errors: { roles: 'validation_roles_required' },
			values: { email: 'nieuw@example.nl', teamId: '', locale: 'nl' },
			choices: { roles: [] }
		});
	});

	it('an invitation with a chosen role is accepted', () => {
		const result = validateForm(
			inviteSchema,
			form([
				['email', 'nieuw@example.nl'],
				['roles', 'privacyOfficer'],
				['locale', 'en']
			]),
			['roles']
		);
		expect(result).toMatchObject({ ok: true, data: { email: 'nieuw@example.nl', roles: ['privacyOfficer'], locale: 'en' } });
	});

	it('a change of roles that leaves none is refused', () => {
		const result = validateForm(changeRolesSchema, form([['userId', 'u1']]), ['roles']);
		expect(result).toMatchObject({ ok: false, errors: { roles: 'validation_roles_required' } });
	});
});
