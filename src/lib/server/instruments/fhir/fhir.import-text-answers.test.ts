import { describe, expect, it } from 'vitest';
import { imported, licensed, srsWith } from '../../testing/fhir-import.ts';
import { choiceItem, onlyWords, withWords } from '../../testing/fhir-questionnaires.ts';
import { renderItems } from '../instruments.models.ts';
import { importQuestionnaire } from './fhir.import.ts';

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
