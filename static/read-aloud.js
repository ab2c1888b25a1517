// Read aloud (docs/decisions/021): a button beside a client question, its choices and the reveal
// summary speaks its text with the phone's own voice for the text's language (Web Speech API).
// Nothing leaves the phone. Without JavaScript, or without a voice for the language, the buttons
// stay hidden and the page works as before.
(() => {
	if (window.__tweespraakReadAloud || !('speechSynthesis' in window) || !('SpeechSynthesisUtterance' in window)) return;
	window.__tweespraakReadAloud = true;
	const synth = window.speechSynthesis;

	/** The best voice for a language: the exact tag, else the same language ("ar" for "ar-SA"). */
	function voiceFor(lang) {
		const voices = synth.getVoices() || [];
		const base = lang.toLowerCase().split('-')[0];
		return (
			voices.find((voice) => voice.lang && voice.lang.toLowerCase() === lang.toLowerCase()) ||
			voices.find((voice) => voice.lang && voice.lang.toLowerCase().split(/[-_]/)[0] === base) ||
			null
		);
	}

	function showButtons() {
		const buttons = document.querySelectorAll('button[data-read-aloud]');
		for (let i = 0; i < buttons.length; i++) buttons[i].hidden = !voiceFor(buttons[i].getAttribute('data-lang') || 'nl');
	}

	document.addEventListener('click', (event) => {
		const button = event.target instanceof Element ? event.target.closest('button[data-read-aloud]') : null;
		if (!button) return;
		const lang = button.getAttribute('data-lang') || 'nl';
		const voice = voiceFor(lang);
		if (!voice) return;
		synth.cancel();
		const utterance = new SpeechSynthesisUtterance(button.getAttribute('data-text') || '');
		utterance.lang = voice.lang || lang;
		utterance.voice = voice;
		synth.speak(utterance);
	});

	showButtons();
	// Most browsers load their voices after the page: look again when they arrive.
	if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', showButtons);
})();
