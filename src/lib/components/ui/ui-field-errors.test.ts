import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../..');

function svelteFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : svelteFiles(full);
		return entry.name.endsWith('.svelte') ? [full] : [];
	});
}

const files = svelteFiles(SRC).map((file) => ({ file: path.relative(SRC, file), text: fs.readFileSync(file, 'utf8') }));

describe('after a refused post the first error takes focus as the page loads, wherever it is on the page', () => {
	it('every field error on every page is a FieldError (it takes focus with autofocus, no script needed)', () => {
		const handWritten = files.filter(
			({ file, text }) => file !== 'lib/components/ui/FieldError.svelte' && /class="field-error"/.test(text)
		);
		expect(handWritten.map(({ file }) => file)).toEqual([]);
		const own = files.find(({ file }) => file === 'lib/components/ui/FieldError.svelte')!.text;
		expect(own).toMatch(/<p class="field-error"[^>]*tabindex="-1"[^>]*autofocus/);
	});

	it('a form’s own error message (FormMessage) and the error summaries above a form take focus the same way', () => {
		const formMessage = files.find(({ file }) => file === 'lib/components/ui/FormMessage.svelte')!.text;
		expect(formMessage).toMatch(/class="message message-error"[^>]*tabindex="-1" autofocus/);
		// Every error summary of a form's fields (ErrorSummary, the rating form's rating_problems_title) takes focus.
		const summaries = files.filter(({ text }) => /validation_summary|rating-problems-title/.test(text));
		expect(summaries.map(({ file }) => file).sort()).toEqual([
			'lib/components/conversation/RatingForm.svelte',
			'lib/components/ui/ErrorSummary.svelte'
		]);
		for (const { file, text } of summaries) {
			const opening = [...text.matchAll(/<div class="message message-error"[^>]*>/g)].map((match) => match[0]);
			expect(opening.length, file).toBeGreaterThan(0);
			for (const tag of opening) expect(tag, file).toMatch(/tabindex="-1" autofocus/);
		}
	});
});
