import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locale } from '#lib/server/db/schema.ts';
import { renderItems, renderScale, WORDING_AUDIENCES } from './instruments.models.ts';
import { BUILT_IN_INSTRUMENTS, SESSION_FEEDBACK_INSTRUMENT_KEY } from './instruments.usecases.ts';
import { sessionFeedbackV1 } from './session-feedback-v1.ts';

const LOCALES: Locale[] = ['nl', 'en'];
const content = sessionFeedbackV1.content;

describe('session feedback v1 content', () => {
	it('is a built-in of the session feedback method under its own key', () => {
		expect(sessionFeedbackV1).toMatchObject({ key: SESSION_FEEDBACK_INSTRUMENT_KEY, version: 1, method: 'sessionFeedback' });
		expect(BUILT_IN_INSTRUMENTS).toContain(sessionFeedbackV1);
	});

	it('asks four things in order: relationship, goals and topics, approach, overall', () => {
		expect(content.items.map((item) => item.key)).toEqual(['relationship', 'goals', 'approach', 'overall']);
	});

	it('words every item as a short question for the adult, the child and the professional, in Dutch and English', () => {
		for (const item of content.items) {
			for (const audience of WORDING_AUDIENCES) {
				for (const locale of LOCALES) {
					const text = item.wording[audience][locale];
					expect(text.endsWith('?'), `${item.key} ${audience} ${locale}`).toBe(true);
					expect(text.split(/\s+/).length, `${item.key} ${audience} ${locale} (B1: short)`).toBeLessThanOrEqual(12);
				}
			}
			for (const locale of LOCALES) expect(item.label[locale].trim()).not.toBe('');
		}
	});

	it('has a lucide pictogram for every item and smiley', () => {
		for (const name of [...content.items.map((i) => i.pictogram), ...content.smileys.map((s) => s.pictogram)]) {
			expect(fs.existsSync(path.resolve('node_modules/@lucide/svelte/dist/icons', `${name}.js`)), name).toBe(true);
		}
	});

	it('gives children the five smileys of the quick check and adults a line from "niet goed" to "heel goed"', () => {
		expect(content.smileys.map((s) => s.value)).toEqual([0, 25, 50, 75, 100]);
		expect(renderScale(content, 'nl')).toMatchObject({ min: 'niet goed', max: 'heel goed' });
		expect(renderItems(content, 'child', 'en', 'plan')[3]).toMatchObject({ key: 'overall', text: 'How was it today?' });
	});

	it('contains no plan placeholder', () => {
		expect(JSON.stringify(content.items)).not.toContain('{plan}');
	});
});
