import { fail, redirect } from '@sveltejs/kit';
import type * as v from 'valibot';
import { TYPED_TEXT_FIELDS } from '../learning/learning.schemas.ts';
import { validateForm } from '../shared/validation.ts';
import { failFromError, failValidation } from './forms.ts';

/**
 * One form post of a learning conversation's page (staff or participant): validate with the
 * feature's schema, call one usecase, and on success answer 303 to the page again with
 * ?saved=<formId> (no re-post on reload, works without JavaScript). A refused post comes back
 * with its formId, so the page shows the messages at the form that was sent.
 */
export async function handleLearningForm<S extends v.GenericSchema>(input: {
	request: Request;
	schema: S;
	arrays?: readonly string[];
	call: (data: v.InferOutput<S>) => Promise<unknown>;
	/** The page to go back to, without query. */
	page: string;
	/** Where on the page to land when the form has no id of its own. */
	anchor?: string;
}) {
	const formData = await input.request.formData();
	const formId = readFormId(formData.get('formId'));
	const form = validateForm(input.schema, formData, input.arrays);
	if (!form.ok) {
		// A hidden field's message would show nowhere: the page says the form came incomplete.
		const incomplete = HIDDEN_FIELDS.some((field) => form.errors[field] === 'validation_required');
		return failValidation({ errors: form.errors, values: { ...form.values, formId } }, incomplete ? 'learning.form_incomplete' : undefined);
	}
	try {
		await input.call(form.data);
	} catch (caught) {
		const sent = stringsOf(form.data);
		const refused = failFromError(caught, { ...sent, formId });
		// The conversation moved on meanwhile (409): the form may no longer be on the page, so what
		// was typed comes back beside the message (UnsavedText.svelte), to copy and use elsewhere.
		const unsaved = Object.entries(sent)
			.filter(([name, text]) => TYPED_TEXT_FIELDS.has(name) && text.trim() !== '')
			.map(([, text]) => text);
		return refused.status === 409 && unsaved.length > 0 ? fail(409, { ...refused.data, unsaved }) : refused;
	}
	const saved = formId ? `?saved=${encodeURIComponent(formId)}` : '';
	redirect(303, `${input.page}${saved}#${input.anchor ?? (formId || 'main')}`);
}

/**
 * The fields the learning forms send as hidden inputs: whose record (partyId), which topic, card,
 * action or moment. The page always sends them; one missing means the post was cut short or made
 * by hand, and nothing on the page can show a message beside it.
 */
const HIDDEN_FIELDS = ['partyId', 'topicId', 'deckId', 'cardKey', 'actionId', 'momentId'] as const;

function readFormId(value: FormDataEntryValue | null): string {
	return typeof value === 'string' && /^[\w-]{1,200}$/.test(value) ? value : '';
}

/** The text values of what was sent, to show in the form again. */
function stringsOf(data: unknown): Record<string, string> {
	if (!data || typeof data !== 'object') return {};
	return Object.fromEntries(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
