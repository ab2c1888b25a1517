import { answerModeOf, answerSentence, scaleRangeText } from '#lib/answer-scale.ts';
import type { ClientLocale } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import type { ConversationView } from '#lib/server/conversations/conversations.views.ts';
import type { RenderedItem, RenderedScale } from '#lib/server/instruments/instruments.models.ts';
import { answerInWords } from './answer-words.ts';
import { partyName } from './party-name.ts';

/**
 * What the read-aloud button of one question says: the question, then its choices in order (the
 * line's ends, the smileys, or a choice in words' options); an open question is the question alone.
 */
export function questionText(item: RenderedItem, scale: RenderedScale, child: boolean, locale: ClientLocale): string {
	if (item.answer?.type === 'choice') return `${item.text} ${item.answer.options.map((option) => option.label).join(', ')}.`;
	if (item.answer) return item.text;
	const choices = child ? scale.smileys.map((smiley) => smiley.label).join(', ') : scaleRangeText(scale, locale);
	return `${item.text} ${choices}.`;
}

/**
 * The reveal in one text, item by item in the reveal's order: "Omgang: Jij: 7 van 10; Pieter: 3
 * van 10.", then the questions in words as each answered them ("Waar merk je het meest?: Jij:
 * Thuis; Pieter: Werk."), so someone who listens hears what the page shows.
 */
export function revealSummaryText(
	view: Pick<ConversationView, 'gaps' | 'items' | 'parties' | 'scale'> & Partial<Pick<ConversationView, 'texts'>>,
	locale: ClientLocale
): string {
	const nameOf = (partyId: string) => {
		const party = view.parties.find((p) => p.id === partyId);
		return party ? partyName(party, false) : '';
	};
	const modeOf = (partyId: string) => answerModeOf(view.parties.find((p) => p.id === partyId)?.audience ?? 'adult');
	return (view.gaps ?? [])
		.map((gap) => {
			const label = view.items.find((item) => item.key === gap.itemKey)?.label ?? gap.itemKey;
			const values = gap.values.map((v) =>
				m.reveal_value({ name: nameOf(v.partyId), value: answerSentence(v.value, view.scale, modeOf(v.partyId), locale) })
			);
			return `${label}: ${values.join('; ')}.`;
		})
		.concat(
			view.items
				.filter((item) => item.answer)
				.flatMap((item) => {
					const said = (view.texts ?? []).flatMap((entry) => {
						const words = answerInWords(item, entry.texts[item.key]);
						return words ? [m.reveal_value({ name: nameOf(entry.partyId), value: words })] : [];
					});
					return said.length > 0 ? [`${item.label}: ${said.join('; ')}.`] : [];
				})
		)
		.join(' ');
}
