import { textHash } from '#lib/page-form.ts';

/**
 * The reflections form as the pages post it: one form for every item, so that saving never
 * loses what was typed in another item (without JavaScript a form post sends only its own
 * fields). Per item two fields, `<itemKey>.mostSatisfied` and `<itemKey>.leastSatisfied`; the
 * professional also notes what a client says in `note.<partyId>.<itemKey>.<part>` (seed 003: it
 * is spoken). Beside each field `base.<field>` holds a hash of the stored text the page was made
 * with: a field sent unchanged from it is left out, so it never overwrites what someone else
 * saved meanwhile (the professional's note, the client's own words). The save button under each
 * item sends `savedFrom` with its item key, so the page can confirm the save where it was
 * pressed. The engine (saveReflections) decides what is valid. Pure, for the action and the page alike.
 */

export type ReflectionPart = 'mostSatisfied' | 'leastSatisfied';

const FIELD = /^([a-z][\w-]{0,63})\.(mostSatisfied|leastSatisfied)$/i;
const NOTE_FIELD = /^note\.([\w-]{1,64})\.([a-z][\w-]{0,63})\.(mostSatisfied|leastSatisfied)$/i;
const BASE_PREFIX = 'base.';
const ITEM_KEY = /^[a-z][\w-]{0,63}$/i;
const MAX_ITEMS = 50;
/** Far above the engine's limit: a refused text still comes back whole, a huge post does not. */
const MAX_ECHO = 5000;

export function reflectionFieldName(itemKey: string, part: ReflectionPart): string {
	return `${itemKey}.${part}`;
}

/** The field in which the professional notes what client party `partyId` says. */
export function noteFieldName(partyId: string, itemKey: string, part: ReflectionPart): string {
	return `note.${partyId}.${itemKey}.${part}`;
}

/** The hidden field beside `fieldName` with the hash of the stored text the page shows. */
export function baseFieldName(fieldName: string): string {
	return `${BASE_PREFIX}${fieldName}`;
}

export function baseValue(stored: string | null | undefined): string {
	return textHash(stored ?? '');
}

type PostedReflection = { itemKey: string; mostSatisfied?: string; leastSatisfied?: string };

export interface ReflectionForm {
	/** Per item the texts the writer changed; a part sent as the page showed it is left out. */
	reflections: PostedReflection[];
	/** What the professional noted per client party and item, in the same way. */
	notes: (PostedReflection & { partyId: string })[];
	/** The item under whose save button the form was sent, or null. */
	savedFrom: string | null;
	/** Every text as posted, by field name: what the form shows again after a refusal. */
	values: Record<string, string>;
}

function matchField(name: string): { partyId: string | null; itemKey: string; part: ReflectionPart } | null {
	const own = FIELD.exec(name);
	if (own) return { partyId: null, itemKey: own[1]!, part: own[2] as ReflectionPart };
	const note = NOTE_FIELD.exec(name);
	return note ? { partyId: note[1]!, itemKey: note[2]!, part: note[3] as ReflectionPart } : null;
}

export function readReflectionForm(formData: FormData): ReflectionForm {
	const byItem = new Map<string, PostedReflection & { partyId: string | null }>();
	const values: Record<string, string> = {};
	for (const [name, raw] of formData) {
		const field = matchField(name);
		if (!field || typeof raw !== 'string') continue;
		const key = `${field.partyId ?? ''}|${field.itemKey}`;
		let entry = byItem.get(key);
		if (!entry) {
			if (byItem.size >= MAX_ITEMS) continue;
			entry = { partyId: field.partyId, itemKey: field.itemKey };
			byItem.set(key, entry);
		}
		values[name] = raw.slice(0, MAX_ECHO);
		const base = formData.get(baseFieldName(name));
		// Sent as the page showed it: not the writer's change, so what is stored stays.
		if (typeof base === 'string' && base === textHash(raw)) continue;
		entry[field.part] = raw;
	}
	const savedFrom = formData.get('savedFrom');
	const entries = [...byItem.values()];
	return {
		reflections: entries.filter((e) => e.partyId === null).map(({ partyId: _p, ...entry }) => entry),
		notes: entries.flatMap(({ partyId, ...entry }) => (partyId === null ? [] : [{ ...entry, partyId }])),
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
	return sentOrStored(sent, reflectionFieldName(itemKey, part), stored);
}

/** The text field `name` shows: what was just sent (after a refusal), else what is stored. */
export function sentOrStored(sent: Readonly<Record<string, string>> | null, name: string, stored: string | null | undefined): string {
	return sent && Object.hasOwn(sent, name) ? sent[name]! : (stored ?? '');
}

/** The longest text per field; the engine's limit (NOTE_MAX_LENGTH), which the fields' maxlength shows. */
export const REFLECTION_MAX_LENGTH = 500;

/** A field's message after a refusal: a text longer than allowed is marked, so the writer sees which one. */
export function reflectionFieldError(sent: Readonly<Record<string, string>> | null, itemKey: string, part: ReflectionPart) {
	return fieldError(sent, reflectionFieldName(itemKey, part));
}

export function fieldError(sent: Readonly<Record<string, string>> | null, name: string) {
	const text = sent?.[name]?.trim() ?? '';
	return text.length > REFLECTION_MAX_LENGTH ? 'validation_too_long' : undefined;
}
