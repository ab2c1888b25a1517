// Live updates for the participant's screen, which ships no other JavaScript (docs/decisions/004).
// The server says only "something changed"; this script then loads the page again, so the server
// decides what this device may see. It never reloads over answers chosen or typed but not yet
// sent: then it says so in a polite live region and waits until the form has been sent.
(() => {
	const root = document.querySelector('[data-live]');
	if (!root || !('EventSource' in window)) return;
	const status = root.querySelector('[data-live-status]');
	let waiting = false;

	function isChanged(form) {
		if (form.hasAttribute('data-unsent')) return true;
		for (let i = 0; i < form.elements.length; i++) {
			const field = form.elements[i];
			if (field.type === 'radio' || field.type === 'checkbox') {
				if (field.checked !== field.defaultChecked) return true;
			} else if (field instanceof HTMLSelectElement) {
				// A dropdown has no defaultValue: it showed the option marked chosen, else its first.
				const shown = Array.from(field.options).find((option) => option.defaultSelected) || field.options[0];
				if (shown && field.value !== shown.value) return true;
			} else if (field.type !== 'hidden' && 'defaultValue' in field && field.value !== field.defaultValue) {
				return true;
			}
		}
		return false;
	}

	function hasUnsentInput() {
		// Text typed or a choice made before another button was pressed, shown again and not sent yet (src/lib/page-form.ts).
		if (document.querySelector('main [data-draft]')) return true;
		const forms = document.querySelectorAll('main form');
		for (let i = 0; i < forms.length; i++) if (isChanged(forms[i])) return true;
		return false;
	}

	function say(text) {
		if (!status) return;
		status.textContent = '';
		setTimeout(function () {
			status.textContent = text;
		}, 50);
	}

	function refresh() {
		if (hasUnsentInput()) {
			if (!waiting) say(root.getAttribute('data-unsent-text') || '');
			waiting = true;
			return;
		}
		// A plain GET of this page: never re-send a form the page came from. Only the step a
		// client is on (preparation, one step at a time) is kept; one-off notices are not.
		const step = new URLSearchParams(window.location.search).get('step');
		window.location.replace(window.location.pathname + (step && /^\d{1,2}$/.test(step) ? '?step=' + step : ''));
	}

	// The conversation's version this page shows: a change it already shows (this device's own
	// save, say) needs no second load. Every change a page shows raises the version (a name
	// claimed or freed and a preparation shared too); a "resync" (the server may have missed
	// events) always loads the page again.
	const shown = root.hasAttribute('data-version') ? Number(root.getAttribute('data-version')) : NaN;
	function onChange(event) {
		let data = null;
		try {
			data = JSON.parse(event.data);
		} catch {
			// Without a readable version the page loads itself again, to be sure.
		}
		const alreadyShown =
			data !== null && Number.isFinite(shown) && typeof data.version === 'number' && data.version <= shown && data.type !== 'resync';
		if (!alreadyShown) refresh();
	}

	const source = new EventSource(root.getAttribute('data-live'));
	let lost = false;
	source.addEventListener('change', onChange);
	source.addEventListener('error', function () {
		lost = true;
	});
	source.addEventListener('open', function () {
		// Changes may have happened while the connection was down.
		if (lost) refresh();
		lost = false;
	});
	// Once the changed answers are undone, a waiting update goes ahead.
	document.addEventListener('change', function () {
		if (waiting && !hasUnsentInput()) refresh();
	});
	// A form being sent loads the page the server answers with, which shows every change: this
	// page must not load itself again meanwhile (that would cut across the answer).
	document.addEventListener('submit', function () {
		source.close();
	});
	window.addEventListener('pagehide', function () {
		source.close();
	});
})();
