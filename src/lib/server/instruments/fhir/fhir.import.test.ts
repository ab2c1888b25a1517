import { describe, expect, it } from 'vitest';
import {
	choiceItem,
	lineItem,
	questionnaireText,
	nominalItem,
	onlyWords,
	srsLike,
	textItem,
	wavLike,
	withWords,
	withEnableWhen,
	type FixtureQuestionnaire
} from '../../testing/fhir-questionnaires.ts';
import { renderItems, renderScale } from '../instruments.models.ts';
import { importQuestionnaire, type ImportProblem } from './fhir.import.ts';
import { storedToAnswer } from './fhir.models.ts';

const licensed = { licenceConfirmed: true };

function imported(questionnaire: FixtureQuestionnaire) {
	const result = importQuestionnaire(questionnaireText(questionnaire), licensed);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.content;
}

describe('answers in words: free text and nominal choices (issue 14)', () => {
	it('accepts string, text and nominal choice items beside the line, each with its type and Dutch and English words', () => {
		const content = imported(withWords());
		expect(content.items.map((item) => [item.key, item.answer?.type ?? 'line'])).toEqual([
			['relatie', 'line'],
			['doelen', 'line'],
			['aanpak', 'line'],
			['algemeen', 'line'],
			['plek', 'choice'],
			['woord', 'string'],
			['toelichting', 'text']
		]);
		expect(content.scale.points).toBe(10);
		const en = renderItems(content, 'adult', 'en', 'plan');
		expect(en[4]).toMatchObject({
			text: 'Where do you notice it most?',
			answer: {
				type: 'choice',
				options: [
					{ code: 'school', label: 'School' },
					{ code: 'werk', label: 'Work' },
					{ code: 'thuis', label: 'Home' }
				]
			}
		});
		expect(en[5]).toMatchObject({ text: 'One word for today?', answer: { type: 'string', maxLength: 200 } });
		expect(renderItems(content, 'adult', 'nl', 'plan')[6]).toMatchObject({
			text: 'Wat kan beter?',
			answer: { type: 'text', maxLength: 2000 },
			condition: { enableWhen: { conditions: [{ question: 'algemeen', operator: '<=', value: 50 }] } }
		});
	});

	it('accepts an instrument of answers in words only, for trajectory moments', () => {
		const content = imported(onlyWords());
		expect(content.items.map((item) => item.answer?.type)).toEqual(['choice', 'text']);
		expect(content.fhir?.answer).toBeUndefined();
	});

	it('still refuses a choice where only some options have an ordinal value', () => {
		const text = srsWith((q) => {
			const mixed = choiceItem('mix', 'Mix?', 'Mix?');
			delete (mixed.answerOption![0] as { extension?: unknown }).extension;
			q.item.push(mixed);
		});
		const result = importQuestionnaire(text, licensed);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems).toContainEqual({ code: 'no_ordinal', item: 'mix' });
	});
});

describe('importing Questionnaires written for this', () => {
	it('SRS-like: four items on a 0–10 line with its end words, in Dutch and English', () => {
		const content = imported(srsLike());
		expect(content.items.map((item) => item.key)).toEqual(['relatie', 'doelen', 'aanpak', 'algemeen']);
		expect(renderScale(content, 'nl')).toMatchObject({ min: 'slecht', max: 'goed', points: 10 });
		expect(renderScale(content, 'en')).toMatchObject({ min: 'poor', max: 'good', points: 10 });
		expect(renderItems(content, 'adult', 'en', 'plan')[0]).toMatchObject({ text: 'Did I feel heard and understood?' });
		expect(content.name).toEqual({ nl: 'Sessievragen', en: 'Session questions' });
		expect(content.fhir).toMatchObject({
			url: 'https://example.org/fhir/Questionnaire/srs-like',
			version: '1.0',
			answer: { type: 'decimal', min: 0, max: 10 }
		});
	});

	it('WAV-12-like: twelve statements in two groups become twelve items on a 5-point line (4 steps)', () => {
		const content = imported(wavLike());
		expect(content.items).toHaveLength(12);
		expect(content.items[6]!.key).toBe('wav7');
		expect(renderScale(content, 'nl')).toMatchObject({ min: 'Helemaal oneens', max: 'Helemaal eens', points: 4 });
		expect(renderScale(content, 'en')).toMatchObject({ min: 'Strongly disagree', max: 'Strongly agree' });
	});

	it('choice answers sit on the line by rank and go back out as the option chosen', () => {
		const { fhir } = imported(wavLike());
		expect([0, 25, 50, 75, 100].map((stored) => storedToAnswer(stored, fhir!.answer!))).toEqual(
			['1', '2', '3', '4', '5'].map((code) => ({
				valueCoding: expect.objectContaining({ code, system: 'https://example.org/fhir/CodeSystem/agreement' })
			}))
		);
	});

	it('an integer range maps its ends to 0 and 100 and back', () => {
		const questionnaire = withEnableWhen();
		questionnaire.item.pop();
		const { fhir, scale } = imported(questionnaire);
		expect(scale.points).toBe(4);
		expect(storedToAnswer(0, fhir!.answer!)).toEqual({ valueInteger: 1 });
		expect(storedToAnswer(50, fhir!.answer!)).toEqual({ valueInteger: 3 });
		expect(storedToAnswer(100, fhir!.answer!)).toEqual({ valueInteger: 5 });
	});

	it('translations: an English Questionnaire gets its Dutch from the translation extension, and other languages are kept', () => {
		const questionnaire = withEnableWhen();
		questionnaire.item.pop();
		const content = imported(questionnaire);
		expect(content.name).toMatchObject({ nl: 'Even checken', en: 'Check-in' });
		expect(content.items[0]!.wording.adult).toEqual({
			en: 'How are you today?',
			nl: 'Hoe gaat het vandaag?',
			de: 'Wie geht es dir heute?'
		});
	});

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

/** A valid SRS-like Questionnaire changed in one way. */
function srsWith(change: (q: FixtureQuestionnaire & Record<string, unknown>) => void): string {
	const questionnaire = srsLike() as FixtureQuestionnaire & Record<string, unknown>;
	change(questionnaire);
	return questionnaireText(questionnaire);
}

/** The first item, loosely typed: the cases break it on purpose. */
function first(q: FixtureQuestionnaire): Record<string, unknown> {
	return q.item[0] as unknown as Record<string, unknown>;
}

const many = (n: number) => Array.from({ length: n }, (_, i) => lineItem(`q${i}`, `Vraag ${i}?`, `Question ${i}?`));

const MALFORMED: [string, string, Partial<ImportProblem>][] = [
	['not JSON at all', 'this is not json', { code: 'not_json' }],
	['JSON cut off', '{"resourceType": "Questionnaire", "item": [', { code: 'not_json' }],
	['a JSON array', '[]', { code: 'not_questionnaire' }],
	['JSON null', 'null', { code: 'not_questionnaire' }],
	['another resource type', JSON.stringify({ resourceType: 'Patient' }), { code: 'not_questionnaire' }],
	['larger than 1 MB', srsWith((q) => void (q.description = 'x'.repeat(1024 * 1024))), { code: 'too_large' }],
	['more than 200 items', srsWith((q) => void (q.item = many(201))), { code: 'too_many_items' }],
	['no status (R4 requires it)', srsWith((q) => void delete q.status), { code: 'schema' }],
	['an unknown status', srsWith((q) => void (q.status = 'published')), { code: 'schema' }],
	['an unknown element', srsWith((q) => void (q.colour = 'blue')), { code: 'schema' }],
	['an item without linkId', srsWith((q) => void delete first(q).linkId), { code: 'schema' }],
	['an unknown item type', srsWith((q) => void (first(q).type = 'slider')), { code: 'schema' }],
	['text that is not a string', srsWith((q) => void (first(q).text = 42)), { code: 'schema' }],
	['a date that is not a date', srsWith((q) => void (q.date = 'yesterday')), { code: 'schema' }],
	['duplicate linkIds (que-2)', srsWith((q) => void (q.item[1]!.linkId = 'relatie')), { code: 'invariant', detail: 'que-2' }],
	[
		'an empty group (que-1)',
		srsWith((q) => void q.item.push({ linkId: 'leeg', type: 'group', text: 'Leeg' })),
		{ code: 'invariant', detail: 'que-1', item: 'leeg' }
	],
	[
		'a required display item (que-6)',
		srsWith((q) => void q.item.push({ linkId: 'uitleg', type: 'display', text: 'Uitleg', required: true })),
		{ code: 'invariant', detail: 'que-6', item: 'uitleg' }
	],
	[
		'options and a value set at once (que-4)',
		srsWith((q) => void (q.item[0] = { ...choiceItem('relatie', 'Vraag?', 'Q?'), answerValueSet: 'http://x.org/vs' })),
		{ code: 'invariant', detail: 'que-4', item: 'relatie' }
	],
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
	['no title and no name', srsWith((q) => void (delete q.title, delete q._title, delete q.name)), { code: 'missing_title' }],
	['copyright without the licence confirmed', 'licence', { code: 'licence_unconfirmed' }],
	['a script in a question', srsWith((q) => void (first(q).text = '<script>alert(1)</script>')), { code: 'markup', item: 'relatie' }],
	[
		'HTML in a translation',
		srsWith(
			(q) =>
				void (first(q)._text = {
					extension: [
						{
							url: 'http://hl7.org/fhir/StructureDefinition/translation',
							extension: [
								{ url: 'lang', valueCode: 'en' },
								{ url: 'content', valueString: 'Did <b>I</b> feel heard?' }
							]
						}
					]
				})
		),
		{ code: 'markup', item: 'relatie' }
	],
	['a javascript: link in the title', srsWith((q) => void (q.title = 'javascript:alert(1)')), { code: 'markup' }],
	[
		'the rendering-xhtml extension',
		srsWith(
			(q) =>
				void (first(q)._text = {
					extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/rendering-xhtml', valueString: '<div>Vraag</div>' }]
				})
		),
		{ code: 'markup', item: 'relatie' }
	],
	['a linkId Tweespraak cannot keep as an item key', srsWith((q) => void (first(q).linkId = '1 / a')), { code: 'link_id', item: '1 / a' }],
	[
		'a question without text',
		srsWith((q) => void (delete first(q).text, delete first(q)._text)),
		{ code: 'missing_text', item: 'relatie' }
	],
	[
		'a nominal choice with one option',
		srsWith((q) => {
			const plek = nominalItem('plek', 'Waar?', 'Where?');
			plek.answerOption = plek.answerOption!.slice(0, 1);
			q.item.push(plek);
		}),
		{ code: 'options_count', item: 'plek' }
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
	],
	[
		'a display text between the questions',
		srsWith((q) => void q.item.push({ linkId: 'uitleg', type: 'display', text: 'Lees dit eerst.' })),
		{ code: 'display_text', item: 'uitleg' }
	],
	[
		'a boolean item',
		srsWith((q) => void q.item.push({ linkId: 'ja', type: 'boolean', text: 'Ja?' })),
		{ code: 'unsupported_type', item: 'ja', detail: 'boolean' }
	],
	[
		'a date item',
		srsWith((q) => void q.item.push({ linkId: 'wanneer', type: 'date', text: 'Wanneer?' })),
		{ code: 'unsupported_type', item: 'wanneer', detail: 'date' }
	],
	[
		'an open-choice item',
		srsWith((q) => void (q.item[0] = { ...choiceItem('relatie', 'Vraag?', 'Q?'), type: 'open-choice' })),
		{ code: 'unsupported_type', item: 'relatie' }
	],
	['a repeating question', srsWith((q) => void (first(q).repeats = true)), { code: 'repeats', item: 'relatie' }],
	[
		'a choice from a value set',
		srsWith((q) => void (q.item = [{ linkId: 'keuze', type: 'choice', text: 'Keuze?', answerValueSet: 'http://x.org/vs' }])),
		{ code: 'value_set', item: 'keuze' }
	],
	[
		'a choice where only some options have an ordinal value (neither a line nor a nominal choice)',
		srsWith(
			(q) =>
				void (q.item = [
					{
						...choiceItem('keuze', 'Keuze?', 'Choice?'),
						answerOption: [
							{ valueCoding: { code: 'a' }, extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 1 }] },
							{ valueCoding: { code: 'b' } }
						]
					}
				])
		),
		{ code: 'no_ordinal', item: 'keuze' }
	],
	[
		'choice options as strings',
		srsWith(
			(q) =>
				void (q.item = [{ ...choiceItem('keuze', 'Keuze?', 'Choice?'), answerOption: [{ valueString: 'ja' }, { valueString: 'nee' }] }])
		),
		{ code: 'no_ordinal', item: 'keuze' }
	],
	[
		'one option only',
		srsWith(
			(q) =>
				void (q.item = [{ ...choiceItem('keuze', 'Keuze?', 'Choice?'), answerOption: choiceItem('x', 'x', 'x').answerOption!.slice(0, 1) }])
		),
		{ code: 'options_count', item: 'keuze' }
	],
	[
		'two options with the same ordinal value',
		srsWith(
			(q) =>
				void (q.item = [
					{
						...choiceItem('keuze', 'Keuze?', 'Choice?'),
						answerOption: [
							...choiceItem('x', 'x', 'x').answerOption!.slice(0, 2),
							...choiceItem('x', 'x', 'x')
								.answerOption!.slice(0, 1)
								.map((o) => ({ ...o, valueCoding: { code: 'z' } }))
						]
					}
				])
		),
		{ code: 'ordinal_duplicate', item: 'keuze' }
	],
	['a number without min and max', srsWith((q) => void (first(q).extension = [])), { code: 'no_range', item: 'relatie' }],
	[
		'a number whose max is below its min',
		srsWith(
			(q) =>
				void (first(q).extension = [
					{ url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueDecimal: 10 },
					{ url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueDecimal: 0 }
				])
		),
		{ code: 'no_range', item: 'relatie' }
	],
	[
		'an integer from 0 to 100 (too many steps for the line)',
		srsWith(
			(q) =>
				void (q.item = [
					{
						linkId: 'cijfer',
						type: 'integer',
						text: 'Cijfer?',
						extension: [
							{ url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0 },
							{ url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 100 }
						]
					}
				])
		),
		{ code: 'range_too_wide', item: 'cijfer' }
	],
	[
		'items on different scales',
		srsWith((q) => void q.item.push(choiceItem('anders', 'Anders?', 'Other?'))),
		{ code: 'scales_differ', item: 'anders' }
	],
	['no items at all (no numeric scale)', srsWith((q) => void (q.item = [])), { code: 'no_scale' }],
	[
		'only groups of display text',
		srsWith((q) => void (q.item = [{ linkId: 'g', type: 'group', item: [{ linkId: 'd', type: 'display', text: 'Hallo' }] }])),
		{ code: 'display_text', item: 'd' }
	],
	[
		'a modifier extension',
		srsWith((q) => void (q.modifierExtension = [{ url: 'http://x.org/must-understand', valueBoolean: true }])),
		{ code: 'modifier_extension' }
	]
];

describe('a malformed or unsupported Questionnaire is refused with the item and the reason', () => {
	it.each(MALFORMED)('%s', (_name, text, expected) => {
		const source = text === 'licence' ? questionnaireText(srsLike()) : text;
		const result = importQuestionnaire(source, { licenceConfirmed: text !== 'licence' });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toContainEqual(expect.objectContaining(expected));
	});

	it('lists every problem at once, so the admin can fix them in one go', () => {
		const text = srsWith((q) => {
			q.item.push({ linkId: 'ja', type: 'boolean', text: 'Ja?' });
			q.item.push({ linkId: 'uitleg', type: 'display', text: 'Lees dit.' });
		});
		const result = importQuestionnaire(text, licensed);
		expect(result).toEqual({
			ok: false,
			problems: [
				{ code: 'unsupported_type', item: 'ja', detail: 'boolean' },
				{ code: 'display_text', item: 'uitleg' }
			]
		});
	});
});
