import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { allTexts, readMessages } from '#lib/server/testing/message-files.ts';
import { sourceFiles } from '#lib/server/testing/source-files.ts';
import { actionAbout } from '#lib/i18n.ts';
import ActionLabel from './ActionLabel.svelte';

// Issue 12 (6): buttons were announced "Opnieuw versturen : a@example.nl" and "Rollen opslaan : Bea".
// Their visible words were followed by a visually hidden ": …", and browsers join a visible and an
// absolutely positioned part with a space. A button that names what it acts on uses ActionLabel.

const SRC = path.resolve(import.meta.dirname, '..', '..', '..');

const svelteFiles = (dir: string) => sourceFiles(dir, (name) => name.endsWith('.svelte'));

/** What a screen reader reads of the rendered HTML: the text outside aria-hidden parts. */
function spoken(html: string): string {
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<span aria-hidden="true">[\s\S]*?<\/span>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

describe('a button that names what it acts on', () => {
	it('is read as its words, a colon and the name, with no space before the colon', () => {
		expect(actionAbout('Opnieuw versturen', 'a@example.nl')).toBe('Opnieuw versturen: a@example.nl');
		expect(actionAbout(' Rollen opslaan ', 'Bea')).toBe('Rollen opslaan: Bea');
		expect(actionAbout('Klaar?', 'Bea')).toBe('Klaar? Bea');
		const { body } = render(ActionLabel, { props: { action: 'Opnieuw versturen', about: 'a@example.nl' } });
		expect(spoken(body)).toBe('Opnieuw versturen: a@example.nl');
		expect(body).toContain('>Opnieuw versturen<');
	});

	it('never puts a hidden text that starts with a mark after visible words, in any component', () => {
		const strays = svelteFiles(SRC).flatMap((file) => {
			const source = readFileSync(file, 'utf8');
			return [...source.matchAll(/class="visually-hidden"[^>]*>\s*[:;,.]/g)].map(() => path.relative(SRC, file));
		});
		expect(strays).toEqual([]);
	});

	it('no message begins with a mark or has a space before one (" : ")', () => {
		for (const locale of ['nl', 'en']) {
			const wrong = allTexts(readMessages(locale)).filter(([, text]) => /^\s*[:;,]|\s[:;,]\s/.test(text.replace(/\{\w+\}/g, 'X')));
			expect(wrong.map(([key, text]) => `${locale} ${key}: ${text}`)).toEqual([]);
		}
	});
});
