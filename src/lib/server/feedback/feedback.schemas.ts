import * as v from 'valibot';

/** Which participant a link is for; whether that party belongs to the feedback is the usecase's answer. */
export const feedbackPartySchema = v.object({
	partyId: v.pipe(v.string('validation_choice'), v.trim(), v.nonEmpty('validation_choice'), v.maxLength(64, 'validation_choice'))
});

/** How the professional asks: here and now (code, QR, hand-over) or with a personal link. */
export const startFeedbackSchema = v.object({
	via: v.optional(v.picklist(['spot', 'link'], 'validation_choice'), 'spot')
});
