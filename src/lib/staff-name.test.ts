import { describe, expect, it } from 'vitest';
import { staffDisplayName } from './staff-name.ts';

describe('staffDisplayName', () => {
	it('shows a staff member by name while their account exists', () => {
		expect(staffDisplayName({ name: 'Hanna de Vries', formerNumber: null }, 'nl')).toBe('Hanna de Vries');
	});

	it('shows a deleted account as "voormalig medewerker N" in Dutch and "former staff member N" in English, never the old name', () => {
		const deleted = { name: 'Voormalig medewerker 3', formerNumber: 3 };
		expect(staffDisplayName(deleted, 'nl')).toBe('Voormalig medewerker 3');
		expect(staffDisplayName(deleted, 'en')).toBe('Former staff member 3');
		expect(staffDisplayName({ name: 'Hanna de Vries', formerNumber: 4 }, 'en')).toBe('Former staff member 4');
	});

	it('shows nothing for someone the records no longer know', () => {
		expect(staffDisplayName(undefined, 'nl')).toBe('');
	});
});
