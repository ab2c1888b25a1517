import { beforeAll, describe, expect, it } from 'vitest';
import { samenSterkerV1 } from '../samen-sterker-v1.ts';
import { sessionFeedbackV1 } from '../session-feedback-v1.ts';
import { instrumentToQuestionnaire, toQuestionnaireResponse } from './fhir.export.ts';
import { importQuestionnaire } from './fhir.import.ts';
import { schemaErrors } from './fhir.schema-validation.ts';
import { onlyWords, questionnaireText, wavLike, withEnableWhen, withWords } from '../../testing/fhir-questionnaires.ts';

const builtIns = [samenSterkerV1, sessionFeedbackV1];

// The complete R4 schema (every resource type) takes seconds to compile, once per file.
beforeAll(() => void schemaErrors('Questionnaire', { resourceType: 'Questionnaire', status: 'draft' }, 'complete'), 60_000);

describe('a built-in instrument exported as a Questionnaire', () => {
	for (const builtIn of builtIns) {
		const questionnaire = instrumentToQuestionnaire({ ...builtIn, publishedAt: '2026-01-01T00:00:00.000Z' });

		it(`${builtIn.key}: is valid FHIR R4`, () => {
			expect(schemaErrors('Questionnaire', questionnaire, 'complete')).toEqual([]);
		});

		it(`${builtIn.key}: imports again with the same items, words, pictograms, line, smileys and plan terms`, () => {
			const result = importQuestionnaire(JSON.stringify(questionnaire), { licenceConfirmed: false });
			expect(result).toMatchObject({ ok: true });
			if (!result.ok) return;
			const { fhir, ...content } = result.content;
			expect(content).toEqual({ ...builtIn.content, scale: { ...builtIn.content.scale, points: 10 } });
			expect(fhir).toMatchObject({ url: `https://tweespraak.nl/fhir/Questionnaire/${builtIn.key}`, version: '1' });
		});
	}
});

describe('an instrument with conditional questions (enableWhen) exported and imported again', () => {
	const imported = (text: string) => {
		const result = importQuestionnaire(text, { licenceConfirmed: false });
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		return result.content;
	};

	it('keeps its conditions: integer answers, codings and exists, with enableBehavior; the export is valid R4', () => {
		const wav = wavLike();
		const follow = wav.item[1]!.item![0]! as Record<string, unknown>;
		follow.enableWhen = [
			{ question: 'wav1', operator: '>', answerCoding: { system: 'https://example.org/fhir/CodeSystem/agreement', code: '3' } },
			{ question: 'wav2', operator: 'exists', answerBoolean: true }
		];
		follow.enableBehavior = 'any';
		for (const content of [imported(questionnaireText(withEnableWhen())), imported(questionnaireText(wav))]) {
			expect(content.items.filter((item) => item.enableWhen)).toHaveLength(1);
			const questionnaire = instrumentToQuestionnaire({ key: 'k', version: 1, publishedAt: '2026-01-01T00:00:00.000Z', content });
			expect(schemaErrors('Questionnaire', questionnaire, 'complete')).toEqual([]);
			const again = imported(JSON.stringify(questionnaire));
			expect(again.items.map((item) => item.enableWhen)).toEqual(content.items.map((item) => item.enableWhen));
		}
	});
});

describe('an instrument with answers in words (issue 14) exported and imported again', () => {
	const imported = (text: string) => {
		const result = importQuestionnaire(text, { licenceConfirmed: true });
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		return result.content;
	};

	for (const [name, fixture] of [
		['beside the line', withWords],
		['without a line', onlyWords]
	] as const) {
		it(`${name}: the export is valid R4 and imports again as the same instrument`, () => {
			const content = imported(questionnaireText(fixture()));
			const questionnaire = instrumentToQuestionnaire({ key: 'k', version: 1, publishedAt: '2026-01-01T00:00:00.000Z', content });
			expect(schemaErrors('Questionnaire', questionnaire, 'complete')).toEqual([]);
			const items = questionnaire.item as { linkId: string; type: string; answerOption?: { extension?: unknown }[] }[];
			const plek = items.find((item) => item.linkId === 'plek')!;
			expect(plek.type).toBe('choice');
			// A nominal choice goes out without ordinal values, so it comes back as one.
			expect(plek.answerOption!.every((option) => option.extension === undefined)).toBe(true);
			expect(imported(JSON.stringify(questionnaire))).toEqual(content);
		});
	}

	it('a QuestionnaireResponse gives free text as valueString and a nominal choice as valueCoding, valid R4', () => {
		const content = imported(questionnaireText(withWords()));
		const instrument = { key: 'k', version: 1, publishedAt: '2026-01-01T00:00:00.000Z', content };
		const response = toQuestionnaireResponse(
			{
				partyId: 'p1',
				role: 'professional',
				authored: '2026-02-01T10:00:00.000Z',
				instrument,
				values: [{ itemKey: 'algemeen', value: 40 }],
				texts: { woord: 'moe', plek: 'werk', toelichting: 'Meer tijd.\nMinder haast.' }
			},
			'participant 1'
		);
		expect(schemaErrors('QuestionnaireResponse', response, 'complete')).toEqual([]);
		expect(response.item).toEqual([
			{ linkId: 'algemeen', answer: [{ valueDecimal: 4 }] },
			{ linkId: 'plek', answer: [{ valueCoding: { system: 'https://example.org/fhir/CodeSystem/place', code: 'werk', display: 'Werk' } }] },
			{ linkId: 'woord', answer: [{ valueString: 'moe' }] },
			{ linkId: 'toelichting', answer: [{ valueString: 'Meer tijd.\nMinder haast.' }] }
		]);
	});
});
