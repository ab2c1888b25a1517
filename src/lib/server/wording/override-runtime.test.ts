import { describe, expect, it } from 'vitest';
import * as m from '#lib/paraglide/messages.js';
import { withOverrides } from './override-runtime.ts';

// The server build wraps client messages (vite.config.ts, clientTextOverrides); the unit tests run
// through the same Vite pipeline on the server side, so this is the wrapper the pages get.
describe('a client page rendered for a participant of an organisation with its own wording', () => {
	const own = new Map([
		['tr:rating_intro', 'Çizgide bir yer seç. Bu bizim metnimiz.'],
		['nl:rating_progress', 'Al {done} van de {total} klaar.']
	]);

	it("shows the organisation's wording in the participant's language, with its placeholders filled", () => {
		withOverrides(own, () => {
			expect(m.rating_intro({}, { locale: 'tr' })).toBe('Çizgide bir yer seç. Bu bizim metnimiz.');
			expect(m.rating_progress({ done: '1', total: '3' }, { locale: 'nl' })).toBe('Al 1 van de 3 klaar.');
		});
	});

	it('shows the standard text in the languages the organisation did not reword, and outside its requests', () => {
		withOverrides(own, () => {
			expect(m.rating_intro({}, { locale: 'nl' })).toBe(m.rating_intro({}, { locale: 'nl' }));
			expect(m.rating_intro({}, { locale: 'nl' })).not.toContain('metnimiz');
		});
		expect(m.rating_intro({}, { locale: 'tr' })).not.toContain('metnimiz');
	});

	it('leaves staff texts alone: only texts a client reads can be reworded', () => {
		const staffOnly = new Map([['nl:wording_title', 'Iets anders']]);
		withOverrides(staffOnly, () => expect(m.wording_title({}, { locale: 'nl' })).toBe('Teksten voor cliënten'));
	});

	it('leaves a text with a form per number alone: the admin cannot see or reset an own wording of it', async () => {
		const { clientTexts } = await import('./client-texts.ts');
		expect((await clientTexts()).has('traject_client_consent_what'), 'not in the admin’s list').toBe(false);
		const stored = new Map([['nl:traject_client_consent_what', 'We stellen je {count} vragen.']]);
		withOverrides(stored, () => {
			expect(m.traject_client_consent_what({ count: 1 }, { locale: 'nl' })).toMatch(/^We stellen je 1 korte vraag over/);
			expect(m.traject_client_consent_what({ count: 5 }, { locale: 'nl' })).toMatch(/^We stellen je 5 korte vragen over/);
		});
	});
});
