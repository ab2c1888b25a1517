import { describe, expect, it } from 'vitest';
import { expectRefused, first, imported, srsWith } from '../../testing/fhir-import.ts';
import { choiceItem, lineItem, questionnaireText, srsLike, textItem, wavLike, withEnableWhen } from '../../testing/fhir-questionnaires.ts';
import { renderItems } from '../instruments.models.ts';
import type { ImportProblem } from './fhir.import.ts';

const ENABLE_WHEN_REFUSED: [string, string, Partial<ImportProblem>][] = [
	[
		'enableWhen on a later question (a condition can only look back)',
		srsWith((q) => void (first(q).enableWhen = [{ question: 'doelen', operator: '>', answerDecimal: 5 }])),
		{ code: 'enable_when', item: 'relatie', detail: 'question doelen: not an earlier question' }
	],
	[
		'enableWhen with a number outside the line',
		srsWith(
			(q) =>
				void ((q.item[1] as unknown as Record<string, unknown>).enableWhen = [{ question: 'relatie', operator: '>', answerDecimal: 11 }])
		),
		{ code: 'enable_when', item: 'doelen', detail: 'answer 11: outside 0–10' }
	],
	[
		'enableWhen with a text answer',
		srsWith(
			(q) =>
				void ((q.item[1] as unknown as Record<string, unknown>).enableWhen = [{ question: 'relatie', operator: '=', answerString: 'ja' }])
		),
		{ code: 'enable_when', item: 'doelen', detail: 'answer type' }
	],
	[
		'enableWhen with a coding on a number line',
		srsWith(
			(q) =>
				void ((q.item[1] as unknown as Record<string, unknown>).enableWhen = [
					{ question: 'relatie', operator: '=', answerCoding: { code: '3' } }
				])
		),
		{ code: 'enable_when', item: 'doelen', detail: 'answer type' }
	],
	[
		'enableWhen with a code that is not an option',
		questionnaireText(
			(() => {
				const q = wavLike();
				(q.item[0]!.item![1]! as unknown as Record<string, unknown>).enableWhen = [
					{ question: 'wav1', operator: '=', answerCoding: { code: '9' } }
				];
				return q;
			})()
		),
		{ code: 'enable_when', item: 'wav2', detail: 'answer 9: not an option of wav1' }
	],
	[
		'enableWhen on a group (its own text is not shown)',
		questionnaireText(
			(() => {
				const q = wavLike();
				(q.item[1]! as unknown as Record<string, unknown>).enableWhen = [{ question: 'wav1', operator: 'exists', answerBoolean: true }];
				return q;
			})()
		),
		{ code: 'enable_when', item: 'deel2', detail: 'group' }
	],
	[
		'enableWhen naming a missing question',
		srsWith((q) => void (first(q).enableWhen = [{ question: 'nope', operator: 'exists', answerBoolean: true }])),
		{ code: 'invariant', detail: 'enableWhen-question', item: 'relatie' }
	],
	[
		'exists with a non-boolean answer (que-7)',
		srsWith((q) => void (first(q).enableWhen = [{ question: 'doelen', operator: 'exists', answerInteger: 1 }])),
		{ code: 'invariant', detail: 'que-7', item: 'relatie' }
	],
	[
		'two enableWhen without enableBehavior (que-12)',
		srsWith(
			(q) =>
				void (first(q).enableWhen = [
					{ question: 'doelen', operator: 'exists', answerBoolean: true },
					{ question: 'aanpak', operator: 'exists', answerBoolean: true }
				])
		),
		{ code: 'invariant', detail: 'que-12', item: 'relatie' }
	],
	[
		'a condition on an answer in words (it has no point on the line)',
		srsWith((q) => {
			q.item.push(textItem('woord', 'string', 'Woord?', 'Word?'));
			q.item.push({
				...lineItem('extra', 'Extra?', 'Extra?'),
				enableWhen: [{ question: 'woord', operator: 'exists', answerBoolean: true }]
			});
		}),
		{ code: 'enable_when', item: 'extra' }
	]
];

describe('conditional questions (enableWhen) in an imported Questionnaire', () => {
	it('enableWhen: a follow-up question is kept with its condition on the line (2 on a 1–5 scale is 25), with a plain note of when to answer it', () => {
		const content = imported(withEnableWhen());
		expect(content.items.map((item) => item.key)).toEqual(['mood', 'team', 'worry']);
		expect(content.items[2]!.enableWhen).toEqual({ behavior: 'all', conditions: [{ question: 'mood', operator: '<=', value: 25 }] });
		expect(content.items[0]!.enableWhen).toBeUndefined();
		const [mood, , worry] = renderItems(content, 'adult', 'nl', 'plan');
		expect(mood!.condition).toBeUndefined();
		expect(worry!.condition?.note).toBe('Alleen invullen als bij ‘Hoe gaat het vandaag?’ 1 of minder is gekozen.');
		expect(renderItems(content, 'adult', 'en', 'plan')[2]!.condition?.note).toBe(
			'Only answer this if 1 or less was chosen for ‘How are you today?’.'
		);
	});

	it('enableWhen on choices: a coding becomes its rank on the line; enableBehavior any is kept', () => {
		const questionnaire = wavLike();
		const follow = questionnaire.item[1]!.item![0]! as unknown as Record<string, unknown>;
		follow.enableWhen = [
			{ question: 'wav1', operator: '=', answerCoding: { system: 'https://example.org/fhir/CodeSystem/agreement', code: '2' } },
			{ question: 'wav2', operator: 'exists', answerBoolean: false }
		];
		follow.enableBehavior = 'any';
		const content = imported(questionnaire);
		expect(content.items[6]!.enableWhen).toEqual({
			behavior: 'any',
			conditions: [
				{ question: 'wav1', operator: '=', value: 25 },
				{ question: 'wav2', operator: 'exists', exists: false }
			]
		});
	});
});

describe('many conditions in one file (the import runs on the server that answers everyone)', () => {
	/** 200 choice questions (the most a file may hold), each after the first with 30 conditions on earlier ones. */
	const manyConditions = (question: (item: number, condition: number) => string) =>
		Array.from({ length: 200 }, (_, i) => ({
			...choiceItem(`q${i}`, `Vraag ${i}?`, `Question ${i}?`),
			...(i > 0 && {
				enableWhen: Array.from({ length: 30 }, (_, c) => ({ question: question(i, c), operator: 'exists', answerBoolean: true })),
				enableBehavior: 'any'
			})
		}));

	it('200 questions with 30 conditions each on earlier questions are read once each: accepted, every condition kept', () => {
		const content = imported({ ...srsLike(), item: manyConditions((i, c) => `q${c % i}`) });
		expect(content.items).toHaveLength(200);
		expect(content.items[199]!.enableWhen?.conditions).toHaveLength(30);
	});

	it('among them, one condition naming a question that is not in the file is refused with its item', () => {
		const items = manyConditions((i, c) => (i === 150 && c === 29 ? 'q-missing' : `q${c % i}`));
		expectRefused(questionnaireText({ ...srsLike(), item: items }), { code: 'invariant', detail: 'enableWhen-question', item: 'q150' });
	});
});

describe('a condition (enableWhen) Tweespraak cannot show is refused with the item and the reason', () => {
	it.each(ENABLE_WHEN_REFUSED)('%s', (_name, text, expected) => expectRefused(text, expected));
});
