/**
 * The learning conversation's pages have many small forms (one per party, topic or card). Each
 * form posts a hidden `formId`; a refused post comes back with the values it sent, so only the
 * form that was sent shows its field messages again, and after a save the page names the form
 * that was saved (?saved=formId). Pure, for the staff page and the participant page alike.
 */
export interface FormFeedback {
	/** Field errors of a refused post (message keys). */
	errors: Record<string, string>;
	/** The values a refused post sent, with its formId. */
	sent: Record<string, string>;
	/** The formId of the form saved last, from ?saved=. */
	saved: string | null;
}

export const NO_FEEDBACK: FormFeedback = { errors: {}, sent: {}, saved: null };

export interface FormState {
	errors: Record<string, string>;
	/** What the form sent, when it was this form that was refused; else null (show the stored values). */
	sent: Record<string, string> | null;
	saved: boolean;
}

export function formState(feedback: FormFeedback, formId: string): FormState {
	const mine = feedback.sent.formId === formId;
	return { errors: mine ? feedback.errors : {}, sent: mine ? feedback.sent : null, saved: feedback.saved === formId };
}

/** Ids that fit in a URL and an HTML id: the kind of form, and the ids it is about. */
export function formIdOf(kind: string, ...ids: (string | null | undefined)[]): string {
	return [kind, ...ids.filter((id): id is string => Boolean(id))].join('-');
}

/** Reads ?saved= as the page got it: only ids this page could have made. */
export function readSaved(value: string | null): string | null {
	return value && /^[\w-]{1,200}$/.test(value) ? value : null;
}
