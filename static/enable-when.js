// Conditional questions (FHIR enableWhen, docs/decisions/019): a small progressive enhancement.
// Without JavaScript every question is shown with a note of when to answer it, and the server
// keeps only the answers to questions that are asked. With it, a question is hidden until its
// conditions hold on the answers before it. Hiding only sets `hidden`: a choice made in a hidden
// question stays chosen, so nothing is lost when it shows again (the server drops it if it stays
// hidden). The rules are the same as src/lib/enable-when.ts.
(() => {
	if (window.__tweespraakEnableWhen) return;
	window.__tweespraakEnableWhen = true;
	const SAME = 0.5;

	function holds(condition, answer) {
		if (condition.operator === 'exists') return (answer !== undefined) === (condition.exists !== false);
		if (answer === undefined || typeof condition.value !== 'number') return false;
		const same = Math.abs(answer - condition.value) < SAME;
		switch (condition.operator) {
			case '=':
				return same;
			case '!=':
				return !same;
			case '>':
				return !same && answer > condition.value;
			case '<':
				return !same && answer < condition.value;
			case '>=':
				return same || answer > condition.value;
			case '<=':
				return same || answer < condition.value;
			default:
				return true;
		}
	}

	function update(form) {
		const known = {};
		const fieldsets = form.querySelectorAll('fieldset[data-key]');
		for (let i = 0; i < fieldsets.length; i++) {
			const fieldset = fieldsets[i];
			const raw = fieldset.getAttribute('data-enable-when');
			let enabled = true;
			if (raw) {
				try {
					const rule = JSON.parse(raw);
					const results = rule.conditions.map((condition) => holds(condition, known[condition.question]));
					enabled = rule.behavior === 'any' ? results.some(Boolean) : results.every(Boolean);
				} catch {
					enabled = true;
				}
			}
			fieldset.hidden = !enabled;
			const checked = fieldset.querySelector('input[type="radio"]:checked');
			if (enabled && checked && /^\d{1,3}$/.test(checked.value)) known[fieldset.getAttribute('data-key')] = Number(checked.value);
		}
	}

	function formsWithConditions() {
		const forms = [];
		const all = document.querySelectorAll('form');
		for (let i = 0; i < all.length; i++) if (all[i].querySelector('fieldset[data-enable-when]')) forms.push(all[i]);
		return forms;
	}

	document.addEventListener('change', (event) => {
		const form = event.target instanceof Element ? event.target.closest('form') : null;
		if (form && form.querySelector('fieldset[data-enable-when]')) update(form);
	});
	for (const form of formsWithConditions()) update(form);
})();
