import * as v from 'valibot';
import { sentString } from '#lib/server/shared/validation.ts';
import { isCalendarDate } from '#lib/server/collaborations/collaborations.models.ts';
import {
	isPreparationPart,
	PREPARATION_PARTS,
	PREPARATION_TEXT_MAX,
	parseCardChoice,
	type CardChoice,
	type PreparationInput,
	type PreparationPart
} from './preparation.models.ts';
import { LINK_DELIVERIES, type LinkDelivery } from './schedule.usecases.ts';

/** The form sends every field, also those of a part it does not show (as hidden fields): a post without one saves nothing. */
const sentText = v.pipe(sentString, v.maxLength(PREPARATION_TEXT_MAX, 'validation_too_long'));
const choices = v.pipe(v.array(v.pipe(v.string(), v.maxLength(200, 'validation_choice'))), v.maxLength(60, 'validation_choice'));

/** The preparation form (participant and professional alike); `card` and `safety` are checkbox lists. */
export const preparationSchema = v.object({
	wishes: sentText,
	card: choices,
	momentA: sentText,
	momentB: sentText,
	momentC: sentText,
	/** The card the moment is about, `<deckId>:<cardKey>`, or empty for none. */
	momentCard: v.pipe(sentString, v.maxLength(200, 'validation_choice')),
	safety: choices,
	safetyOwn: sentText
});

export const PREPARATION_ARRAYS = ['card', 'safety'] as const;

/** Sharing or taking back parts of one's preparation: `part` is a checkbox list (or one hidden field). */
export const sharePartsSchema = v.object({
	part: v.pipe(
		v.array(v.pipe(v.string(), v.check(isPreparationPart, 'error_preparation_invalid_part'))),
		v.minLength(1, 'error_preparation_invalid_part'),
		v.maxLength(PREPARATION_PARTS.length, 'error_preparation_invalid_part')
	)
});

export const SHARE_ARRAYS = ['part'] as const;

/** The checked parts as the usecase takes them. */
export function toParts(form: v.InferOutput<typeof sharePartsSchema>): PreparationPart[] {
	return form.part.filter(isPreparationPart);
}

/** The form's values as the usecase takes them; a malformed card value becomes one that is refused as unknown. */
export function toPreparationInput(form: v.InferOutput<typeof preparationSchema>): PreparationInput {
	const cards: CardChoice[] = form.card.map((value) => parseCardChoice(value) ?? { deckId: '', cardKey: value });
	return {
		wishes: form.wishes,
		cards,
		momentA: form.momentA,
		momentB: form.momentB,
		momentC: form.momentC,
		momentCard: form.momentCard ? (parseCardChoice(form.momentCard) ?? { deckId: '', cardKey: form.momentCard }) : null,
		safety: form.safety,
		safetyOwn: form.safetyOwn
	};
}

export const scheduleSchema = v.object({
	scheduledOn: v.pipe(
		v.string('validation_required'),
		v.trim(),
		v.nonEmpty('validation_required'),
		v.check(isCalendarDate, 'validation_date')
	)
});

/** `delivery-<participantId>` radios: how each participant gets their link. Unknown values count as none. */
export function readDeliveries(formData: FormData): Record<string, LinkDelivery> {
	const deliveries: Record<string, LinkDelivery> = {};
	for (const [name, value] of formData.entries()) {
		if (!name.startsWith('delivery-') || typeof value !== 'string') continue;
		const participantId = name.slice('delivery-'.length, 'delivery-'.length + 64);
		deliveries[participantId] = (LINK_DELIVERIES as readonly string[]).includes(value) ? (value as LinkDelivery) : 'none';
	}
	return deliveries;
}

export const linkActionSchema = v.object({
	partyId: v.pipe(v.string('validation_choice'), v.trim(), v.nonEmpty('validation_choice'), v.maxLength(64, 'validation_choice'))
});
