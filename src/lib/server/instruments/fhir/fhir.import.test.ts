import { describe, expect, it } from 'vitest';
import { imported } from '../../testing/fhir-import.ts';
import { srsLike, wavLike, withEnableWhen } from '../../testing/fhir-questionnaires.ts';
import { renderItems, renderScale } from '../instruments.models.ts';
import { storedToAnswer } from './fhir.models.ts';

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
});
