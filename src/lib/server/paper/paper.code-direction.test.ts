import { describe, expect, it } from 'vitest';
import { placedText, readingOrderText } from '../testing/pdf-text.ts';
import { preparationForm } from './paper.forms.ts';
import { renderPaperFormPdf } from './paper.pdf.ts';

/**
 * A form's code is compared by eye with the one on the professional's screen, so it reads left to
 * right on every form. In Arabic, a code that starts with digits was set as "3NT-774": after
 * Arabic words its digits count as Arabic numbers (UAX #9, W2) and the hyphen between them as a
 * right-to-left neutral. Codes come from the conversation's id, so both kinds are tried.
 */
describe('the code on a printed form', () => {
	for (const code of ['774-3NT', 'K7P-4QX']) {
		it(`reads "${code}", left to right, on an Arabic form as on a Dutch one`, async () => {
			for (const locale of ['ar', 'nl'] as const) {
				const pdf = await renderPaperFormPdf(preparationForm({ locale, label: 'C3246', code }));
				const [first] = await placedText(pdf);
				const shown = first!.items.map((item) => item.str).join(' ');
				expect(shown, `${locale}: the code as it stands on the page`).toContain(code);
				expect(shown).not.toContain(code.split('-').toReversed().join('-'));
				const [read] = await readingOrderText(pdf, locale === 'ar' ? 'rtl' : 'ltr');
				expect(read!.replace(/\u200E/gu, ''), `${locale}: the code as a reader reads it`).toContain(code);
			}
		});
	}
});
