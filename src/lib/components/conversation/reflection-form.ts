/**
 * The reflections form as the pages post it: one form for every item, so that saving never
 * loses what was typed in another item (without JavaScript a form post sends only its own
 * fields). Per item two fields, `<itemKey>.mostSatisfied` and `<itemKey>.leastSatisfied`; the
 * save button under each item sends `savedFrom` with its item key, so the page can confirm the
 * save where it was pressed. The engine (saveReflections) decides what is valid. Pure, for the
 * action and the page alike.
 */

export type ReflectionPart = 'mostSatisfied' | 'leastSatisfied';

const FIELD = /^([a-z][\w-]{0,63})\.(mostSatisfied|leastSatisfied)$/i;
const ITEM_KEY = /^[a-z][\w-]{0,63}$/i;
const MAX_ITEMS = 50;
/** Far above the engine's limit: a refused text still comes back whole, a huge post does not. */
const MAX_ECHO = 5000;

export function reflectionFieldName(itemKey: string, part: ReflectionPart): string {
	return `${itemKey}.${part}`;
}

export interface ReflectionForm {
	reflections: { itemKey: string; mostSatisfied: string; leastSatisfied: string }[];
	/** The item under whose save button the form was sent, or null. */
	savedFrom: string | null;
	/** Every text as posted, by field name: what the form shows again after a refusal. */
	values: Record<string, string>;
}

export function readReflectionForm(formData: FormData): ReflectionForm {
	const byItem = new Map<string, { itemKey: string; mostSatisfied: string; leastSatisfied: string }>();
	const values: Record<string, string> = {};
	for (const [name, raw] of formData) {
		const match = FIELD.exec(name);
		if (!match || typeof raw !== 'string') continue;
		const [, itemKey, part] = match as unknown as [string, string, ReflectionPart];
		let entry = byItem.get(itemKey);
		if (!entry) {
			if (byItem.size >= MAX_ITEMS) continue;
			entry = { itemKey, mostSatisfied: '', leastSatisfied: '' };
			byItem.set(itemKey, entry);
		}
		entry[part] = raw;
		values[name] = raw.slice(0, MAX_ECHO);
	}
	const savedFrom = formData.get('savedFrom');
	return {
		reflections: [...byItem.values()],
		savedFrom: typeof savedFrom === 'string' && ITEM_KEY.test(savedFrom) ? savedFrom : null,
		values
	};
}

/** The text a field shows: what was just sent (after a refusal), else what is stored. */
export function reflectionFieldValue(
	sent: Readonly<Record<string, string>> | null,
	itemKey: string,
	part: ReflectionPart,
	stored: string | null | undefined
): string {
	const name = reflectionFieldName(itemKey, part);
	return sent && Object.hasOwn(sent, name) ? sent[name]! : (stored ?? '');
}

/** The longest text per field; the engine's limit (NOTE_MAX_LENGTH), which the fields' maxlength shows. */
export const REFLECTION_MAX_LENGTH = 500;

/** A field's message after a refusal: a text longer than allowed is marked, so the writer sees which one. */
export function reflectionFieldError(sent: Readonly<Record<string, string>> | null, itemKey: string, part: ReflectionPart) {
	const text = sent?.[reflectionFieldName(itemKey, part)]?.trim() ?? '';
	return text.length > REFLECTION_MAX_LENGTH ? 'validation_too_long' : undefined;
}
