import { isActionFailure, type ActionFailure } from '@sveltejs/kit';
import { render } from 'svelte/server';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import UnsavedText from '#lib/components/ui/UnsavedText.svelte';
import * as schemas from '../learning/learning.schemas.ts';
import { entriesOf } from '../shared/validation.ts';
import { domainError } from '../shared/errors.ts';
import { handleLearningForm } from './learning-forms.ts';

const post = (fields: Record<string, string>) =>
	new Request('http://tweespraak.test/c', { method: 'POST', body: new URLSearchParams(fields) });

/** The refusal a form post answered with (failing the test when it answered otherwise). */
function failureOf(answer: unknown): ActionFailure<Record<string, unknown>> {
	expect(isActionFailure(answer)).toBe(true);
	return answer as ActionFailure<Record<string, unknown>>;
}

const ACTION = {
	formId: 'action-new',
	kind: 'change',
	what: 'Elke week samen koken',
	needed: '',
	who: 'both',
	whoOther: '',
	dueOn: '2026-12-20',
	successMeasure: 'We eten twee keer samen'
};

describe('a learning form refused because the conversation moved on keeps what was typed', () => {
	it('gives the typed texts back beside the 409 (not ids, choices or dates), so the page can show them when the form is gone', async () => {
		const answer = await handleLearningForm({
			request: post(ACTION),
			schema: schemas.actionSchema,
			page: '/c',
			call: () => Promise.reject(domainError('conversation.wrong_phase'))
		});
		expect(failureOf(answer).status).toBe(409);
		expect(failureOf(answer).data).toMatchObject({
			formError: 'conversation.wrong_phase',
			unsaved: ['Elke week samen koken', 'We eten twee keer samen']
		});
	});

	it('adds nothing to a refusal that is not about the conversation moving on', async () => {
		const answer = await handleLearningForm({
			request: post(ACTION),
			schema: schemas.actionSchema,
			page: '/c',
			call: () => Promise.reject(domainError('learning.no_actions'))
		});
		expect(failureOf(answer).status).toBe(409);
		const tooLong = await handleLearningForm({
			request: post(ACTION),
			schema: schemas.actionSchema,
			page: '/c',
			call: () => Promise.reject(domainError('conversation.text_too_long'))
		});
		expect('unsaved' in failureOf(tooLong).data).toBe(false);
	});

	it('knows every field of the learning forms that a person types into', () => {
		const typed: string[] = [];
		for (const schema of Object.values(schemas)) {
			if (typeof schema !== 'object' || schema === null || !('kind' in schema) || schema.kind !== 'schema') continue;
			for (const [name, entry] of Object.entries(entriesOf(schema as v.GenericSchema) ?? {})) {
				// A typed field takes any words, and refuses only a text that is too long.
				const words = v.safeParse(entry, 'Wij praten samen');
				const long = v.safeParse(entry, 'woord '.repeat(5000));
				if (words.success && !long.success && long.issues[0].message === 'validation_too_long') typed.push(name);
			}
		}
		expect(typed.length).toBeGreaterThan(5);
		expect(typed.filter((name) => !schemas.TYPED_TEXT_FIELDS.has(name))).toEqual([]);
	});

	it('shows the texts to copy, and nothing when there are none', () => {
		const { body } = render(UnsavedText, { props: { texts: ['Elke week samen koken'] } });
		expect(body).toContain('Dit is niet bewaard.');
		expect(body).toContain('Elke week samen koken');
		expect(render(UnsavedText, { props: { texts: [] } }).body).not.toContain('niet bewaard');
	});
});
