/**
 * FHIR R4 Questionnaires written for the import tests (issue 14): like the ones organisations
 * bring, without their licensed texts. Each call returns a fresh copy to change.
 */

type Json = Record<string, unknown>;
export interface FixtureItem extends Json {
	linkId: string;
	type: string;
	text?: string;
	item?: FixtureItem[];
	answerOption?: Json[];
}
export interface FixtureQuestionnaire extends Json {
	resourceType: 'Questionnaire';
	item: FixtureItem[];
}

const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';

export function translated(lang: string, content: string): Json {
	return {
		extension: [
			{
				url: TRANSLATION,
				extension: [
					{ url: 'lang', valueCode: lang },
					{ url: 'content', valueString: content }
				]
			}
		]
	};
}

function end(linkId: string, code: 'lower' | 'upper', nl: string, en: string): FixtureItem {
	return {
		linkId: `${linkId}.${code}`,
		type: 'display',
		text: nl,
		_text: translated('en', en),
		extension: [
			{
				url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
				valueCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/questionnaire-item-control', code }] }
			}
		]
	};
}

export function lineItem(linkId: string, nl: string, en: string): FixtureItem {
	return {
		linkId,
		type: 'decimal',
		text: nl,
		_text: translated('en', en),
		required: true,
		extension: [
			{ url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueDecimal: 0 },
			{ url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueDecimal: 10 }
		],
		item: [end(linkId, 'lower', 'slecht', 'poor'), end(linkId, 'upper', 'goed', 'good')]
	};
}

/** Like the Session Rating Scale: four items on a 0–10 line, licensed (copyright set). */
export function srsLike(): FixtureQuestionnaire {
	return {
		resourceType: 'Questionnaire',
		url: 'https://example.org/fhir/Questionnaire/srs-like',
		version: '1.0',
		name: 'SrsLike',
		title: 'Sessievragen',
		_title: translated('en', 'Session questions'),
		language: 'nl',
		status: 'active',
		copyright: '© Example Publisher. Use under licence only.',
		item: [
			lineItem('relatie', 'Voelde ik me gehoord en begrepen?', 'Did I feel heard and understood?'),
			lineItem('doelen', 'Spraken we over wat ik wilde?', 'Did we talk about what I wanted?'),
			lineItem('aanpak', 'Paste de aanpak bij mij?', 'Did the approach suit me?'),
			lineItem('algemeen', 'Hoe was het gesprek in het geheel?', 'How was the session overall?')
		]
	};
}

const AGREEMENT = [
	['1', 'Helemaal oneens', 'Strongly disagree'],
	['2', 'Oneens', 'Disagree'],
	['3', 'Neutraal', 'Neutral'],
	['4', 'Eens', 'Agree'],
	['5', 'Helemaal eens', 'Strongly agree']
] as const;

export function choiceItem(linkId: string, nl: string, en: string): FixtureItem {
	return {
		linkId,
		type: 'choice',
		text: nl,
		_text: translated('en', en),
		answerOption: AGREEMENT.map(([code, displayNl, displayEn]) => ({
			valueCoding: {
				system: 'https://example.org/fhir/CodeSystem/agreement',
				code,
				display: displayNl,
				_display: translated('en', displayEn)
			},
			extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: Number(code) }]
		}))
	};
}

const WAV_STATEMENTS: [string, string][] = [
	['We werken aan doelen waar ik het mee eens ben.', 'We work on goals I agree with.'],
	['Ik voel me gewaardeerd.', 'I feel appreciated.'],
	['We vertrouwen elkaar.', 'We trust each other.'],
	['We zijn het eens over wat belangrijk is.', 'We agree on what matters.'],
	['Wat we doen helpt mij verder.', 'What we do helps me.'],
	['Ik begrijp wat we samen doen.', 'I understand what we do together.'],
	['Ik weet wat mij te doen staat.', 'I know what I have to do.'],
	['De ander geeft echt om mij.', 'The other person really cares about me.'],
	['We werken samen aan mijn doelen.', 'We work on my goals together.'],
	['Ik ben er zeker van dat dit werkt.', 'I am sure this works.'],
	['We hebben dezelfde ideeën over mijn problemen.', 'We see my problems the same way.'],
	['We respecteren elkaar.', 'We respect each other.']
];

/** Like the WAV-12 (working alliance): 12 statements on a 5-point scale, in two groups. */
export function wavLike(): FixtureQuestionnaire {
	const items = WAV_STATEMENTS.map(([nl, en], i) => choiceItem(`wav${i + 1}`, nl, en));
	return {
		resourceType: 'Questionnaire',
		url: 'https://example.org/fhir/Questionnaire/wav-like',
		version: '2024',
		title: 'Werkrelatie',
		_title: translated('en', 'Working relationship'),
		language: 'nl',
		status: 'active',
		item: [
			{ linkId: 'deel1', type: 'group', text: 'Deel 1', item: items.slice(0, 6) },
			{ linkId: 'deel2', type: 'group', text: 'Deel 2', item: items.slice(6) }
		]
	};
}

/** English first, with Dutch and German translations, and a follow-up item shown only when needed. */
export function withEnableWhen(): FixtureQuestionnaire {
	const score = (linkId: string, en: string, nl: string, de: string): FixtureItem => ({
		linkId,
		type: 'integer',
		text: en,
		_text: { extension: [...(translated('nl', nl).extension as Json[]), ...(translated('de', de).extension as Json[])] },
		extension: [
			{ url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 1 },
			{ url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 5 }
		]
	});
	return {
		resourceType: 'Questionnaire',
		url: 'https://example.org/fhir/Questionnaire/follow-up',
		title: 'Check-in',
		_title: translated('nl', 'Even checken'),
		language: 'en',
		status: 'draft',
		item: [
			score('mood', 'How are you today?', 'Hoe gaat het vandaag?', 'Wie geht es dir heute?'),
			score('team', 'How is our teamwork?', 'Hoe werken we samen?', 'Wie arbeiten wir zusammen?'),
			{
				...score('worry', 'How big is your worry?', 'Hoe groot is je zorg?', 'Wie groß ist deine Sorge?'),
				enableWhen: [{ question: 'mood', operator: '<=', answerInteger: 2 }]
			}
		]
	};
}

/** A choice whose options have no ordinal value: a nominal choice (issue 14). */
export function nominalItem(linkId: string, nl: string, en: string): FixtureItem {
	return {
		linkId,
		type: 'choice',
		text: nl,
		_text: translated('en', en),
		answerOption: [
			['school', 'School', 'School'],
			['werk', 'Werk', 'Work'],
			['thuis', 'Thuis', 'Home']
		].map(([code, displayNl, displayEn]) => ({
			valueCoding: { system: 'https://example.org/fhir/CodeSystem/place', code, display: displayNl, _display: translated('en', displayEn!) }
		}))
	};
}

/** A free-text item (`string` one line, `text` more lines) with its English text. */
export function textItem(linkId: string, type: 'string' | 'text', nl: string, en: string): FixtureItem {
	return { linkId, type, text: nl, _text: translated('en', en) };
}

/**
 * SRS-like with, after the line, a nominal choice, a one-line and a multi-line open question
 * (issue 14); the multi-line one only when the overall score is 5 or lower (enableWhen).
 */
export function withWords(): FixtureQuestionnaire {
	const questionnaire = srsLike();
	questionnaire.url = 'https://example.org/fhir/Questionnaire/with-words';
	questionnaire.name = 'WithWords';
	questionnaire.item.push(
		nominalItem('plek', 'Waar merk je het meest?', 'Where do you notice it most?'),
		textItem('woord', 'string', 'Eén woord voor vandaag?', 'One word for today?'),
		{
			...textItem('toelichting', 'text', 'Wat kan beter?', 'What could be better?'),
			enableWhen: [{ question: 'algemeen', operator: '<=', answerDecimal: 5 }]
		}
	);
	return questionnaire;
}

/** The SRS-like line with two questions in words both parties answer in a quick check (no condition): a choice and free text. */
export function quickCheckWithWords(): FixtureQuestionnaire {
	const questionnaire = srsLike();
	questionnaire.url = 'https://example.org/fhir/Questionnaire/quick-check-words';
	questionnaire.name = 'QuickCheckWords';
	questionnaire.title = 'Samenwerking in woorden';
	questionnaire._title = translated('en', 'Working together in words');
	questionnaire.item.push(
		nominalItem('plek', 'Waar merk je het meest?', 'Where do you notice it most?'),
		textItem('toelichting', 'text', 'Wat wil je nog zeggen?', 'What else would you like to say?')
	);
	return questionnaire;
}

/** Only answers in words: a nominal choice and an open question, no line at all. */
export function onlyWords(): FixtureQuestionnaire {
	return {
		resourceType: 'Questionnaire',
		url: 'https://example.org/fhir/Questionnaire/only-words',
		version: '2.0',
		name: 'OnlyWords',
		title: 'Terugblik',
		_title: translated('en', 'Looking back'),
		language: 'nl',
		status: 'active',
		item: [
			nominalItem('plek', 'Waar merk je het meest?', 'Where do you notice it most?'),
			textItem('geleerd', 'text', 'Wat heb je geleerd?', 'What did you learn?')
		]
	};
}

export function questionnaireText(questionnaire: FixtureQuestionnaire): string {
	return JSON.stringify(questionnaire);
}
