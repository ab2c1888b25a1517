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
})();
