import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectRefused, first, imported, srsWith } from '../../testing/fhir-import.ts';
import { questionnaireText, translated, wavLike, withWords, type FixtureQuestionnaire } from '../../testing/fhir-questionnaires.ts';
import type { InstrumentContent } from '../instruments.models.ts';
import { INSTRUMENT_TEXT_MAX, textLimitProblems } from '../instruments.text-limits.ts';
import { samenSterkerV1 } from '../samen-sterker-v1.ts';
import { sessionFeedbackV1 } from '../session-feedback-v1.ts';
import { instrumentToQuestionnaire } from './fhir.export.ts';
import { importQuestionnaire, type ImportProblem } from './fhir.import.ts';

// Decision 019, amended 2026-12-07: every text a person reads has a length. An outside tester
// imported a `decimal` item whose text was ~420 KB of plain words (under the 1 MB file limit):
// every paper form then took ~4 s of the one server's CPU, the conversation page was 900 KB and
// /admin/instruments 4.6 MB. Each kind of text is refused over its limit, naming the item.

const { question: QUESTION, title: TITLE, option: OPTION, label: LABEL } = INSTRUMENT_TEXT_MAX;
/** One translation extension, as `translated` wraps it. */
const translation = (lang: string, content: string) => (translated(lang, content).extension as unknown[])[0];
const words = (length: number) => 'woord '.repeat(Math.ceil(length / 6)).slice(0, length);

/** A built-in's content changed in one way, exported as a Questionnaire (its texts then sit in Tweespraak's extensions). */
function exportedWith(change: (content: InstrumentContent) => void): string {
	const content = structuredClone(samenSterkerV1.content);
	change(content);
	return JSON.stringify(instrumentToQuestionnaire({ key: 'k', version: 1, publishedAt: '2026-01-01T00:00:00.000Z', content }));
}

function withWordsAnd(change: (q: FixtureQuestionnaire) => void): string {
	const questionnaire = withWords();
	change(questionnaire);
	return questionnaireText(questionnaire);
}

const LONG: [string, string, Partial<ImportProblem>][] = [
	[
		'the tester’s question of ~420 KB on a decimal line',
		srsWith((q) => void (first(q).text = words(420_000))),
		{ code: 'question_too_long', item: 'relatie', detail: 'adult, nl' }
	],
	[
		'a question’s translation',
		srsWith((q) => void (first(q)._text = translated('en', words(QUESTION + 1)))),
		{ code: 'question_too_long', item: 'relatie', detail: 'adult, en' }
	],
	[
		'a question’s translation into a language kept beside nl and en',
		srsWith((q) => void (first(q)._text = { extension: [translation('en', 'Q?'), translation('de', words(QUESTION + 1))] })),
		{ code: 'question_too_long', item: 'relatie', detail: 'adult, de' }
	],
	[
		'a child’s wording (extension)',
		exportedWith((c) => void (c.items[1]!.wording.child.nl = words(QUESTION + 1))),
		{ code: 'question_too_long', item: 'luisteren', detail: 'child, nl' }
	],
	[
		'a professional’s wording (extension)',
		exportedWith((c) => void (c.items[2]!.wording.professional.en = words(QUESTION + 1))),
		{ code: 'question_too_long', item: 'contact', detail: 'professional, en' }
	],
	[
		'a label (extension)',
		exportedWith((c) => void (c.items[0]!.label.nl = words(LABEL + 1))),
		{ code: 'label_too_long', item: 'omgang', detail: 'label, nl' }
	],
	['the title', srsWith((q) => void (q.title = words(TITLE + 1))), { code: 'title_too_long', detail: 'nl' }],
	[
		'the title’s translation',
		srsWith((q) => void (q._title = translated('en', words(TITLE + 1)))),
		{ code: 'title_too_long', detail: 'en' }
	],
	[
		'the name without a title',
		srsWith((q) => void (delete q.title, delete q._title, (q.name = words(TITLE + 1)))),
		{ code: 'title_too_long' }
	],
	[
		'a nominal choice’s option',
		withWordsAnd((q) => void (q.item[4]!.answerOption![1]!.valueCoding = { code: 'werk', display: words(OPTION + 1) })),
		{ code: 'option_too_long', item: 'plek', detail: 'option 2, nl' }
	],
	[
		'a nominal option’s translation',
		withWordsAnd(
			(q) =>
				void (q.item[4]!.answerOption![0]!.valueCoding = {
					code: 'school',
					display: 'School',
					_display: translated('en', words(OPTION + 1))
				})
		),
		{ code: 'option_too_long', item: 'plek', detail: 'option 1, en' }
	],
	[
		'an option on the line',
		questionnaireText(
			((q) => {
				for (const item of q.item.flatMap((group) => group.item!))
					(item.answerOption![2]!.valueCoding as { display: string }).display = words(OPTION + 1);
				return q;
			})(wavLike())
		),
		{ code: 'option_too_long', item: 'wav1', detail: 'option 3' }
	],
	[
		'the words at the lower end of the line',
		srsWith((q) => q.item.forEach((item) => void (item.item![0]!.text = words(OPTION + 1)))),
		{ code: 'option_too_long', item: 'relatie', detail: 'lower end, nl' }
	],
	[
		'a smiley’s label',
		exportedWith((c) => void (c.smileys[2]!.label.en = words(OPTION + 1))),
		{ code: 'option_too_long', detail: 'smiley 3, en' }
	],
	[
		'a plan term',
		exportedWith((c) => void (c.planTerms.supportPlan.nl = words(LABEL + 1))),
		{ code: 'label_too_long', detail: 'plan term supportPlan, nl' }
	],
	['the copyright', srsWith((q) => void (q.copyright = words(INSTRUMENT_TEXT_MAX.copyright + 1))), { code: 'copyright_too_long' }],
	[
		'the url',
		srsWith((q) => void (q.url = `https://example.org/${'x'.repeat(INSTRUMENT_TEXT_MAX.url)}`)),
		{ code: 'code_too_long', detail: 'url' }
	],
	[
		'the version',
		srsWith((q) => void (q.version = '1'.repeat(INSTRUMENT_TEXT_MAX.version + 1))),
		{ code: 'code_too_long', detail: 'version' }
	],
	[
		'an option’s code (stored with every answer)',
		withWordsAnd(
			(q) => void (q.item[4]!.answerOption![2]!.valueCoding = { code: 'c'.repeat(INSTRUMENT_TEXT_MAX.code + 1), display: 'Thuis' })
		),
		{ code: 'code_too_long', item: 'plek', detail: 'option 3 code' }
	]
];

describe('every text a person reads has a length', () => {
	it.each(LONG)('%s: refused, naming the item and the text', (_, text, expected) => {
		expectRefused(text, expected);
	});

	it('the refusal never carries the long text itself', () => {
		const result = importQuestionnaire(
			srsWith((q) => void (first(q).text = words(420_000))),
			{ licenceConfirmed: true }
		);
		expect(JSON.stringify(result).length).toBeLessThan(1000);
	});

	it('texts at their limits are taken', () => {
		const content = imported(
			((q) => {
				q.title = words(TITLE);
				q.item[0]!.text = words(QUESTION);
				q.item[4]!.answerOption![0]!.valueCoding = { code: 'c'.repeat(INSTRUMENT_TEXT_MAX.code), display: words(OPTION) };
				return q;
			})(withWords())
		);
		expect(content.name.nl).toHaveLength(TITLE);
		expect(content.items[0]!.wording.adult.nl).toHaveLength(QUESTION);
	});

	it('without a label of its own an item is named by its question, which may be longer than a label', () => {
		const content = imported(((q) => ((q.item[0]!.text = words(QUESTION)), q))(withWords()));
		expect(content.items[0]!.label.nl).toHaveLength(QUESTION);
	});

	it('a long text is listed with the other problems at once', () => {
		const result = importQuestionnaire(
			srsWith((q) => {
				first(q).text = words(QUESTION + 1);
				q.item[1]!.repeats = true;
			}),
			{ licenceConfirmed: true }
		);
		expect(result.ok ? [] : result.problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ code: 'repeats', item: 'doelen' }),
				expect.objectContaining({ code: 'question_too_long', item: 'relatie' })
			])
		);
	});

	it('the built-in instruments keep within the limits (their longest text is 60 characters)', () => {
		for (const builtIn of [samenSterkerV1, sessionFeedbackV1]) expect(textLimitProblems(builtIn.content)).toEqual([]);
	});

	it('every refusal is translated for staff, with the limit the code holds', () => {
		for (const locale of ['nl', 'en']) {
			const messages = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
			const message = (code: string) => messages[`instruments_problem_${code}`] ?? '';
			expect(message('question_too_long')).toContain(String(QUESTION));
			expect(message('title_too_long')).toContain(String(TITLE));
			expect(message('option_too_long')).toContain(String(OPTION));
			expect(message('label_too_long')).toContain(String(LABEL));
			expect(message('copyright_too_long')).toMatch(/2[.,]000/);
			expect(message('code_too_long')).toContain(String(INSTRUMENT_TEXT_MAX.code));
		}
	});
});
