import * as v from 'valibot';

/** Why an erasure was asked for: a code, never typed text (the text could name the client). */
export const ERASURE_REASONS = ['clientRequest', 'consentWithdrawn', 'unlawful', 'noLongerNeeded'] as const;
export type ErasureReasonCode = (typeof ERASURE_REASONS)[number];

export const erasureRequestSchema = v.object({
	targetType: v.picklist(['collaboration', 'participant'], 'validation_choice'),
	reference: v.pipe(v.string('validation_required'), v.trim(), v.toLowerCase(), v.uuid('erasure_reference_invalid')),
	reason: v.picklist(ERASURE_REASONS, 'validation_choice')
});

export type ErasureRequestInput = v.InferOutput<typeof erasureRequestSchema>;

export const erasureDecisionSchema = v.object({
	requestId: v.pipe(v.string('validation_required'), v.uuid('validation_choice'))
});
