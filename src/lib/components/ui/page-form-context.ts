import { getContext, setContext } from 'svelte';
import { draftFor, draftKey, hasDraftIn, radioName } from '#lib/page-form.ts';

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

/**
 * Whether the page brings back text not sent in group `key` (fields starting with `namePrefix`):
 * a closed <details> around them opens, so nobody misses it. Call while the component starts.
 */
export function draftsShown(): (key: string, namePrefix?: string) => boolean {
	const page = getPageForm();
	return (key, namePrefix = '') => hasDraftIn(page?.drafts, key, namePrefix);
}
