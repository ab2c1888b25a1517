import { describe, expect, it } from 'vitest';
import { expectRefused, first, licensed, srsWith } from '../../testing/fhir-import.ts';
import { choiceItem, nominalItem } from '../../testing/fhir-questionnaires.ts';
import { importQuestionnaire, type ImportProblem } from './fhir.import.ts';

const UNSUPPORTED_ITEMS: [string, string, Partial<ImportProblem>][] = [
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
	]
];

describe('a question Tweespraak cannot ask is refused with the item and the reason', () => {
	it.each(UNSUPPORTED_ITEMS)('%s', (_name, text, expected) => expectRefused(text, expected));

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
