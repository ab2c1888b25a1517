// Conditional questions (FHIR enableWhen, docs/decisions/019): a small progressive enhancement,
// served as /enable-when.js (static-scripts.ts bundles this file with the rules it imports).
// Without JavaScript every question is shown with a note of when to answer it, and the server
// keeps only the answers to questions that are asked. With it, a question is hidden until its
// conditions hold on the answers before it: the same rules as the server's, since it is the same
// code (keepEnabledAnswers). Hiding only sets `hidden`: a choice made in a hidden question stays
// chosen, so nothing is lost when it shows again (the server drops it if it stays hidden).
import { keepEnabledAnswers, type EnableWhen } from '../lib/enable-when.ts';

const CONDITIONAL = 'fieldset[data-enable-when]';

/** A question's conditions as the page wrote them; one that cannot be read hides nothing. */
function readRule(fieldset: Element): EnableWhen | undefined {
	const raw = fieldset.getAttribute('data-enable-when');
	if (!raw) return undefined;
	try {
		const rule = JSON.parse(raw) as Partial<EnableWhen> | null;
		return Array.isArray(rule?.conditions) ? (rule as EnableWhen) : undefined;
	} catch {
		return undefined;
	}
}

/** Shows the questions of a form that are asked on the answers chosen so far, and hides the rest. */
function update(form: Element): void {
	const fieldsets = Array.from(form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-key]'));
	const items = fieldsets.map((fieldset) => ({ key: fieldset.getAttribute('data-key') ?? '', enableWhen: readRule(fieldset) }));
	const chosen: Record<string, number> = {};
	fieldsets.forEach((fieldset, i) => {
		const checked = fieldset.querySelector<HTMLInputElement>('input[type="radio"]:checked');
		if (checked && /^\d{1,3}$/.test(checked.value)) chosen[items[i]!.key] = Number(checked.value);
	});
	const asked = new Set(keepEnabledAnswers(items, chosen).asked);
	fieldsets.forEach((fieldset, i) => (fieldset.hidden = !asked.has(items[i]!.key)));
}

const page = window as { __tweespraakEnableWhen?: boolean };
if (!page.__tweespraakEnableWhen) {
	page.__tweespraakEnableWhen = true;
	document.addEventListener('change', (event) => {
		const form = event.target instanceof Element ? event.target.closest('form') : null;
		if (form?.querySelector(CONDITIONAL)) update(form);
	});
	for (const form of Array.from(document.querySelectorAll('form'))) if (form.querySelector(CONDITIONAL)) update(form);
}
