import { describe, expect, it } from 'vitest';
import { expectRefused, first, imported, srsWith } from '../../testing/fhir-import.ts';
import { choiceItem, lineItem, srsLike } from '../../testing/fhir-questionnaires.ts';
import type { ImportProblem } from './fhir.import.ts';

/** A Questionnaire whose `element` nests `depth` levels deep, written as text: JSON.stringify cannot go that deep. */
function nested(element: string, depth: number, open: string, leaf: string, close: string): string {
	return `{"resourceType":"Questionnaire","status":"active","title":"Diep","${element}":${open.repeat(depth)}${leaf}${close.repeat(depth)}}`;
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
	// Each deeper than the schema validator or a recursive reader can follow: a 500 before.
	[
		'extensions nested 1,000 deep',
		nested('extension', 1000, '[{"url":"http://x.org/e","extension":', '[{"url":"http://x.org/leaf","valueString":"x"}]', '}]'),
		{ code: 'too_deep' }
	],
	[
		'items nested 10,000 deep',
		nested('item', 10_000, '[{"linkId":"g","type":"group","item":', '[{"linkId":"d","type":"display","text":"x"}]', '}]'),
		{ code: 'too_deep' }
	],
	[
		'a title extension nested 20,000 deep (under 1 MB)',
		nested('_title', 20_000, '{"extension":[{"url":"u","extension":[', '{"url":"http://x.org/leaf","valueString":"x"}', ']}]}'),
		{ code: 'too_deep' }
	],
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
	[
		'a modifier extension',
		srsWith((q) => void (q.modifierExtension = [{ url: 'http://x.org/must-understand', valueBoolean: true }])),
		{ code: 'modifier_extension' }
	]
];

describe('a malformed or unsupported Questionnaire is refused with the reason', () => {
	it.each(MALFORMED)('%s', (_name, text, expected) => expectRefused(text, expected));
});

describe('texts in an imported file are cleaned as typed texts are', () => {
	it('a NUL, other control characters and a bidirectional override are taken out of every text; line breaks stay', () => {
		const content = imported({
			...srsLike(),
			title: 'Sessie\u0000vragen\u202E',
			item: [lineItem('relatie', '\u0000=HYPERLINK("http://evil","x")\u0007', 'Did I\u0000 feel heard?')]
		});
		expect(content.name.nl).toBe('Sessievragen');
		expect(content.items[0]!.label.nl).toBe('=HYPERLINK("http://evil","x")');
		expect(content.items[0]!.label.en).toBe('Did I feel heard?');
		expect(JSON.stringify(content)).not.toMatch(/\\u0000|\\u0007|\u202E/);
	});
});
