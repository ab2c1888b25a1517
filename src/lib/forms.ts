/**
 * What a page's form action sent back after a refused post (see src/lib/server/http/forms.ts):
 * field errors as message keys, and a domain error code for the whole form.
 */
type ActionData = Record<string, unknown> | null | undefined;

export function fieldErrors(form: ActionData): Record<string, string> {
	return (form && 'errors' in form ? form.errors : {}) as Record<string, string>;
}

export function formErrorCode(form: ActionData): string | null {
	return form && 'formError' in form ? (form.formError as string) : null;
}
