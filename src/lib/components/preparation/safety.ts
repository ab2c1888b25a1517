import * as m from '#lib/paraglide/messages.js';
import { translate } from '#lib/i18n.ts';
import { SAFETY_SUGGESTIONS } from '#lib/safety-suggestions.ts';

/** The fixed safety suggestions with their words in the current language (messages `prep_safety_<key>`). */
export function safetyOptions(): { key: string; label: string }[] {
	return SAFETY_SUGGESTIONS.map((key) => ({ key, label: safetyLabel(key) }));
}

export function safetyLabel(key: string): string {
	return translate(`prep_safety_${key}`, {}, m.prep_view_empty);
}
