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

	// A connection that drops while a form is being sent ends on the browser's own error page, and
	// going back may bring the page again empty. So what a form sends is kept in this tab's
	// sessionStorage (this device only, gone when the tab closes) until a page is reached by a
	// plain navigation, as the redirect after every accepted post is. Brought back (by Back or
	// reload) to the page it was sent from, it fills the fields that still show what the server
	// put there, and says so; a field of a numbered row only where that row still shows the same
	// stored row (its id). Never a password or a file.
	const KEY = 'tweespraak-sending';
	const MAX_AGE_MS = 60 * 60 * 1000;
	const kept = (field) =>
		field.name &&
		!field.disabled &&
		(field instanceof HTMLTextAreaElement ||
			(field instanceof HTMLInputElement && !/^(hidden|password|file|submit|button|image|reset)$/.test(field.type)));
	// The page, not its query: a staff page answers a post in place, at `?/action`.
	const here = () => location.pathname;
	// The id of the stored row a numbered field (`q3Text`) showed, from its `__row:<name>` beside it
	// (src/lib/page-form.ts, ROW_PREFIX); null for a field of no row.
	const rowOf = (form, name, nth) => {
		const marks = Array.from(form.elements).filter((field) => field.name === '__row:' + name);
		return marks[nth] ? marks[nth].value : null;
	};
	function storage() {
		try {
			return window.sessionStorage;
		} catch {
			return null;
		}
	}
	document.addEventListener('submit', function (event) {
		const form = event.target;
		const store = storage();
		if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method !== 'post' || !form.id || !store) return;
		const fields = [];
		const seen = {};
		for (const field of Array.from(form.elements)) {
			if (!kept(field)) continue;
			// Several items may each have a field of the same name: the how-manieth of that name it is.
			const nth = (seen[field.name] = (seen[field.name] || 0) + 1) - 1;
			const row = rowOf(form, field.name, nth);
			if (field.type === 'radio' || field.type === 'checkbox') {
				if (field.checked !== field.defaultChecked) fields.push([field.name, nth, field.value, field.checked, row]);
			} else if (field.value !== field.defaultValue) fields.push([field.name, nth, field.value, null, row]);
		}
		try {
			if (fields.length === 0) store.removeItem(KEY);
			else store.setItem(KEY, JSON.stringify({ page: here(), form: form.id, at: Date.now(), counts: seen, fields: fields }));
		} catch {
			// Storage full or refused: the post goes ahead as before.
		}
	});
	function bringBack() {
		const store = storage();
		const text = store && store.getItem(KEY);
		if (!text) return;
		const entry = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
		const how = entry ? entry.type : 'navigate';
		let saved = null;
		try {
			saved = JSON.parse(text);
		} catch {
			// Unreadable: dropped below.
		}
		if (how === 'navigate' || !saved || saved.page !== here() || !(Date.now() - saved.at < MAX_AGE_MS)) {
			if (how === 'navigate' || !saved || !(Date.now() - saved.at < MAX_AGE_MS)) store.removeItem(KEY);
			return;
		}
		const form = saved.form ? document.getElementById(saved.form) : null;
		if (!(form instanceof HTMLFormElement)) return;
		let filled = false;
		const fieldsNamed = (name) => Array.from(form.elements).filter((field) => kept(field) && field.name === name);
		for (const [name, nth, value, checked, row] of saved.fields) {
			const named = fieldsNamed(name);
			// The page has more or fewer of these fields now (an item came or went): which is which is unsure.
			if (typeof value !== 'string' || !saved.counts || named.length !== saved.counts[name]) continue;
			// A numbered row's field now shows another row (a colleague added or removed one): not its text.
			if (typeof row === 'string' && rowOf(form, name, nth) !== row) continue;
			if (typeof checked === 'boolean') {
				const field = named[nth];
				if (!field || field.value !== value || field.checked !== field.defaultChecked || field.checked === checked) continue;
				// A choice the page shows (stored before) stays; only an unchosen one is filled.
				if (field.type === 'radio' && named.some((other) => other.type === 'radio' && other.defaultChecked)) continue;
				field.checked = checked;
				filled = true;
			} else {
				const field = named[nth];
				if (!field || field.value !== field.defaultValue || field.value === value) continue;
				field.value = value;
				filled = true;
			}
		}
		// A field put back in a closed section is shown: the person must see what is waiting to be sent.
		for (const field of Array.from(form.elements)) {
			if (
				!kept(field) ||
				(field.type === 'radio' || field.type === 'checkbox' ? field.checked === field.defaultChecked : field.value === field.defaultValue)
			)
				continue;
			for (let open = field.closest('details'); open; open = open.parentElement && open.parentElement.closest('details')) open.open = true;
		}
		const said = document.getElementById('restored-notice');
		if (filled && said) said.hidden = false;
	}
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', bringBack);
	else bringBack();
})();
