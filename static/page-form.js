// One form per page (src/lib/page-form.ts): every item's fields belong to the page's one form,
// whose first button keeps what was typed and sends nothing, so Enter in a field never presses
// another item's button. Where scripts run, Enter in a field presses its own item's button, as it
// would in a form of its own. PageForm.svelte does the same on pages with SvelteKit's client;
// whichever runs first handles the key.
(() => {
	document.addEventListener('keydown', function (event) {
		if (event.key !== 'Enter' || event.defaultPrevented || event.isComposing) return;
		if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
		const field = event.target;
		if (!(field instanceof HTMLInputElement) || field.type === 'submit' || field.type === 'button') return;
		if (!field.form || field.form.id !== 'page-form') return;
		const group = field.closest('form[data-group]');
		const button = group && group.querySelector('button[name="__submit"]');
		if (!button) return;
		event.preventDefault();
		button.click();
	});

	// Without a connection a post ends on the browser's own error page, in the browser's language,
	// and a phone's browser may not bring back what was typed. So nothing is sent: the page says
	// why, in its own language, and keeps every field as it is. Caught before any other script
	// (live-client.js stops following the conversation once a form is sent).
	const notice = () => document.getElementById('offline-notice');
	document.addEventListener(
		'submit',
		function (event) {
			if (navigator.onLine !== false) return;
			const shown = notice();
			if (!shown) return;
			event.preventDefault();
			event.stopPropagation();
			shown.hidden = false;
		},
		true
	);
	window.addEventListener('online', function () {
		const shown = notice();
		if (shown) shown.hidden = true;
	});

	// What a form holds and has not sent (text, ticks, the choice of radios or of a dropdown) is kept in
	// this tab's sessionStorage (this device only, gone when the tab closes or after an hour; never a
	// password, a file, a hidden field or a list of several choices):
	// - as it is sent: a connection that drops on the way ends on the browser's error page, and Back
	//   or reload may bring the page again empty. Dropped on the next page reached by a plain
	//   navigation, as the redirect after every accepted post is.
	// - on a participant's page also as it is typed or chosen (the page form's data-draft-scope: this
	//   device, on this screen or step), so a reload, or a phone that reloads the tab, keeps it. Dropped
	//   when it is sent, undone, or a page of another scope (the step moved on) is shown here.
	// A field gets it back only while the server has stored in it what it had when it was kept
	// (nothing stored since) and nothing was typed in it yet; a field of a numbered row only where
	// that row still shows the same stored row (its id). Per page: its path and the form's scope.
	const PREFIX = 'tweespraak-form:';
	const MAX_AGE_MS = 60 * 60 * 1000;
	const kept = (field) =>
		field.name &&
		!field.disabled &&
		(field instanceof HTMLTextAreaElement ||
			(field instanceof HTMLSelectElement && !field.multiple) ||
			(field instanceof HTMLInputElement && !/^(hidden|password|file|submit|button|image|reset)$/.test(field.type)));
	const checkable = (field) => field.type === 'radio' || field.type === 'checkbox';
	// What a field showed as the page came; a dropdown, its option marked chosen, else its first.
	const shownIn = (field) => {
		if (!(field instanceof HTMLSelectElement)) return field.defaultValue;
		const option = Array.from(field.options).find((option) => option.defaultSelected) || field.options[0];
		return option ? option.value : '';
	};
	const changed = (field) => (checkable(field) ? field.checked !== field.defaultChecked : field.value !== shownIn(field));
	// The page, not its query (a staff page answers a post in place, at `?/action`), and the form's scope.
	const keyOf = (form) => PREFIX + location.pathname + '#' + (form.getAttribute('data-draft-scope') || '');
	// The id of the stored row a numbered field (`q3Text`) showed, from its `__row:<name>` beside it
	// (src/lib/page-form.ts, ROW_PREFIX); null for a field of no row.
	const rowOf = (form, name, nth) => {
		const marks = Array.from(form.elements).filter((field) => field.name === '__row:' + name);
		return marks[nth] ? marks[nth].value : null;
	};
	// What the server has stored in a field: the hash its page form sends beside it (`__orig:<name>`,
	// src/lib/page-form.ts), else what the field showed: its text, whether it is ticked, a choice.
	const originOf = (form, field, nth) => {
		const marks = Array.from(form.elements).filter((other) => other.name === '__orig:' + field.name);
		const mark = field.type === 'radio' ? marks.length === 1 && marks[0] : marks[nth];
		if (mark) return mark.value;
		if (field.type !== 'radio') return checkable(field) ? field.defaultChecked : shownIn(field);
		const chosen = Array.from(form.elements).find((other) => other.type === 'radio' && other.name === field.name && other.defaultChecked);
		return chosen ? chosen.value : '';
	};
	// A text or choice the server shows again, typed or chosen on this page before and not sent (`data-draft`).
	const showsDraft = (field) =>
		field.hasAttribute('data-draft') ||
		(field.type === 'radio' &&
			field.defaultChecked &&
			!!field.closest('fieldset') &&
			!!field.closest('fieldset').querySelector('[data-draft]'));
	function storage() {
		try {
			return window.sessionStorage;
		} catch {
			return null;
		}
	}
	function keep(form, sent) {
		const store = storage();
		if (!store || !form.id) return;
		const fields = [];
		const seen = {};
		for (const field of Array.from(form.elements)) {
			if (!kept(field)) continue;
			// Several items may each have a field of the same name: the how-manieth of that name it is.
			const nth = (seen[field.name] = (seen[field.name] || 0) + 1) - 1;
			if (changed(field) || showsDraft(field))
				fields.push([
					field.name,
					nth,
					field.value,
					checkable(field) ? field.checked : null,
					rowOf(form, field.name, nth),
					originOf(form, field, nth)
				]);
		}
		try {
			if (fields.length === 0) store.removeItem(keyOf(form));
			else store.setItem(keyOf(form), JSON.stringify({ form: form.id, at: Date.now(), sent: sent, counts: seen, fields: fields }));
		} catch {
			// Storage full or refused: the page works as before.
		}
	}
	document.addEventListener('submit', function (event) {
		const form = event.target;
		if (!event.defaultPrevented && form instanceof HTMLFormElement && form.method === 'post') keep(form, true);
	});
	const edited = (event) => {
		const form = event.target && event.target.form;
		if (form instanceof HTMLFormElement && form.hasAttribute('data-draft-scope')) keep(form, false);
	};
	document.addEventListener('input', edited);
	document.addEventListener('change', edited);

	function fill(form, saved) {
		let filled = false;
		const fieldsNamed = (name) => Array.from(form.elements).filter((field) => kept(field) && field.name === name);
		for (const [name, nth, value, checked, row, shown] of saved.fields) {
			const named = fieldsNamed(name);
			const field = named[nth];
			// The page has more or fewer of these fields now (an item came or went): which is which is unsure.
			if (!field || typeof value !== 'string' || !saved.counts || named.length !== saved.counts[name]) continue;
			// A numbered row's field now shows another row (a colleague added or removed one): not its text.
			if (typeof row === 'string' && rowOf(form, name, nth) !== row) continue;
			// Stored since, or already typed in or chosen on this page: left as it is.
			if (originOf(form, field, nth) !== shown || changed(field)) continue;
			if (typeof checked === 'boolean') {
				if (field.value !== value || field.checked === checked) continue;
				field.checked = checked;
			} else {
				// A dropdown's choice only where the page still offers it.
				const offered = !(field instanceof HTMLSelectElement) || Array.from(field.options).some((option) => option.value === value);
				if (field.value === value || !offered) continue;
				field.value = value;
			}
			filled = true;
		}
		// A field put back in a closed section is shown: the person must see what is waiting to be sent.
		for (const field of Array.from(form.elements)) {
			if (!kept(field) || !changed(field)) continue;
			for (let open = field.closest('details'); open; open = open.parentElement && open.parentElement.closest('details')) open.open = true;
		}
		return filled;
	}
	function bringBack() {
		const store = storage();
		if (!store) return;
		const entry = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
		const how = entry ? entry.type : 'navigate';
		const scoped = document.querySelector('form[data-draft-scope]');
		for (const key of Object.keys(store)) {
			if (key.indexOf(PREFIX) !== 0) continue;
			let saved = null;
			try {
				saved = JSON.parse(store.getItem(key));
			} catch {
				// Unreadable: dropped below.
			}
			const form = saved && document.getElementById(saved.form);
			const ours = form instanceof HTMLFormElement && keyOf(form) === key;
			const otherScopeHere = scoped && !ours && key.indexOf(PREFIX + location.pathname + '#') === 0;
			if (!saved || !(Date.now() - saved.at < MAX_AGE_MS) || (saved.sent && how === 'navigate') || otherScopeHere) {
				store.removeItem(key);
			} else if (ours) {
				const said = fill(form, saved) && document.getElementById(saved.sent ? 'restored-notice' : 'draft-notice');
				if (said) said.hidden = false;
				// The draft is now what the page shows: what found no place (stored since) goes.
				if (!saved.sent) keep(form, false);
			}
		}
	}
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', bringBack);
	else bringBack();
})();
