/**
 * One form per page (issue 12, part 2; docs/decisions/004-live-updates.md, "Drafts").
 *
 * Without JavaScript a form post sends only its own form, and the page it lands on is new: text
 * typed in another form on the same page was lost. So a page where people write holds ONE form
 * element (PageForm.svelte), and every item's fields and buttons belong to it through the HTML
 * `form` attribute, grouped by item (FormGroup.svelte) — each group still looks and works like
 * its own form. Every post therefore carries every field of the page, in document order:
 *
 *     __group=sheet-1  a=…  b=…  __group=moment  note=…  __submit=moment
 *
 * The server (src/lib/server/http/page-form.ts) hands the action only the pressed button's group,
 * as if that group had been posted alone, and keeps the text typed elsewhere and not sent — the
 * fields whose value differs from what the page showed (`__orig:<name>`, a hash) — for the page
 * that follows the redirect, where each field shows it again, marked as not sent yet.
 *
 * Pure and shared by the components and the server.
 */

export const PAGE_FORM_ID = 'page-form';
/** The page the form is on: drafts wait only for a redirect back to it. */
export const PAGE_FIELD = '__page';
/** Starts a group: every field after it, up to the next, belongs to that group. */
export const GROUP_FIELD = '__group';
/** The pressed button: its group, and the name and value the button itself stands for. */
export const SUBMIT_FIELD = '__submit';
/** `__orig:<name>` holds the hash of the value the page showed in field `<name>` of its group. */
export const ORIGIN_PREFIX = '__orig:';

/**
 * `__row:<name>` holds the id of the stored row that field `<name>` of its group belongs to (a
 * question's key, a moment's or meeting's id; empty on a row for a new one). Rows are numbered
 * by their place (`q3Text`), and the rows of the next load may be others (a colleague added or
 * removed one): a draft of a row field comes back only on the row with the same id.
 */
export const ROW_PREFIX = '__row:';

/** A group key: what the item is, stable across page loads (`sheet-<topic>`, `moment`, `action-new`). */
export const GROUP_KEY = /^[\w-]{1,200}$/;
/** A row's id as a row field names it: an id or a question key, or empty for a new row. */
const ROW_ID = /^[\w-]{0,200}$/;

/**
 * The key of a draft: the group and the field name. For a field of a stored row (ROW_PREFIX) the
 * row's id instead of its number (`q3Text` of question qC: `template:q#Text@qC`), so that it is
 * found again on that row only, wherever the row is on the next load; a new row has no id yet and
 * keeps its place (`template:q5Text@`).
 */
export function draftKey(group: string, name: string, row?: string): string {
	if (row === undefined) return `${group}:${name}`;
	if (row === '') return `${group}:${name}@`;
	// The row's number is in the field's own name, after a choice's group (radioName: `item-7:q3Kind`).
	const own = name.lastIndexOf(':') + 1;
	return `${group}:${name.slice(0, own)}${name.slice(own).replace(/\d+/, '#')}@${row}`;
}

/**
 * The draft of field `name` of group `group`, shown on the row with id `row` (undefined: not a
 * row's field). Undefined when there is none, or when it was typed on another row than the one
 * this field shows now: it then comes back on that row, or, gone, is listed at the end of the page
 * (PageForm).
 */
export function draftFor(drafts: Readonly<Record<string, string>>, group: string, name: string, row?: string): string | undefined {
	const key = draftKey(group, name, row);
	return Object.hasOwn(drafts, key) ? drafts[key] : undefined;
}

/**
 * The name of a group's radio buttons in the page form. Radios of one form with one name are one
 * choice, so the review of each agreement needs its own `outcome`: `review-<id>:outcome`. The
 * action gets the plain name back. A dropdown (Select.svelte) is named so too: its draft is then a
 * choice (isChoiceDraft), a code that is not listed as text to copy where the dropdown is gone.
 */
export function radioName(group: string, name: string): string {
	return `${group}:${name}`;
}

/**
 * Whether a draft is a choice (a radio group's or a dropdown's, named by radioName:
 * `group:group:name`) rather than typed text. Its value is a code or a stored point ("75"), which
 * reads as nothing without the question and its scale: where its question is gone it is not
 * listed as text to copy.
 */
export function isChoiceDraft(key: string): boolean {
	const group = key.slice(0, key.indexOf(':'));
	return group !== '' && key.startsWith(radioName(group, radioName(group, '')));
}

/** Whether `drafts` hold text for group `key` (fields starting with `namePrefix`): what hides it opens. */
export function hasDraftIn(drafts: Readonly<Record<string, string>> | null | undefined, key: string, namePrefix = ''): boolean {
	const start = draftKey(key, namePrefix);
	return Object.keys(drafts ?? {}).some((id) => id.startsWith(start));
}

/** Browsers send a textarea's line breaks as CRLF; the page shows them as LF. */
export function normaliseText(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}

/** A short hash of a text (cyrb53), to tell a changed field from the value the page showed. */
export function textHash(text: string): string {
	const normalised = normaliseText(text);
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < normalised.length; i++) {
		const code = normalised.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The value of a group's submit button: the group, and the button's own name and value if it has them. */
export function submitValue(group: string, own?: { name: string; value: string }): string {
	return own ? `${group}?${new URLSearchParams([[own.name, own.value]])}` : group;
}

export interface PressedButton {
	group: string;
	own: [string, string] | null;
}

export function readSubmitValue(value: string): PressedButton | null {
	const [group = '', query] = splitOnce(value, '?');
	if (group !== '' && !GROUP_KEY.test(group)) return null;
	if (query === undefined) return { group, own: null };
	const own = [...new URLSearchParams(query)][0];
	return { group, own: own ?? null };
}

function splitOnce(value: string, separator: string): [string, string?] {
	const at = value.indexOf(separator);
	return at < 0 ? [value] : [value.slice(0, at), value.slice(at + 1)];
}

/** Limits on what is kept as drafts: far above every field's maxlength, far below the body limit. */
const MAX_DRAFT_LENGTH = 20_000;
const MAX_DRAFTS = 200;

export interface PageFormPost {
	/** The path of the page the post came from. */
	page: string | null;
	/** The group whose button was pressed; '' for the page's default button (Enter in a field). */
	group: string;
	/** That group's fields as the action reads them, with the button's own name and value. */
	fields: [string, string][];
	/** Text typed in the other groups and not sent: changed from what the page showed. */
	drafts: Record<string, string>;
}

/**
 * Splits a page form's post into the pressed group's fields and the other groups' drafts. Null
 * when the post is not a page form's (no `__submit`, or it names no valid group).
 */
export function splitPageFormPost(entries: Iterable<[string, string]>): PageFormPost | null {
	let pressed: PressedButton | null = null;
	let page: string | null = null;
	let current: string | null = null;
	const fields = new Map<string, [string, string][]>();
	const origins = new Map<string, string>();
	const rows = new Map<string, string>();
	for (const [name, value] of entries) {
		if (name === SUBMIT_FIELD) {
			pressed = readSubmitValue(value);
		} else if (name === PAGE_FIELD) {
			page = value.startsWith('/') ? value : null;
		} else if (name === GROUP_FIELD) {
			current = GROUP_KEY.test(value) ? value : null;
		} else if (current === null) {
			continue;
		} else if (name.startsWith(ORIGIN_PREFIX)) {
			origins.set(draftKey(current, name.slice(ORIGIN_PREFIX.length)), value);
		} else if (name.startsWith(ROW_PREFIX)) {
			rows.set(draftKey(current, name.slice(ROW_PREFIX.length)), value);
		} else {
			const list = fields.get(current) ?? [];
			list.push([name, value]);
			fields.set(current, list);
		}
	}
	if (!pressed) return null;
	const own = pressed.own ? [pressed.own] : [];
	const prefix = radioName(pressed.group, '');
	const unprefixed = (fields.get(pressed.group) ?? []).map(([name, value]): [string, string] => [
		name.startsWith(prefix) ? name.slice(prefix.length) : name,
		value
	]);
	const drafts: Record<string, string> = {};
	let count = 0;
	for (const [group, list] of fields) {
		if (group === pressed.group) continue;
		for (const [name, value] of list) {
			const key = draftKey(group, name);
			const origin = origins.get(key);
			if (origin === undefined || origin === textHash(value) || count >= MAX_DRAFTS) continue;
			const row = rows.get(key);
			// A row id that no page shows (a hand-made post) could not be placed: listed, not placed.
			const rowKey = row === undefined ? key : draftKey(group, name, ROW_ID.test(row) ? row : '?');
			drafts[rowKey] = normaliseText(value).slice(0, MAX_DRAFT_LENGTH);
			count++;
		}
	}
	return { page, group: pressed.group, fields: [...unprefixed, ...own], drafts };
}
