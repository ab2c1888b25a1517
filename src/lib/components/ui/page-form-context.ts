import { getContext, setContext } from 'svelte';
import { draftFor, draftKey, hasDraftIn, ORIGIN_PREFIX, radioName } from '#lib/page-form.ts';

/**
 * What PageForm.svelte tells the groups and fields inside it (see src/lib/page-form.ts). Outside
 * a PageForm there is no context: a FormGroup is then an ordinary form and fields carry no
 * `form` attribute, so a component works on every page alike.
 */
export interface PageFormContext {
	/** The id of the page's one form element. */
	id: string;
	/** Text typed on this page and not sent, by draftKey; as the page was loaded. */
	drafts: Readonly<Record<string, string>>;
	/** Drafts a field took again; the rest is listed at the end of the page. */
	placed: Set<string>;
}

export interface FormGroupContext {
	/** The page form's id. */
	form: string;
	key: string;
	/** Where its buttons post: the group's action (`?/sheet`) or another address. */
	action: string;
	/**
	 * The draft of this group's field `name`, if there is one (and marks it as placed); for a field
	 * of a row, only one typed on the row with id `row` (draftFor).
	 */
	draft(name: string, row?: string): string | undefined;
}

const PAGE = Symbol('page-form');
const GROUP = Symbol('form-group');

export function setPageForm(context: PageFormContext): void {
	setContext(PAGE, context);
}

export function getPageForm(): PageFormContext | undefined {
	return getContext<PageFormContext | undefined>(PAGE);
}

export function setFormGroup(page: PageFormContext, key: string, action: string): FormGroupContext {
	const group: FormGroupContext = {
		form: page.id,
		key,
		action,
		draft(name, row) {
			const draft = draftFor(page.drafts, key, name, row);
			if (draft !== undefined) page.placed.add(draftKey(key, name, row));
			return draft;
		}
	};
	setContext(GROUP, group);
	return group;
}

export function getFormGroup(): FormGroupContext | undefined {
	return getContext<FormGroupContext | undefined>(GROUP);
}

/** The attributes that tie a control to the page form; none outside one. Spread them on raw inputs. */
export function controlAttributes(): { form?: string } {
	const group = getFormGroup();
	return group ? { form: group.form } : {};
}

/**
 * Names and form of radio buttons: inside a page form's group the name is the group's own (see
 * radioName). Call it while the component starts; use the function it gives in the markup.
 */
export function radioAttributes(): (name: string) => { name: string; form?: string } {
	const group = getFormGroup();
	return (name) => (group ? { name: radioName(group.key, name), form: group.form } : { name });
}

/**
 * A text field inside a page form's group: the form it belongs to, and the text typed in it on
 * the page before and not sent (its draft), which it shows instead of the server's value. A field
 * of a numbered row passes the row's id (`row`): a draft typed on another row is not shown here.
 */
export function textFieldDraft(name: string, keepsDrafts = true, row?: string): { form?: string; draft?: string } {
	const group = getFormGroup();
	if (!group) return {};
	return keepsDrafts ? { form: group.form, draft: group.draft(name, row) } : { form: group.form };
}

export interface ChoiceDraft {
	/** The page form the group's radios belong to; none outside one. */
	form?: string;
	/** The name the choice's control carries in the page form (radioName); none outside one: the plain name. */
	name?: string;
	/** The hidden field that sends a hash of the choice the page showed (ChoiceDraftNote.svelte). */
	originName?: string;
	/** The choice made here and not sent: a code, or a point as stored ("75"). */
	draft?: string;
}

/** What a radio group shows chosen: its draft where that differs from what the page shows (`shown`, '' for none), else that. */
export function chosenOf(choice: ChoiceDraft, shown: string): { chosen: string; unsent: boolean } {
	const unsent = choice.draft !== undefined && choice.draft !== shown;
	return { chosen: unsent ? choice.draft! : shown, unsent };
}

/**
 * A radio group or a dropdown inside a page form's group, as textFieldDraft is for a text field:
 * the choice made on the page before another button was pressed, and not sent, comes back (its
 * draft). The group sends the choice the page showed (a hash, at `originName`), so only a choice
 * the person changed counts as not sent. A dropdown of a numbered row passes the row's id (`row`),
 * as a text field does. Outside a page form: nothing. Call while the component starts.
 */
export function choiceFieldDraft(name: string, row?: string): ChoiceDraft {
	const group = getFormGroup();
	if (!group) return {};
	const full = radioName(group.key, name);
	return { form: group.form, name: full, originName: `${ORIGIN_PREFIX}${full}`, draft: group.draft(full, row) };
}

/**
 * What a dropdown shows chosen: its draft where that differs from the server's value and is
 * still one of its options, else the server's value.
 */
export function selectedOf(choice: ChoiceDraft, value: string, options: readonly { value: string }[]): { chosen: string; unsent: boolean } {
	const offered = options.some((option) => option.value === choice.draft);
	return offered ? chosenOf(choice, value) : { chosen: value, unsent: false };
}

/**
 * Whether the page brings back text not sent in group `key` (fields starting with `namePrefix`):
 * a closed <details> around them opens, so nobody misses it. Call while the component starts.
 */
export function draftsShown(): (key: string, namePrefix?: string) => boolean {
	const page = getPageForm();
	return (key, namePrefix = '') => hasDraftIn(page?.drafts, key, namePrefix);
}
